package dev.arbiter.eval;

import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Seeded random policy sets and requests over a small vocabulary, so that random statements often
 * apply to random requests. Policies are kept as JSON-like trees ({@link Map}, {@link List}, {@link
 * String}) and rendered to text, so tests can vary formatting, order and case.
 */
final class RandomScenarios {
  static final String A = "111100001111";
  static final String B = "222200002222";

  private static final String[] CALLERS = {
    "arn:aws:iam::" + A + ":user/alice",
    "arn:aws:iam::" + A + ":user/bob",
    "arn:aws:sts::" + A + ":assumed-role/app/s1",
    "arn:aws:sts::" + A + ":federated-user/fed1",
    "arn:aws:iam::" + A + ":root",
    "arn:aws:iam::" + B + ":user/carol",
    "arn:aws:sts::" + B + ":assumed-role/partner/s2",
    "arn:aws:iam::" + B + ":root",
    "anonymous",
    "logs.amazonaws.com",
    "accounts.google.com"
  };
  private static final String[] ACTIONS = {
    "s3:GetObject",
    "s3:PutObject",
    "s3:ListBucket",
    "sqs:SendMessage",
    "kms:Decrypt",
    "sts:AssumeRole",
    "ec2:RunInstances",
    "sts:GetCallerIdentity"
  };
  private static final String[] RESOURCES = {
    "arn:aws:s3:::bkt-a/x.txt",
    "arn:aws:s3:::bkt-a",
    "arn:aws:s3:::bkt-b/alice/y",
    "arn:aws:s3:::bkt-b/${aws:username}/y",
    "arn:aws:sqs:us-east-1:" + A + ":q",
    "arn:aws:kms:us-east-1:" + A + ":key/k1",
    "arn:aws:iam::" + A + ":role/target",
    "*"
  };
  private static final String[] ACTION_PATTERNS = {
    "*",
    "s3:*",
    "s3:Get*",
    "s3:GetObject",
    "s3:PutObject",
    "sqs:SendMessage",
    "kms:*",
    "sts:AssumeRole",
    "ec2:*",
    "s3:?etObject",
    "s3:*Object",
    "sqs:*",
    "*:*",
    "s?:get*",
    "sts:AssumeRole*",
    "KMS:Decrypt"
  };
  private static final String[] RESOURCE_PATTERNS = {
    "*",
    "arn:aws:s3:::bkt-a/*",
    "arn:aws:s3:::bkt-*",
    "arn:aws:s3:::bkt-a",
    "arn:aws:sqs:*:*:q",
    "arn:aws:kms:us-east-1:" + A + ":key/*",
    "arn:aws:iam::" + A + ":role/*",
    "arn:aws:s3:::bkt-b/${aws:username}/*",
    "arn:aws:*",
    "arn:aws:iam::*",
    "arn:aws:s3:::bkt-?",
    "arn:aws:*:*:" + A + ":*",
    "arn:aws:sqs:us-east-?:*:q",
    "arn:aws:s3:::bkt-${aws:PrincipalTag/Team, 'a'}*",
    "arn:aws:s3:::*"
  };
  private static final Object[] PRINCIPALS = {
    "*",
    Map.of("AWS", A),
    Map.of("AWS", "arn:aws:iam::" + A + ":user/alice"),
    Map.of("AWS", "arn:aws:iam::" + A + ":role/app"),
    Map.of("AWS", "arn:aws:sts::" + A + ":assumed-role/app/s1"),
    Map.of("AWS", B),
    Map.of("AWS", "arn:aws:iam::" + B + ":role/partner"),
    Map.of("Service", "logs.amazonaws.com"),
    Map.of(
        "AWS",
        List.of("arn:aws:iam::" + A + ":user/bob", "arn:aws:sts::" + A + ":federated-user/fed1"))
  };

  /**
   * One operator family: its operators, and the keys and policy values it is tried with. Values
   * include ones that do not parse (an Allow with them never applies, a Deny does) and policy
   * variables where the family takes them.
   */
  private static final class Family {
    private final String[] operators;
    private final String[] keys;
    private final String[] values;

    Family(String[] operators, String[] keys, String[] values) {
      this.operators = operators;
      this.keys = keys;
      this.values = values;
    }

    String[] operators() {
      return operators;
    }

    String[] keys() {
      return keys;
    }

    String[] values() {
      return values;
    }
  }

  private static final Family[] FAMILIES = {
    new Family(
        new String[] {
          "StringEquals",
          "StringNotEquals",
          "StringEqualsIgnoreCase",
          "StringNotEqualsIgnoreCase",
          "StringLike",
          "StringNotLike"
        },
        new String[] {"aws:username", "aws:PrincipalTag/Team", "aws:TagKeys", "s3:prefix"},
        new String[] {
          "alice",
          "bob",
          "RED",
          "red",
          "b*",
          "e*",
          "t?am",
          "env",
          "team",
          "",
          "home/${aws:username}/*",
          "${aws:username}",
          "${aws:PrincipalTag/Team, 'red'}",
          "home/${aws:PrincipalTag/Team}*",
          "${*}"
        }),
    new Family(
        new String[] {
          "NumericEquals",
          "NumericNotEquals",
          "NumericLessThan",
          "NumericLessThanEquals",
          "NumericGreaterThan",
          "NumericGreaterThanEquals"
        },
        new String[] {"s3:max-keys"},
        new String[] {"100", "50", "100.0", "-1", "99999999999999999999", "7.5"}),
    new Family(
        new String[] {
          "DateEquals",
          "DateNotEquals",
          "DateLessThan",
          "DateLessThanEquals",
          "DateGreaterThan",
          "DateGreaterThanEquals"
        },
        new String[] {"aws:CurrentTime", "aws:TokenIssueTime"},
        new String[] {
          "2024-01-01T00:00:00Z", "2024-01-01", "1704067200", "2025-06-01T00:00:00+02:00"
        }),
    new Family(
        new String[] {"Bool"},
        new String[] {"aws:SecureTransport", "aws:MultiFactorAuthPresent"},
        new String[] {"true", "false", "${aws:SecureTransport}"}),
    new Family(
        new String[] {"BinaryEquals"}, new String[] {"aws:Blob"}, new String[] {"QUJD", "AAEC"}),
    new Family(
        new String[] {"IpAddress", "NotIpAddress"},
        new String[] {"aws:SourceIp"},
        new String[] {
          "10.0.0.0/8",
          "192.168.0.0/16",
          "2001:db8::/32",
          "10.1.2.3",
          "10.1.2.77/24",
          "0.0.0.0/0",
          "::ffff:10.0.0.0/104"
        }),
    new Family(
        new String[] {"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"},
        new String[] {"aws:SourceArn", "aws:PrincipalArn"},
        new String[] {
          "arn:aws:s3:::bkt-*",
          "arn:aws:iam::*:user/*",
          "arn:aws:iam::" + A + ":user/${aws:username}",
          "arn:aws:iam::" + B + ":role/partner",
          "*",
          "arn:aws:*"
        }),
    new Family(
        new String[] {"Null"},
        new String[] {"aws:TokenIssueTime", "aws:username", "aws:TagKeys"},
        new String[] {"true", "false"})
  };

  private static final Object[][] CONTEXT = {
    {"aws:username", "alice", "bob", "b*"},
    {"aws:PrincipalAccount", A, B},
    {
      "aws:PrincipalArn", "arn:aws:iam::" + A + ":user/alice", "arn:aws:iam::" + B + ":role/partner"
    },
    {
      "aws:SourceIp",
      "10.1.2.3",
      "10.1.2.200",
      "192.168.1.1",
      "8.8.8.8",
      "2001:db8::5",
      "::ffff:10.0.0.1",
      "010.1.2.3",
      "10.1.2",
      "garbage"
    },
    {"aws:SecureTransport", "true", "false", "TRUE", "yes"},
    {"aws:MultiFactorAuthPresent", "true", "false"},
    {"s3:max-keys", "50", "100", "100.00", "+100", "-3", "500", "1e3", "x"},
    {
      "aws:CurrentTime",
      "2023-06-01T00:00:00Z",
      "2024-01-01T00:00:00Z",
      "2024-02-29T12:00:00Z",
      "2023-02-29T12:00:00Z",
      "2024-01-01T24:00:00Z",
      "2025-06-01T00:00:00Z",
      "2024-01-01T01:00:00+01:00",
      "1704067200",
      "soon"
    },
    {"aws:TagKeys", List.of("env"), List.of("env", "team"), List.of("secret"), List.of()},
    {"aws:TokenIssueTime", "2025-06-01T00:00:00Z", "2024-01-01"},
    {"aws:SourceArn", "arn:aws:s3:::bkt-a", "arn:aws:s3:::bkt-a:x:y", "not-an-arn"},
    {"aws:PrincipalTag/Team", "red", "blue", "RED"},
    {"s3:prefix", "home/alice/x", "home/red", "", "team", "home/${aws:username}/x", "${*}"},
    {"aws:Blob", "QUJD", "QUJDRA==", "!!"}
  };

  private RandomScenarios() {}

  /** A policy set as JSON-like trees, mutable so tests can add statements. */
  static final class Spec {
    final List<Map<String, Object>> identity = new ArrayList<>();
    Map<String, Object> resource;
    Map<String, Object> boundary;
    final List<Map<String, Object>> session = new ArrayList<>();
    final List<List<Map<String, Object>>> scps = new ArrayList<>();
    final List<List<Map<String, Object>>> rcps = new ArrayList<>();

    /** The VPC endpoint policy: empty, or one policy. */
    final List<Map<String, Object>> endpoint = new ArrayList<>();

    boolean management;
    boolean serviceLinked;
    boolean resourceManagement;

    /** S3 Block Public Access: RestrictPublicBuckets for the account and for the bucket. */
    boolean restrictAccount;

    boolean restrictBucket;

    /**
     * The public-policy test's verdict on the resource policy: 0 no test given (every policy is
     * public), 1 public, 2 not public.
     */
    int publicVerdict;

    Spec(Map<String, Object> resource, Map<String, Object> boundary) {
      this.resource = resource;
      this.boundary = boundary;
    }
  }

  static Spec spec(Random random) {
    Spec spec = new Spec(Map.of(), Map.of());
    for (int i = random.nextInt(3); i > 0; i--) {
      spec.identity.add(policy(random, PolicyType.IDENTITY, 1 + random.nextInt(3)));
    }
    spec.resource =
        random.nextInt(3) == 0
            ? Map.of()
            : policy(random, PolicyType.RESOURCE, 1 + random.nextInt(3));
    spec.boundary =
        random.nextInt(4) == 0
            ? policy(random, PolicyType.PERMISSIONS_BOUNDARY, 1 + random.nextInt(2))
            : Map.of();
    for (int i = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0; i > 0; i--) {
      spec.session.add(policy(random, PolicyType.SESSION, 1 + random.nextInt(2)));
    }
    if (random.nextInt(3) == 0) {
      for (int level = 1 + random.nextInt(3); level > 0; level--) {
        List<Map<String, Object>> policies = new ArrayList<>();
        policies.add(fullAccess(PolicyType.SCP));
        if (random.nextBoolean()) {
          policies.add(policy(random, PolicyType.SCP, 1 + random.nextInt(2)));
        }
        if (random.nextInt(5) == 0) {
          policies.remove(0);
        }
        spec.scps.add(policies);
      }
    }
    if (random.nextInt(4) == 0) {
      for (int level = 1 + random.nextInt(2); level > 0; level--) {
        List<Map<String, Object>> policies = new ArrayList<>();
        policies.add(fullAccess(PolicyType.RCP));
        if (random.nextBoolean()) {
          policies.add(policy(random, PolicyType.RCP, 1 + random.nextInt(2)));
        }
        spec.rcps.add(policies);
      }
    }
    if (random.nextInt(4) == 0) {
      Map<String, Object> endpoint = policy(random, PolicyType.VPC_ENDPOINT, 1 + random.nextInt(2));
      if (random.nextBoolean()) {
        // the default endpoint policy: full access for "*" (§10.1)
        @SuppressWarnings("unchecked")
        List<Object> statements = (List<Object>) Objects.requireNonNull(endpoint.get("Statement"));
        statements.addAll(
            (List<?>) Objects.requireNonNull(fullAccess(PolicyType.RCP).get("Statement")));
      }
      spec.endpoint.add(endpoint);
    }
    spec.management = random.nextInt(8) == 0;
    spec.serviceLinked = random.nextInt(10) == 0;
    spec.resourceManagement = random.nextInt(8) == 0;
    if (random.nextInt(3) == 0) {
      spec.restrictAccount = random.nextBoolean();
      spec.restrictBucket = !spec.restrictAccount || random.nextBoolean();
      spec.publicVerdict = random.nextInt(3);
    }
    return spec;
  }

  /**
   * Turns S3 Block Public Access on for the set (the account's setting, the bucket's or both) and
   * gives it a resource policy that allows s3:* to "*", with the verdict of the public-policy test
   * chosen at random.
   */
  @SuppressWarnings("unchecked")
  static void restrictPublicBuckets(Spec spec, Random random) {
    spec.restrictAccount = random.nextBoolean();
    spec.restrictBucket = !spec.restrictAccount || random.nextBoolean();
    spec.publicVerdict = random.nextInt(3);
    Map<String, Object> resource =
        spec.resource.isEmpty()
            ? policy(random, PolicyType.RESOURCE, random.nextInt(2))
            : new LinkedHashMap<>(spec.resource);
    List<Object> statements =
        new ArrayList<>((List<Object>) Objects.requireNonNull(resource.get("Statement")));
    Map<String, Object> everyone = new LinkedHashMap<>();
    everyone.put("Effect", "Allow");
    everyone.put("Principal", "*");
    everyone.put("Action", "s3:*");
    everyone.put("Resource", "*");
    statements.add(everyone);
    resource.put("Statement", statements);
    spec.resource = resource;
  }

  private static Map<String, Object> fullAccess(PolicyType type) {
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Effect", "Allow");
    if (type == PolicyType.RCP) {
      statement.put("Principal", "*");
    }
    statement.put("Action", "*");
    statement.put("Resource", "*");
    return document(new ArrayList<>(List.of(statement)));
  }

  static Map<String, Object> policy(Random random, PolicyType type, int statements) {
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < statements; i++) {
      list.add(statement(random, type, random.nextBoolean() ? "Allow" : "Deny"));
    }
    Map<String, Object> policy = document(list);
    if (random.nextInt(5) == 0) {
      // docs/semantics.md §12.8: without a Version, ${...} is read both as text and as a variable.
      policy.remove("Version");
    }
    return policy;
  }

  private static Map<String, Object> document(List<Object> statements) {
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Version", "2012-10-17");
    policy.put("Statement", statements);
    return policy;
  }

  /** A statement valid for {@code type}. */
  static Map<String, Object> statement(Random random, PolicyType type, String effect) {
    Map<String, Object> statement = new LinkedHashMap<>();
    if (random.nextInt(4) == 0) {
      statement.put("Sid", "S" + random.nextInt(1000));
    }
    statement.put("Effect", effect);
    if (type == PolicyType.RCP && effect.equals("Allow")) {
      statement.put("Principal", "*");
      statement.put("Action", pick(random, ACTION_PATTERNS));
      statement.put("Resource", "*");
      return statement;
    }
    if (type == PolicyType.RCP) {
      statement.put("Principal", "*");
    } else if (type == PolicyType.RESOURCE || type == PolicyType.VPC_ENDPOINT) {
      if (random.nextInt(5) == 0) {
        // NotPrincipal, in either effect, sometimes empty (§5.5, §12.0)
        statement.put(
            "NotPrincipal",
            random.nextInt(10) == 0 ? Map.of("AWS", List.of()) : pick(random, PRINCIPALS));
      } else {
        statement.put("Principal", pick(random, PRINCIPALS));
      }
    }
    List<String> actions = new ArrayList<>();
    for (int i = 1 + random.nextInt(2); i > 0; i--) {
      actions.add(pick(random, ACTION_PATTERNS));
    }
    boolean notAction = type != PolicyType.RCP && random.nextInt(6) == 0;
    if (notAction && random.nextInt(10) == 0) {
      actions.clear(); // an empty NotAction (§1.6.1, §12.0)
    }
    statement.put(
        notAction ? "NotAction" : "Action", actions.size() == 1 ? actions.get(0) : actions);
    List<String> resources = new ArrayList<>();
    for (int i = 1 + random.nextInt(2); i > 0; i--) {
      resources.add(pick(random, RESOURCE_PATTERNS));
    }
    boolean notResource = random.nextInt(7) == 0;
    if (notResource && random.nextInt(10) == 0) {
      resources.clear(); // an empty NotResource (§1.6.1, §12.0)
    }
    statement.put(
        notResource ? "NotResource" : "Resource",
        resources.size() == 1 ? resources.get(0) : resources);
    int tests = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0;
    if (tests > 0) {
      Map<String, Object> condition = new LinkedHashMap<>();
      for (int i = 0; i < tests; i++) {
        Family family = FAMILIES[random.nextInt(FAMILIES.length)];
        String operator = pick(random, family.operators());
        int qualifier = random.nextInt(6);
        if (qualifier == 0) {
          operator = "ForAllValues:" + operator;
        } else if (qualifier == 1) {
          operator = "ForAnyValue:" + operator;
        }
        if (!operator.endsWith("Null") && random.nextInt(4) == 0) {
          operator = operator + "IfExists";
        }
        List<String> values = new ArrayList<>();
        int count =
            operator.contains("Bool") || operator.contains("Null") ? 1 : 1 + random.nextInt(3);
        for (int v = 0; v < count; v++) {
          values.add(pick(random, family.values()));
        }
        if (random.nextInt(40) == 0) {
          values.clear(); // an empty value list (§6.7.4)
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> keys =
            (Map<String, Object>) condition.computeIfAbsent(operator, k -> new LinkedHashMap<>());
        keys.put(pick(random, family.keys()), values.size() == 1 ? values.get(0) : values);
      }
      statement.put("Condition", condition);
    }
    return statement;
  }

  static Request request(Random random) {
    String principal = pick(random, CALLERS);
    Request.Builder builder =
        Request.builder()
            .principal(principal)
            .action(pick(random, ACTIONS))
            .resource(pick(random, RESOURCES))
            .resourceAccount(random.nextInt(4) == 0 ? B : A);
    RequestContext.Builder context = RequestContext.builder();
    for (Object[] key : CONTEXT) {
      if (random.nextBoolean()) {
        Object value = key[1 + random.nextInt(key.length - 1)];
        if (value instanceof List<?> list) {
          context.put((String) key[0], list.stream().map(String::valueOf).toList());
        } else {
          context.put((String) key[0], (String) value);
        }
      }
    }
    return builder.context(context.build()).build();
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }

  // ---------------------------------------------------------------------------------------------

  /** How to render: member order, whitespace, case of actions and condition keys. */
  record Style(Random random, boolean shuffle, int whitespace, boolean recase) {
    static Style plain() {
      return new Style(new Random(0), false, 0, false);
    }
  }

  static PolicySet build(Spec spec, Style style) {
    PolicySet.Builder builder = PolicySet.builder();
    List<Map<String, Object>> identity = ordered(spec.identity, style);
    for (int i = 0; i < identity.size(); i++) {
      builder.identityPolicy("identity" + i, parse(identity.get(i), style));
    }
    if (!spec.resource.isEmpty()) {
      builder.resourcePolicy(
          new NamedPolicy("resource", parse(spec.resource, style)), PolicyType.RESOURCE);
    }
    if (!spec.boundary.isEmpty()) {
      builder.permissionsBoundary(new NamedPolicy("boundary", parse(spec.boundary, style)));
    }
    List<Map<String, Object>> session = ordered(spec.session, style);
    for (int i = 0; i < session.size(); i++) {
      builder.sessionPolicy(new NamedPolicy("session" + i, parse(session.get(i), style)));
    }
    for (List<Map<String, Object>> level : spec.scps) {
      builder.serviceControlPolicyLevel(named("scp", ordered(level, style), style));
    }
    for (List<Map<String, Object>> level : spec.rcps) {
      builder.resourceControlPolicyLevel(named("rcp", ordered(level, style), style));
    }
    for (Map<String, Object> endpoint : spec.endpoint) {
      builder.vpcEndpointPolicy(new NamedPolicy("endpoint", parse(endpoint, style)));
    }
    if (spec.publicVerdict == 1) {
      builder.publicPolicyTest(policy -> Optional.of("the test says so"));
    } else if (spec.publicVerdict == 2) {
      builder.publicPolicyTest(policy -> Optional.empty());
    }
    return builder
        .s3BlockPublicAccess(new S3BlockPublicAccess(spec.restrictAccount, spec.restrictBucket))
        .principalAccountIsManagement(spec.management)
        .principalIsServiceLinkedRole(spec.serviceLinked)
        .resourceAccountIsManagement(spec.resourceManagement)
        .build();
  }

  private static List<NamedPolicy> named(
      String prefix, List<Map<String, Object>> policies, Style style) {
    List<NamedPolicy> out = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      out.add(new NamedPolicy(prefix + i, parse(policies.get(i), style)));
    }
    return out;
  }

  private static <T> List<T> ordered(List<T> list, Style style) {
    List<T> copy = new ArrayList<>(list);
    if (style.shuffle()) {
      Collections.shuffle(copy, style.random());
    }
    return copy;
  }

  static Policy parse(Map<String, Object> policy, Style style) {
    StringBuilder out = new StringBuilder();
    write(policy, style, out, 0, "");
    return Policy.parse(out.toString());
  }

  private static void write(
      Object value, Style style, StringBuilder out, int depth, String member) {
    if (value instanceof Map<?, ?> map) {
      List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
      if (style.shuffle()) {
        Collections.shuffle(entries, style.random());
      }
      out.append('{');
      for (int i = 0; i < entries.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        newline(style, out, depth + 1);
        String name = (String) entries.get(i).getKey();
        String key =
            member.equals("condition-op") && style.recase() ? recase(name, style.random()) : name;
        quote(key, out);
        out.append(style.whitespace() > 0 ? ": " : ":");
        String childMember =
            member.equals("Condition")
                ? "condition-op"
                : member.equals("condition-op") ? "condition-key" : name;
        write(entries.get(i).getValue(), style, out, depth + 1, childMember);
      }
      newline(style, out, depth);
      out.append('}');
    } else if (value instanceof List<?> list) {
      List<?> items = list;
      if (style.shuffle() && member.equals("Statement")) {
        List<Object> copy = new ArrayList<>(list);
        Collections.shuffle(copy, style.random());
        items = copy;
      }
      out.append('[');
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        newline(style, out, depth + 1);
        write(items.get(i), style, out, depth + 1, member);
      }
      newline(style, out, depth);
      out.append(']');
    } else {
      String text = (String) value;
      if (style.recase() && (member.equals("Action") || member.equals("NotAction"))) {
        text = recase(text, style.random());
      }
      quote(text, out);
    }
  }

  private static void newline(Style style, StringBuilder out, int depth) {
    if (style.whitespace() == 1) {
      out.append(' ');
    } else if (style.whitespace() == 2) {
      out.append('\n').append("  ".repeat(depth));
    } else if (style.whitespace() == 3) {
      out.append("\r\n").append("\t".repeat(depth));
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }

  /** The same text with the case of each letter chosen at random. */
  static String recase(String text, Random random) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(
          random.nextBoolean()
              ? String.valueOf(c).toUpperCase(Locale.ROOT)
              : String.valueOf(c).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }
}
