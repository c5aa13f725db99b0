package dev.arbiter.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded generator of random, well-formed policy documents as JSON text, covering every shape the
 * grammar allows: single values and arrays, a single statement object, numbers and booleans as
 * condition values, variables, wildcards, escapes and non-ASCII text, and varied whitespace.
 */
final class PolicyGenerator {
  private static final String[] SERVICES = {"s3", "ec2", "iam", "sts", "kms", "sqs", "dynamodb"};
  private static final String[] NAMES = {
    "GetObject", "Put*", "List?ucket", "*", "Describe*", "AssumeRole"
  };
  private static final String[] OPERATORS = {
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericLessThan",
    "DateGreaterThan",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnLike",
    "ArnNotEquals",
    "Null",
    "ForAllValues:StringLike",
    "ForAnyValue:StringEquals",
    "StringLikeIfExists",
    "ForAnyValue:ArnLikeIfExists",
    "Stringlike"
  };
  private static final String[] KEYS = {
    "aws:username",
    "aws:PrincipalTag/Team",
    "aws:SourceIp",
    "s3:prefix",
    "aws:TagKeys",
    "aws:CurrentTime",
    "kms:ViaService",
    "aws:SecureTransport"
  };
  private static final String[] TEXT = {
    "alice",
    "a*b",
    "x?y",
    "é ü",
    "quote\"inside",
    "back\\slash",
    "tab\tchar",
    "日本",
    "",
    "10.0.0.0/8",
    "2026-01-01T00:00:00Z",
    "arn:aws:iam::111122223333:role/*"
  };

  private final Random random;

  PolicyGenerator(Random random) {
    this.random = random;
  }

  String policy() {
    StringBuilder out = new StringBuilder("{");
    List<String> members = new ArrayList<>();
    int version = random.nextInt(3);
    boolean variables = version == 0;
    if (version == 0) {
      members.add(member("Version", str("2012-10-17")));
    } else if (version == 1) {
      members.add(member("Version", str("2008-10-17")));
    }
    if (random.nextInt(4) == 0) {
      members.add(member("Id", str(pick(TEXT))));
    }
    if (random.nextInt(5) == 0) {
      members.add(member("Statement", statement(variables)));
    } else {
      List<String> statements = new ArrayList<>();
      int count = random.nextInt(4);
      for (int i = 0; i < count; i++) {
        statements.add(statement(variables));
      }
      members.add(member("Statement", array(statements)));
    }
    java.util.Collections.shuffle(members, random);
    out.append(String.join("," + space(), members));
    return out.append(space()).append('}').toString();
  }

  private String statement(boolean variables) {
    List<String> members = new ArrayList<>();
    if (random.nextBoolean()) {
      members.add(member("Sid", str("S" + random.nextInt(100))));
    }
    members.add(member("Effect", str(random.nextBoolean() ? "Allow" : "Deny")));
    members.add(member(random.nextInt(4) == 0 ? "NotAction" : "Action", strings(this::action)));
    int resource = random.nextInt(4);
    if (resource > 0) {
      members.add(
          member(resource == 1 ? "NotResource" : "Resource", strings(() -> resource(variables))));
    }
    int principal = random.nextInt(5);
    if (principal == 1) {
      members.add(member("Principal", str("*")));
    } else if (principal >= 2) {
      members.add(member(principal == 4 ? "NotPrincipal" : "Principal", principalObject()));
    }
    if (random.nextBoolean()) {
      members.add(member("Condition", condition()));
    }
    java.util.Collections.shuffle(members, random);
    return "{" + space() + String.join("," + space(), members) + space() + "}";
  }

  private String action() {
    return random.nextInt(10) == 0 ? "*" : pick(SERVICES) + ":" + pick(NAMES);
  }

  private String resource(boolean variables) {
    return switch (random.nextInt(4)) {
      case 0 -> "*";
      case 1 -> "arn:aws:s3:::bucket/" + (variables ? "${aws:username}" : "home") + "/*";
      case 2 -> "arn:aws:iam::" + (100000000000L + random.nextInt(1000)) + ":role/" + pick(TEXT);
      default -> "arn:aws:s3:::b/${a:b, 'd e'}${*}" + (variables ? "" : "${");
    };
  }

  private String principalObject() {
    List<String> members = new ArrayList<>();
    if (random.nextBoolean()) {
      members.add(
          member(
              "AWS",
              strings(
                  () ->
                      pick(
                          new String[] {
                            "*",
                            "111122223333",
                            "arn:aws:iam::111122223333:user/bob",
                            "arn:aws:sts::111122223333:assumed-role/r/s"
                          }))));
    }
    if (random.nextBoolean()) {
      members.add(member("Service", strings(() -> "s3.amazonaws.com")));
    }
    if (random.nextInt(4) == 0) {
      members.add(member("Federated", strings(() -> "accounts.google.com")));
    }
    if (random.nextInt(6) == 0) {
      members.add(member("CanonicalUser", strings(() -> "79a59df900b949e55d96a1e698fbace")));
    }
    return "{" + String.join(",", members) + "}";
  }

  private String condition() {
    List<String> operators = new ArrayList<>();
    List<String> used = new ArrayList<>();
    int count = random.nextInt(3);
    for (int i = 0; i < count; i++) {
      String operator = pick(OPERATORS);
      if (used.contains(operator)) {
        continue;
      }
      used.add(operator);
      List<String> keys = new ArrayList<>();
      List<String> usedKeys = new ArrayList<>();
      int keyCount = 1 + random.nextInt(2);
      for (int k = 0; k < keyCount; k++) {
        String key = pick(KEYS);
        if (!usedKeys.contains(key)) {
          usedKeys.add(key);
          keys.add(member(key, conditionValues()));
        }
      }
      operators.add(member(operator, "{" + String.join(",", keys) + "}"));
    }
    return "{" + String.join("," + space(), operators) + "}";
  }

  private String conditionValues() {
    if (random.nextInt(3) == 0) {
      return conditionValue();
    }
    List<String> values = new ArrayList<>();
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      values.add(conditionValue());
    }
    return array(values);
  }

  private String conditionValue() {
    return switch (random.nextInt(6)) {
      case 0 -> Integer.toString(random.nextInt(2000) - 1000);
      case 1 -> String.format(Locale.ROOT, "%.2f", random.nextDouble() * 100);
      case 2 -> random.nextBoolean() ? "true" : "false";
      default -> str(pick(TEXT));
    };
  }

  private String strings(java.util.function.Supplier<String> element) {
    int count = random.nextInt(5);
    if (count == 4) {
      return str(element.get());
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(str(element.get()));
    }
    return array(values);
  }

  private String array(List<String> elements) {
    return "[" + space() + String.join("," + space(), elements) + space() + "]";
  }

  private String member(String name, String value) {
    return space() + str(name) + space() + ":" + space() + value;
  }

  private String space() {
    return switch (random.nextInt(6)) {
      case 0 -> "\n  ";
      case 1 -> " ";
      case 2 -> "\t";
      default -> "";
    };
  }

  private String pick(String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  static String str(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
