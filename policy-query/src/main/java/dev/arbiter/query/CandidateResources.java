package dev.arbiter.query;

import dev.arbiter.account.AccountSnapshot;
import dev.arbiter.account.IamRole;
import dev.arbiter.account.ResourcePolicies;
import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the resources {@code what can} tries when the question names none: those the principal's
 * Allow statements name (a pattern is tried as written: {@code bucket/*} stands for "some object of
 * the bucket"), those of the loaded resource policies and the roles, by service, with {@code *}
 * last.
 */
final class CandidateResources {
  private final List<AccountSnapshot> accounts;
  private final ResourcePolicies resources;
  private final PolicyAssembler assembler;
  private final PrincipalContext principalContext;

  CandidateResources(
      List<AccountSnapshot> accounts,
      ResourcePolicies resources,
      PolicyAssembler assembler,
      PrincipalContext principalContext) {
    this.accounts = accounts;
    this.resources = resources;
    this.assembler = assembler;
    this.principalContext = principalContext;
  }

  /** The resources to try for each service prefix; a service not listed is tried on {@code *}. */
  Map<String, List<String>> byService(AccountPrincipal caller, Map<String, List<String>> context) {
    Map<String, Set<String>> byService = new LinkedHashMap<>();
    for (NamedPolicy policy : assembler.identity(caller).policies()) {
      for (Statement statement : policy.policy().statements()) {
        if (statement.effect() != Effect.ALLOW || statement.resources().isEmpty()) {
          continue;
        }
        if (statement.resources().get().negated()) {
          continue; // NotResource grants on everything else: "*" below stands for that
        }
        for (ResourcePattern pattern : statement.resources().get().patterns()) {
          String text = substitute(pattern.text(), caller, context);
          Arn.tryParse(text)
              .ifPresent(
                  arn ->
                      byService
                          .computeIfAbsent(arn.service(), k -> new LinkedHashSet<>())
                          .add(text));
        }
      }
    }
    for (String arn : resources.all().keySet()) {
      Arn.tryParse(arn)
          .ifPresent(
              a -> byService.computeIfAbsent(a.service(), k -> new LinkedHashSet<>()).add(arn));
    }
    for (AccountSnapshot account : accounts) {
      for (IamRole role : account.roles()) {
        byService.computeIfAbsent("sts", k -> new LinkedHashSet<>()).add(role.arn());
      }
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    byService.forEach(
        (service, arns) -> {
          List<String> list = new ArrayList<>(arns);
          list.add("*");
          out.put(service, List.copyOf(list));
        });
    return out;
  }

  /** Replaces the variables the principal's keys and the single given values answer. */
  private String substitute(
      String text, AccountPrincipal caller, Map<String, List<String>> context) {
    if (!text.contains("${")) {
      return text;
    }
    String out = text;
    for (Map.Entry<String, String> entry : principalContext.principalKeys(caller).entrySet()) {
      out = out.replace("${" + entry.getKey() + "}", entry.getValue());
    }
    for (Map.Entry<String, List<String>> entry : context.entrySet()) {
      if (entry.getValue().size() == 1) {
        out = out.replace("${" + entry.getKey() + "}", entry.getValue().get(0));
      }
    }
    return out;
  }
}
