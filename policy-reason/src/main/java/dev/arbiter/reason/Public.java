package dev.arbiter.reason;

import dev.arbiter.eval.Request;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionBlock;
import dev.arbiter.policy.ConditionOperator;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.SetQualifier;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.Cidr;
import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@link Reasoner#noPublicAccess}: whether a resource or trust policy grants anything to the
 * public, an adversary described by docs/reasoning.md ("No public access"). The adversary is a
 * request whose caller is anonymous, in an account the policy does not name, or signed in with a
 * public web identity provider; whose keys that restrict who the caller is (aws:PrincipalOrgID,
 * aws:SourceVpce and the others of {@link #RESTRICTING}) are absent or hold a value the policy does
 * not fix (a value without wildcards or variables that the policy writes for that key); whose
 * aws:SourceIp is outside every block the policy names other than a {@code /0}; and whose other
 * keys are free. This is S3's fixed-value rule (AWS SDK reference,
 * "PublicAccessBlockConfiguration") and Access Analyzer's: a grant conditioned on {@code vpce-1a2b}
 * is not public, one on {@code vpce-*} is.
 */
final class Public {
  private Public() {}

  /**
   * The condition keys (lower-case) whose fixed values restrict a grant to known callers: the
   * principal's identity and organization, the resource or account a service acts for, the network
   * path, and the claims of the public web identity providers (Access Analyzer's filter keys; the
   * S3 list in "PublicAccessBlockConfiguration"; IAM User Guide, "AWS global condition context
   * keys").
   */
  static final Set<String> RESTRICTING =
      Set.of(
          "aws:principalaccount",
          "aws:principalarn",
          "aws:principalorgid",
          "aws:principalorgpaths",
          "aws:principalservicename",
          "aws:userid",
          "aws:sourceaccount",
          "aws:sourcearn",
          "aws:sourceowner",
          "aws:sourcevpc",
          "aws:sourcevpce",
          "aws:sourceorgid",
          "aws:sourceorgpaths",
          "aws:vpceaccount",
          "aws:vpceorgid",
          "aws:vpceorgpaths",
          "kms:calleraccount",
          "s3:dataaccesspointaccount",
          "s3:dataaccesspointarn",
          "s3:x-amz-server-side-encryption-aws-kms-key-id",
          "cognito-identity.amazonaws.com:aud",
          "accounts.google.com:aud",
          "accounts.google.com:oaud",
          "accounts.google.com:sub",
          "graph.facebook.com:app_id",
          "graph.facebook.com:id",
          "www.amazon.com:app_id",
          "www.amazon.com:user_id");

  /** Keys whose fixed values are account IDs: their literals name accounts the policy trusts. */
  private static final Set<String> ACCOUNT_KEYS =
      Set.of(
          "aws:principalaccount",
          "aws:sourceaccount",
          "aws:sourceowner",
          "aws:vpceaccount",
          "kms:calleraccount",
          "s3:dataaccesspointaccount");

  /**
   * Web identity providers anyone can sign in with (IAM User Guide, "Available keys for AWS web
   * identity federation"): a trust policy that lets them in without fixing the audience or subject
   * is public.
   */
  static final List<String> PUBLIC_PROVIDERS =
      List.of(
          "accounts.google.com",
          "graph.facebook.com",
          "www.amazon.com",
          "cognito-identity.amazonaws.com");

  /** Accounts the adversary is in: the first the policy does not name. */
  private static final List<String> OUTSIDERS =
      List.of("111122223333", "444455556666", "777788889999", "123456789012");

  /** Addresses tried, in order, as the adversary's IPv4 and IPv6 source. */
  private static final List<String> ADDRESSES =
      List.of("203.0.113.10", "198.51.100.10", "192.0.2.10", "2001:db8::10", "2001:db9::10");

  private static final String SOURCE_IP = "aws:sourceip";

  /** The adversary for one policy and type, and the policy as the encoder is to read it. */
  record Adversary(Policy policy, Cube cube, List<String> resources) {}

  static Adversary adversary(Policy policy, @Nullable PublicResourceType type) {
    Map<String, List<Automaton>> fixed = new TreeMap<>();
    Set<String> accounts = new TreeSet<>();
    List<String> resources = new ArrayList<>();
    for (Statement statement : policy.statements()) {
      statement
          .principals()
          .ifPresent(p -> p.all().forEach(one -> one.accountId().ifPresent(accounts::add)));
      statement
          .resources()
          .ifPresent(
              element -> {
                for (ResourcePattern pattern : element.patterns()) {
                  String text = pattern.text();
                  if (text.contains("${")) {
                    continue;
                  }
                  // The pattern with its wildcards filled with readable text, for counterexamples.
                  resources.add(text.replace("*", "example").replace('?', 'x'));
                  if (text.indexOf('*') < 0 && text.indexOf('?') < 0) {
                    pattern
                        .arn()
                        .map(Arn::account)
                        .filter(a -> !a.isEmpty())
                        .ifPresent(accounts::add);
                  }
                }
              });
      for (Condition condition : statement.conditions()) {
        String key = condition.key().normalized();
        if (!RESTRICTING.contains(key)) {
          continue;
        }
        boolean ignoreCase =
            condition.operator().base() == BaseOperator.STRING_EQUALS_IGNORE_CASE
                || condition.operator().base() == BaseOperator.STRING_NOT_EQUALS_IGNORE_CASE;
        for (ConditionValue value : condition.values()) {
          Automaton one = fixedValue(key, value, ignoreCase);
          if (one == null) {
            continue;
          }
          fixed.computeIfAbsent(key, k -> new ArrayList<>()).add(one);
          String text = value.text();
          if (ACCOUNT_KEYS.contains(key) && text.matches("[0-9]{12}")) {
            accounts.add(text);
          }
          Arn.tryParse(text)
              .map(Arn::account)
              .filter(a -> a.matches("[0-9]{12}"))
              .ifPresent(accounts::add);
        }
      }
    }
    // Every account the policy does not name is alike to it: the principal dimension tells accounts
    // apart only by the accounts its values name (a wildcard inside a principal value is not
    // modelled), and condition keys are not tied to the caller. So one user of one unnamed account
    // stands for every principal of every unnamed account, which keeps the dimension small.
    String outsider =
        OUTSIDERS.stream().filter(a -> !accounts.contains(a)).findFirst().orElseThrow();
    List<String> callers = new ArrayList<>();
    callers.add("anonymous");
    callers.add("arn:aws:iam::" + outsider + ":user/alice");
    callers.addAll(PUBLIC_PROVIDERS);
    Automaton principal = Strings.oneOf(callers);
    Map<String, KeySet> keys = new TreeMap<>();
    for (Map.Entry<String, List<Automaton>> entry : fixed.entrySet()) {
      // One union of all of a key's fixed values: adding them one by one minimizes each time.
      Automaton free = Strings.minus(Strings.ANY, Strings.union(entry.getValue()));
      KeySet.Term term = KeySet.Term.of(free, List.of());
      keys.put(
          entry.getKey(), new KeySet(true, true, free, term == null ? List.of() : List.of(term)));
    }
    // Requests of an AWS service carry aws:PrincipalIsAWSService true; the adversary is no service.
    keys.put("aws:principalisawsservice", new KeySet(true, false, Strings.FALSE, List.of()));
    Policy read = policy;
    List<String> outside = sourceIps(policy);
    if (outside != null) {
      Automaton addresses = Strings.oneOf(outside);
      keys.put(SOURCE_IP, new KeySet(true, false, addresses, List.of()));
      read = withSourceIpAs(policy, outside);
    }
    Automaton action = Strings.ANY;
    Automaton resource = Strings.ANY;
    if (type != null) {
      action = Strings.serviceActions(type.service());
      Automaton shape = Strings.resource(ResourcePattern.of(type.resourcePattern()).template());
      if (shape == null) {
        throw new IllegalStateException("resource pattern of " + type);
      }
      resource = shape;
      resources.add(type.exampleResource());
    }
    return new Adversary(read, new Cube(principal, action, resource, keys, -1), resources);
  }

  /**
   * The values a fixed condition value {@code value} of a restricting key excludes from the
   * adversary, or null if it is not fixed (has a wildcard or a variable). A value of aws:userid
   * {@code ROLEID:*} fixes the role (S3 reads it so: "a fixed value of aws:userid outside the
   * pattern AROLEID:*" is not public).
   */
  private static @Nullable Automaton fixedValue(
      String key, ConditionValue value, boolean ignoreCase) {
    String text = value.text();
    if (text.contains("${")) {
      return null;
    }
    if (key.equals("aws:userid") && text.endsWith(":*") && text.length() > 2) {
      String role = text.substring(0, text.length() - 2);
      if (role.indexOf('*') < 0 && role.indexOf('?') < 0) {
        return Strings.glob(role + ":*");
      }
    }
    if (text.indexOf('*') >= 0 || text.indexOf('?') >= 0) {
      return null;
    }
    if (ignoreCase) {
      Automaton folded = Strings.ignoringCase(text);
      return folded == null ? Strings.exactly(text) : folded;
    }
    return Strings.exactly(text);
  }

  /**
   * The adversary's source addresses: one IPv4 and one IPv6 address outside every aws:SourceIp
   * block the policy names other than a {@code /0}; every address of a family outside them is
   * treated alike by every IpAddress test of the policy, so these stand for all. Null if the policy
   * has no such test.
   */
  private static @Nullable List<String> sourceIps(Policy policy) {
    List<Cidr> blocks = new ArrayList<>();
    boolean any = false;
    for (Statement statement : policy.statements()) {
      for (Condition condition : statement.conditions()) {
        if (!condition.key().normalized().equals(SOURCE_IP)) {
          continue;
        }
        if (condition.operator().base().family() != BaseOperator.Family.IP_ADDRESS) {
          continue;
        }
        if (condition.operator().qualifier() != SetQualifier.NONE) {
          throw new Unmodelled(
              "the set operator " + condition.operator() + " on aws:SourceIp (not yet modelled)");
        }
        any = true;
        for (ConditionValue value : condition.values()) {
          Cidr block = Cidr.parse(value.text());
          if (block == null) {
            throw new Unmodelled(
                "the aws:SourceIp value " + value.text() + ", which is not an address block");
          }
          if (block.prefix() > 0) {
            blocks.add(block);
          }
        }
      }
    }
    if (!any) {
      return null;
    }
    List<String> out = new ArrayList<>();
    boolean v4 = false;
    boolean v6 = false;
    for (String address : candidates()) {
      byte[] bytes = Cidr.address(address);
      if (bytes == null || (bytes.length == 4 ? v4 : v6)) {
        continue;
      }
      if (blocks.stream().noneMatch(b -> b.contains(bytes))) {
        out.add(address);
        v4 |= bytes.length == 4;
        v6 |= bytes.length == 16;
      }
    }
    if (!v4 || !v6) {
      throw new Unmodelled(
          "aws:SourceIp blocks that leave no address of a family outside them among those tried");
    }
    return out;
  }

  private static List<String> candidates() {
    Set<String> out = new LinkedHashSet<>(ADDRESSES);
    for (int first = 1; first < 256; first += 2) {
      out.add(first + ".37.59.71");
      out.add(Integer.toHexString(first * 256) + "::7");
    }
    return List.copyOf(out);
  }

  /**
   * The policy with each IpAddress and NotIpAddress test of aws:SourceIp replaced by the String
   * test that holds for the same adversary addresses: the adversary's addresses inside its blocks.
   */
  private static Policy withSourceIpAs(Policy policy, List<String> addresses) {
    List<Statement> statements = new ArrayList<>();
    for (Statement statement : policy.statements()) {
      if (statement.condition().isEmpty()) {
        statements.add(statement);
        continue;
      }
      ConditionBlock block = statement.condition().get();
      List<Condition> conditions = new ArrayList<>();
      for (Condition condition : block.conditions()) {
        conditions.add(sourceIpAs(condition, addresses));
      }
      statements.add(
          new Statement(
              statement.sid(),
              statement.effect(),
              statement.principals(),
              statement.actions(),
              statement.resources(),
              Optional.of(new ConditionBlock(conditions, block.location())),
              statement.location()));
    }
    return new Policy(policy.version(), policy.id(), statements, policy.location());
  }

  private static Condition sourceIpAs(Condition condition, List<String> addresses) {
    ConditionOperator operator = condition.operator();
    if (!condition.key().normalized().equals(SOURCE_IP)
        || operator.base().family() != BaseOperator.Family.IP_ADDRESS
        || condition.values().isEmpty()) {
      return condition;
    }
    List<ConditionValue> inside = new ArrayList<>();
    for (String address : addresses) {
      byte[] bytes = Cidr.address(address);
      boolean in = false;
      for (ConditionValue value : condition.values()) {
        Cidr block = Cidr.parse(value.text());
        in |= block != null && bytes != null && block.contains(bytes);
      }
      if (in) {
        inside.add(ConditionValue.of(address));
      }
    }
    boolean negated = operator.base().negated();
    if (inside.isEmpty() && negated) {
      // NotIpAddress holds for every adversary address: a value none of them has.
      inside.add(ConditionValue.of("no-address"));
    }
    String name =
        (negated ? "StringNotEquals" : "StringEquals") + (operator.ifExists() ? "IfExists" : "");
    return new Condition(
        ConditionOperator.parse(name),
        condition.key(),
        inside,
        condition.operatorLocation(),
        condition.location());
  }

  /**
   * Who the public is in a confirmed counterexample, for the reason's sentence: the caller, and the
   * restricting keys the request must carry (the sample leaves out every key it may omit).
   */
  static String who(Request request) {
    String principal = request.principal();
    String out;
    if (principal.equals("anonymous")) {
      out = "anyone, anonymously";
    } else if (PUBLIC_PROVIDERS.contains(principal)) {
      out = "anyone who signs in with " + principal;
    } else {
      out = "principals of any AWS account the policy does not name";
    }
    List<String> present = new ArrayList<>();
    for (String key : new TreeSet<>(request.context().keys())) {
      if (RESTRICTING.contains(key) || key.equals(SOURCE_IP)) {
        present.add(key);
      }
    }
    if (!present.isEmpty()) {
      out +=
          ", with "
              + String.join(", ", present)
              + (present.size() == 1 ? " set to a value" : " set to values")
              + " the policy does not fix";
    }
    return out;
  }

  /**
   * A request in one of the cubes, preferring an anonymous caller and a resource the policy names
   * (else the type's example), so that the counterexample reads as the public would send it.
   */
  static @Nullable Request sample(
      List<Cube> cubes, Map<String, String> spellings, List<String> resources) {
    for (Cube cube : cubes) {
      Cube preferred = cube;
      if (preferred.principal().run("anonymous")) {
        preferred = preferred.withPrincipal(Strings.exactly("anonymous"));
      }
      for (String resource : resources) {
        if (preferred.resource().run(resource)) {
          preferred = preferred.withResource(Strings.exactly(resource));
          break;
        }
      }
      Request request = Replay.sample(List.of(preferred), spellings);
      if (request != null) {
        return request;
      }
    }
    return Replay.sample(cubes, spellings);
  }
}
