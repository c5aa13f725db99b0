package dev.arbiter.query;

import dev.arbiter.catalog.ActionInfo;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.Glob;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits the actions of the service catalog that an action pattern matches into classes on which
 * every policy consulted decides alike, and names one action of each: evaluating those examples
 * decides "some action matching the pattern" exactly (docs/reasoning.md, "Quantified queries").
 *
 * <p>For a fixed principal, resource and context, the evaluator's decision depends on the action
 * only through which statements' {@code Action}/{@code NotAction} lists match it, which patterns
 * naming every resource of a service ({@code arn:P:SERVICE:R:A:*}) name its service (they cover the
 * resource {@code *} of that service's actions, docs/semantics.md §12.16), and the actions it
 * treats apart: those AWS decides without policies (sts:GetCallerIdentity, sts:GetSessionToken,
 * §9.12), kms:RetireGrant (exempt from RCPs), and the actions decided on a role's trust policy. Two
 * actions alike in all of these are decided alike.
 */
final class ActionClasses {
  private ActionClasses() {}

  /**
   * A class of actions decided alike.
   *
   * @param example the first of them in catalog order, as the catalog spells it
   * @param size how many catalog actions it holds
   */
  record ActionClass(String example, int size) {}

  /** The classes of {@code actions} (catalog actions) by the statements of {@code policies}. */
  static List<ActionClass> split(List<ActionInfo> actions, List<Policy> policies) {
    List<String> lower = new ArrayList<>();
    Map<String, List<Integer>> byService = new HashMap<>();
    for (int i = 0; i < actions.size(); i++) {
      String name = actions.get(i).fullName().toLowerCase(Locale.ROOT);
      lower.add(name);
      byService.computeIfAbsent(service(name), s -> new ArrayList<>()).add(i);
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      all.add(i);
    }
    BitSet[] matched = new BitSet[actions.size()];
    for (int i = 0; i < matched.length; i++) {
      matched[i] = new BitSet();
    }
    List<Glob> serviceWide = new ArrayList<>();
    int index = 0;
    for (Policy policy : policies) {
      for (Statement statement : policy.statements()) {
        statement
            .resources()
            .ifPresent(
                element ->
                    element.patterns().stream()
                        .flatMap(p -> p.arn().stream())
                        .filter(arn -> arn.resource().equals("*"))
                        .forEach(
                            arn ->
                                serviceWide.add(Glob.of(arn.service().toLowerCase(Locale.ROOT)))));
        for (ActionPattern pattern : statement.actions().patterns()) {
          String text = pattern.text().toLowerCase(Locale.ROOT);
          String service = service(text);
          // A pattern whose service part has no wildcard matches only that service's actions.
          List<Integer> candidates =
              Glob.hasWildcard(service) ? all : byService.getOrDefault(service, List.of());
          Glob glob = Glob.of(text);
          for (int i : candidates) {
            if (!matched[i].get(index) && glob.matches(lower.get(i))) {
              matched[i].set(index);
            }
          }
        }
        index++;
      }
    }
    Map<String, BitSet> services = new HashMap<>();
    Map<String, ActionClass> classes = new LinkedHashMap<>();
    for (int i = 0; i < actions.size(); i++) {
      String name = lower.get(i);
      BitSet wide =
          services.computeIfAbsent(
              service(name),
              service -> {
                BitSet out = new BitSet();
                for (int g = 0; g < serviceWide.size(); g++) {
                  out.set(g, serviceWide.get(g).matches(service));
                }
                return out;
              });
      String key = wide + "|" + special(name) + "|" + matched[i];
      String example = actions.get(i).fullName();
      classes.merge(
          key, new ActionClass(example, 1), (a, b) -> new ActionClass(a.example(), a.size() + 1));
    }
    return List.copyOf(classes.values());
  }

  /** The text before the first colon (the whole text without one). */
  private static String service(String lowerAction) {
    int colon = lowerAction.indexOf(':');
    return colon < 0 ? lowerAction : lowerAction.substring(0, colon);
  }

  /** The action itself when the evaluator treats it apart, else empty. */
  private static String special(String lowerAction) {
    boolean apart =
        lowerAction.equals("sts:getcalleridentity")
            || lowerAction.equals("sts:getsessiontoken")
            || lowerAction.equals("kms:retiregrant")
            || lowerAction.startsWith("sts:assumerole")
            || lowerAction.equals("sts:tagsession")
            || lowerAction.equals("sts:setsourceidentity");
    return apart ? lowerAction : "";
  }
}
