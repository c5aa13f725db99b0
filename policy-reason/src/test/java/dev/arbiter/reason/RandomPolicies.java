package dev.arbiter.reason;

import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small random policies over a fixed vocabulary of literals, and requests built from the same
 * literals and their neighbours (one character more or less, other case, wildcards filled in with
 * nothing, a letter or a colon, absent and multivalued keys): the inputs of the property tests.
 */
final class RandomPolicies {
  static final List<String> ACTIONS =
      List.of(
          "s3:GetObject",
          "s3:PutObject",
          "s3:*",
          "s3:Get*",
          "s3:?etObject",
          "ec2:*",
          "*",
          "iam:PassRole",
          "IAM:passrole",
          "sts:AssumeRole");
  static final List<String> RESOURCES =
      List.of(
          "*",
          "arn:aws:s3:::bucket/*",
          "arn:aws:s3:::bucket/a",
          "arn:aws:s3:::other/*",
          "arn:aws:iam::*:role/x",
          "arn:aws:s3:::b?cket/*",
          "arn:aws:*:*:*:*",
          "arn:aws:s3:::bucket");
  static final List<String> PRINCIPALS =
      List.of(
          "\"*\"",
          "{\"AWS\": \"*\"}",
          "{\"AWS\": \"111111111111\"}",
          "{\"AWS\": \"arn:aws:iam::111111111111:root\"}",
          "{\"AWS\": \"arn:aws:iam::111111111111:user/alice\"}",
          "{\"AWS\": \"arn:aws:iam::222222222222:role/path/r\"}",
          "{\"AWS\": \"arn:aws:sts::222222222222:assumed-role/r/s\"}",
          "{\"Service\": \"s3.amazonaws.com\"}",
          "{\"AWS\": [\"111111111111\", \"arn:aws:iam::111111111111:user/alice\"]}");
  static final List<String> KEYS = List.of("aws:username", "s3:prefix", "aws:PrincipalArn");
  static final List<String> OPERATORS =
      List.of(
          "StringEquals",
          "StringNotEquals",
          "StringLike",
          "StringNotLike",
          "StringEqualsIgnoreCase",
          "StringNotEqualsIgnoreCase",
          "StringEqualsIfExists",
          "StringNotEqualsIfExists",
          "StringLikeIfExists",
          "ArnLike",
          "ArnNotLike",
          "ArnEquals",
          "Bool",
          "BoolIfExists",
          "Null");

  /**
   * Keys tested with typed operators, one family each (a key tested with two kinds of operators is
   * not modelled): numbers, dates, IP addresses, binaries.
   */
  static final List<String> TYPED_KEYS =
      List.of("s3:max-keys", "aws:CurrentTime", "aws:SourceIp", "aws:RequestTag/blob");

  static final List<List<String>> TYPED_OPERATORS =
      List.of(
          List.of(
              "NumericEquals",
              "NumericNotEquals",
              "NumericLessThan",
              "NumericLessThanEquals",
              "NumericGreaterThan",
              "NumericGreaterThanEqualsIfExists",
              "NumericNotEqualsIfExists"),
          List.of(
              "DateEquals",
              "DateNotEquals",
              "DateLessThan",
              "DateGreaterThanEquals",
              "DateLessThanIfExists"),
          List.of("IpAddress", "NotIpAddress", "IpAddressIfExists", "NotIpAddressIfExists"),
          List.of("BinaryEquals", "BinaryEqualsIfExists"));

  /** Policy values per typed key; one of each cannot be read. */
  static final List<List<String>> TYPED_VALUES =
      List.of(
          List.of("5", "10", "-1.5", "0.25", "abc"),
          List.of(
              "2024-01-01T00:00:00Z",
              "2024-06-15",
              "1718452800",
              "2024-06-15T02:00:00+02:00",
              "bad"),
          List.of("10.0.0.0/8", "10.1.2.3", "2001:db8::/32", "0.0.0.0/0", "::/0", "x"),
          List.of("QUJD", "QUI=", "!!"));

  /**
   * Request values per typed key: the literals, their neighbours (one more or less, the edges of
   * each block, a second before and after), other spellings of the same value, unreadable and empty
   * values.
   */
  static final List<List<String>> TYPED_REQUEST_VALUES =
      List.of(
          List.of(
              "5", "4", "6", "4.999", "5.001", "5.0", "+5", "05", "10", "9", "11", "-1.5", "-2.5",
              "-1.49", "0.25", "0.24", "0.26", "abc", "", "1e1", "-0"),
          List.of(
              "2024-01-01T00:00:00Z",
              "2023-12-31T23:59:59Z",
              "2024-01-01T00:00:01Z",
              "2024-01-01",
              "2024-06-15",
              "2024-06-14T23:59:59.999Z",
              "2024-06-15T00:00:00.001Z",
              "1718452800",
              "1718452799",
              "1718452800.5",
              "2024-06-15T00:00:00Z",
              "2024-06-15T02:00:00+02:00",
              "1704067200",
              "bad",
              ""),
          List.of(
              "10.0.0.0",
              "9.255.255.255",
              "10.255.255.255",
              "11.0.0.0",
              "10.1.2.3",
              "10.1.2.2",
              "10.1.2.4",
              "0.0.0.0",
              "255.255.255.255",
              "2001:db8::",
              "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
              "2001:db9::",
              "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff",
              "::ffff:10.1.2.3",
              "::1",
              "::",
              "localhost",
              "x",
              ""),
          List.of("QUJD", "QUI=", "QUI", "QUJE", "AA==", "!!", "x", ""));

  static final List<String> QUALIFIERS = List.of("ForAnyValue:", "ForAllValues:");

  static final List<String> VALUES =
      List.of(
          "alice",
          "ALICE",
          "home/*",
          "home/?",
          "arn:aws:iam::111111111111:user/*",
          "arn:aws:iam::222222222222:role/path/r",
          "true",
          "False",
          "*");

  static final List<String> CALLERS =
      List.of(
          "arn:aws:iam::111111111111:user/alice",
          "arn:aws:iam::111111111111:user/bob",
          "arn:aws:iam::111111111111:root",
          "arn:aws:sts::222222222222:assumed-role/r/s",
          "arn:aws:sts::222222222222:assumed-role/q/s",
          "arn:aws:iam::333333333333:user/alice",
          "arn:aws-cn:iam::111111111111:user/alice",
          "s3.amazonaws.com",
          "anonymous");

  /**
   * With policy variables: Resource patterns and String/ARN values that read aws:username and
   * aws:PrincipalTag/team (with and without defaults), beside fixed patterns they may line up with.
   */
  static final List<String> VARIABLE_RESOURCES =
      List.of(
          "arn:aws:s3:::home/${aws:username}/*",
          "arn:aws:s3:::home/${aws:username}",
          "arn:aws:s3:::home/${aws:username, 'nobody'}/*",
          "arn:aws:s3:::home/${aws:PrincipalTag/team}/${aws:username}",
          "arn:aws:s3:::home/*",
          "arn:aws:s3:::home/alice/*",
          "arn:aws:s3:::home/?/*");

  static final List<String> VARIABLE_VALUES =
      List.of(
          "${aws:username}",
          "home/${aws:username}/*",
          "${aws:PrincipalTag/team, 'none'}",
          "arn:aws:iam::111111111111:user/${aws:username}",
          "alice",
          "home/*");

  static final List<String> VARIABLE_KEYS =
      List.of("aws:username", "s3:prefix", "aws:PrincipalArn", "aws:PrincipalTag/team");

  /** Values of the variables' keys in requests: literals, their neighbours, odd characters. */
  static final List<String> NAMES =
      List.of("alice", "bob", "someone", "", "a/b", "nobody", "x*", "team1", "none", "ALICE", "?");

  private final Random random;
  private final boolean variables;

  RandomPolicies(long seed) {
    this(seed, false);
  }

  RandomPolicies(long seed, boolean variables) {
    this.random = new Random(seed);
    this.variables = variables;
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  /** A policy of one to four statements, Allow more often than Deny. */
  Policy policy(PolicyType type) {
    return Policy.parse(json(type, 1 + random.nextInt(4), random.nextInt(4) == 0));
  }

  /** A policy of Allow statements only. */
  Policy allowOnly(PolicyType type) {
    return Policy.parse(json(type, 1 + random.nextInt(3), false));
  }

  private String json(PolicyType type, int statements, boolean denies) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < statements; i++) {
      out.add(statement(type, denies && random.nextBoolean()));
    }
    return "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(", ", out) + "]}";
  }

  private String statement(PolicyType type, boolean deny) {
    StringBuilder out = new StringBuilder("{\"Effect\": \"").append(deny ? "Deny" : "Allow");
    out.append('"');
    if (!type.usesIdentitySyntax()) {
      String element = random.nextInt(6) == 0 ? "NotPrincipal" : "Principal";
      String value = pick(PRINCIPALS);
      if (element.equals("NotPrincipal") && value.equals("\"*\"")) {
        value = "{\"AWS\": \"111111111111\"}";
      }
      out.append(", \"").append(element).append("\": ").append(value);
    }
    out.append(", \"")
        .append(random.nextInt(5) == 0 ? "NotAction" : "Action")
        .append("\": ")
        .append(list(ACTIONS));
    if (type.usesIdentitySyntax() || random.nextInt(3) > 0) {
      out.append(", \"")
          .append(random.nextInt(5) == 0 ? "NotResource" : "Resource")
          .append("\": ")
          .append(list(variables && random.nextBoolean() ? VARIABLE_RESOURCES : RESOURCES));
    }
    int conditions = random.nextInt(3);
    if (conditions > 0) {
      List<String> tests = new ArrayList<>();
      for (int i = 0; i < conditions; i++) {
        String operator;
        String key;
        String value;
        if (random.nextInt(3) == 0) {
          int family = random.nextInt(TYPED_KEYS.size());
          operator = pick(TYPED_OPERATORS.get(family));
          key = TYPED_KEYS.get(family);
          value = list(TYPED_VALUES.get(family));
        } else {
          operator = pick(OPERATORS);
          key = random.nextInt(8) == 0 ? pick(TYPED_KEYS) : pick(variables ? VARIABLE_KEYS : KEYS);
          if (!operator.equals("Null") && TYPED_KEYS.contains(key)) {
            operator = "Null";
          }
          value =
              operator.equals("Null")
                  ? (random.nextBoolean() ? "\"true\"" : "\"false\"")
                  : list(
                      variables && !operator.startsWith("Bool") && random.nextBoolean()
                          ? VARIABLE_VALUES
                          : VALUES);
        }
        if (random.nextInt(4) == 0) {
          operator = pick(QUALIFIERS) + operator;
        }
        tests.add("\"" + operator + "\": {\"" + key + "\": " + value + "}");
      }
      // Operators may repeat; a JSON object cannot, so each test gets its own operator object
      // by merging duplicates' keys only when distinct.
      out.append(", \"Condition\": {").append(String.join(", ", distinct(tests))).append('}');
    }
    return out.append('}').toString();
  }

  private static List<String> distinct(List<String> tests) {
    List<String> out = new ArrayList<>();
    List<String> operators = new ArrayList<>();
    for (String test : tests) {
      String operator = test.substring(0, test.indexOf(':'));
      if (!operators.contains(operator)) {
        operators.add(operator);
        out.add(test);
      }
    }
    return out;
  }

  private String list(List<String> from) {
    int n = 1 + random.nextInt(2);
    List<String> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add("\"" + pick(from) + "\"");
    }
    return n == 1 ? items.get(0) : "[" + String.join(", ", items) + "]";
  }

  /** A request near the vocabulary: literals, their neighbours, wildcards filled in. */
  Request request(PolicyType type) {
    String caller = pick(CALLERS);
    // Identity-based policies govern users and sessions; not the root user, nor callers outside
    // IAM (docs/semantics.md §9).
    if (type.usesIdentitySyntax() && (!caller.startsWith("arn:") || caller.endsWith(":root"))) {
      caller = CALLERS.get(0);
    }
    String action = near(pick(ACTIONS), true);
    if (action.indexOf(':') <= 0 || action.indexOf(':') == action.length() - 1) {
      action = "s3:GetObject";
    }
    String resource = near(pick(RESOURCES), false);
    if (variables && random.nextBoolean()) {
      resource =
          "arn:aws:s3:::home/"
              + pick(NAMES)
              + pick(List.of("/x", "/", "", "/a/b", "/" + pick(NAMES)));
    }
    if (resource.isEmpty()) {
      resource = "*";
    }
    RequestContext.Builder context = RequestContext.builder();
    if (variables) {
      for (String key : List.of("aws:username", "aws:PrincipalTag/team")) {
        switch (random.nextInt(6)) {
          case 0 -> {}
          case 1 -> context.put(key, List.of(pick(NAMES)));
          case 2 -> context.put(key, List.of(pick(NAMES), pick(NAMES)));
          default -> context.put(key, pick(NAMES));
        }
      }
      if (random.nextBoolean()) {
        context.put("s3:prefix", "home/" + pick(NAMES) + pick(List.of("/", "/x", "")));
      }
    }
    for (String key : KEYS) {
      if (variables && !key.equals("aws:PrincipalArn")) {
        continue;
      }
      int choice = random.nextInt(4);
      if (choice == 1) {
        context.put(key, near(pick(VALUES), false));
      } else if (choice == 2) {
        context.put(key, near(pick(CALLERS), false));
      } else if (choice == 3 && random.nextInt(3) == 0) {
        context.put(
            key,
            switch (random.nextInt(5)) {
              case 0 -> List.of();
              case 1 -> List.of("alice", "bob");
              case 2 -> random.nextBoolean() ? List.of("") : List.of("", "");
              default -> List.of(near(pick(VALUES), false), near(pick(VALUES), false));
            });
      }
    }
    for (List<String> values : TYPED_REQUEST_VALUES) {
      String key = TYPED_KEYS.get(TYPED_REQUEST_VALUES.indexOf(values));
      switch (random.nextInt(5)) {
        case 0 -> {}
        case 1 -> {
          List<String> list = new ArrayList<>();
          for (int n = random.nextInt(4); n > 0; n--) {
            list.add(pick(values));
          }
          context.put(key, list);
        }
        default -> context.put(key, pick(values));
      }
    }
    String account = caller.contains("111111111111") ? "999999999999" : "888888888888";
    return Request.builder()
        .principal(caller)
        .action(action)
        .resource(resource)
        .resourceAccount(account)
        .context(context.build())
        .build();
  }

  private String near(String literal, boolean action) {
    StringBuilder out = new StringBuilder();
    String fill = pick(List.of("", "x", ":", "ab", "/"));
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c == '*') {
        out.append(fill);
      } else if (c == '?') {
        out.append(fill.isEmpty() ? "u" : fill.substring(0, 1));
      } else {
        out.append(c);
      }
    }
    String text = out.toString();
    switch (random.nextInt(action ? 6 : 5)) {
      case 0 -> text = text + pick(List.of("x", ":", "/"));
      case 1 -> text = text.isEmpty() ? text : text.substring(0, text.length() - 1);
      case 2 -> text = text.toUpperCase(java.util.Locale.ROOT);
      default -> {}
    }
    return text;
  }
}
