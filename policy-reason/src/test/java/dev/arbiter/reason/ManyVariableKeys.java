package dev.arbiter.reason;

import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random identity policies whose statements read many policy variable keys at once, in the pattern
 * of AWS managed policies that scope a role to its project's folder: a Resource built from four
 * principal tags, each tag required not to be empty, the resource account tied to the caller's, an
 * S3 prefix and a resource tag tied to the tags. Without pruning, the first statement alone has 3 ×
 * 3 × 3 × 3 × 2 = 162 cases of variables. Requests are built from the same tag values, so that they
 * line up with the patterns: each tag absent, empty, one of the literals, another name, a list.
 */
final class ManyVariableKeys {
  static final List<String> TAGS =
      List.of(
          "aws:PrincipalTag/bucket",
          "aws:PrincipalTag/domain",
          "aws:PrincipalTag/project",
          "aws:PrincipalTag/path");

  static final List<String> ACTIONS =
      List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:Get*");

  static final List<String> RESOURCES =
      List.of(
          "arn:aws:s3:::${aws:PrincipalTag/bucket}/${aws:PrincipalTag/domain}"
              + "/${aws:PrincipalTag/project}/${aws:PrincipalTag/path}",
          "arn:aws:s3:::${aws:PrincipalTag/bucket}/${aws:PrincipalTag/domain}"
              + "/${aws:PrincipalTag/project}/${aws:PrincipalTag/path}/*",
          "arn:aws:s3:::${aws:PrincipalTag/bucket}",
          "arn:aws:s3:::${aws:PrincipalTag/bucket}/${aws:PrincipalTag/domain}/*",
          "arn:aws:s3:::${aws:PrincipalTag/bucket, 'b'}/${aws:PrincipalTag/project}/*",
          "arn:aws:s3:::b/*",
          "arn:aws:s3:::*/alpha/*");

  /** Values of the tags and accounts in requests: the literals, others, odd ones. */
  static final List<String> NAMES = List.of("", "b", "alpha", "someone", "d/e", "x*", "p");

  static final List<String> ACCOUNTS = List.of("111111111111", "222222222222", "");

  private final Random random;

  ManyVariableKeys(long seed) {
    this.random = new Random(seed);
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  /** A policy whose first statement reads all four tags and the caller's account. */
  Policy policy() {
    List<String> statements = new ArrayList<>();
    statements.add(
        "{\"Effect\": \"Allow\", \"Action\": \""
            + pick(ACTIONS)
            + "\", \"Resource\": \""
            + RESOURCES.get(random.nextInt(2))
            + "\", \"Condition\": {\"StringEquals\": {\"aws:ResourceAccount\":"
            + " \"${aws:PrincipalAccount}\"}, \"StringNotEquals\": {"
            + String.join(", ", TAGS.stream().map(t -> "\"" + t + "\": \"\"").toList())
            + "}}}");
    for (int n = random.nextInt(3); n > 0; n--) {
      statements.add(statement());
    }
    return Policy.parse(
        "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(", ", statements) + "]}");
  }

  private String statement() {
    boolean deny = random.nextInt(5) == 0;
    StringBuilder out = new StringBuilder("{\"Effect\": \"" + (deny ? "Deny" : "Allow") + "\"");
    out.append(", \"Action\": \"").append(pick(ACTIONS)).append('"');
    out.append(random.nextInt(8) == 0 ? ", \"NotResource\": " : ", \"Resource\": ");
    List<String> resources = new ArrayList<>();
    for (int n = 1 + random.nextInt(2); n > 0; n--) {
      resources.add("\"" + pick(RESOURCES) + "\"");
    }
    out.append('[').append(String.join(", ", resources)).append(']');
    Map<String, Map<String, String>> conditions = new LinkedHashMap<>();
    for (String tag : TAGS) {
      if (random.nextInt(3) > 0) {
        conditions.computeIfAbsent("StringNotEquals", k -> new LinkedHashMap<>()).put(tag, "");
      }
    }
    if (random.nextBoolean()) {
      conditions
          .computeIfAbsent("StringEquals", k -> new LinkedHashMap<>())
          .put("aws:ResourceAccount", "${aws:PrincipalAccount}");
    }
    if (random.nextInt(3) == 0) {
      conditions
          .computeIfAbsent("StringEquals", k -> new LinkedHashMap<>())
          .put(
              "s3:prefix",
              "${aws:PrincipalTag/domain}/${aws:PrincipalTag/project}/${aws:PrincipalTag/path}");
    }
    if (random.nextInt(3) == 0) {
      conditions
          .computeIfAbsent("StringEquals", k -> new LinkedHashMap<>())
          .put("aws:ResourceTag/project", "${aws:PrincipalTag/project}");
    }
    if (random.nextInt(4) == 0) {
      conditions
          .computeIfAbsent("StringEquals", k -> new LinkedHashMap<>())
          .put("aws:PrincipalTag/domain", "alpha");
    }
    if (random.nextInt(4) == 0) {
      conditions
          .computeIfAbsent("Null", k -> new LinkedHashMap<>())
          .put("aws:PrincipalTag/project", "false");
    }
    if (random.nextInt(4) == 0) {
      conditions
          .computeIfAbsent("StringLike", k -> new LinkedHashMap<>())
          .put("s3:prefix", "${aws:PrincipalTag/domain}/*");
    }
    if (!conditions.isEmpty()) {
      List<String> operators = new ArrayList<>();
      conditions.forEach(
          (operator, tests) -> {
            List<String> pairs = new ArrayList<>();
            tests.forEach((k, v) -> pairs.add("\"" + k + "\": \"" + v + "\""));
            operators.add("\"" + operator + "\": {" + String.join(", ", pairs) + "}");
          });
      out.append(", \"Condition\": {").append(String.join(", ", operators)).append('}');
    }
    return out.append('}').toString();
  }

  /** A request whose resource, prefix and resource tag are mostly built from its own tags. */
  Request request() {
    RequestContext.Builder context = RequestContext.builder();
    List<String> text = new ArrayList<>();
    for (String tag : TAGS) {
      String value = pick(NAMES);
      text.add(value);
      switch (random.nextInt(8)) {
        case 0 -> {}
        case 1 -> context.put(tag, List.of(value));
        case 2 -> context.put(tag, List.of(value, pick(NAMES)));
        default -> context.put(tag, value);
      }
    }
    String account = pick(ACCOUNTS);
    if (random.nextInt(6) > 0) {
      context.put("aws:PrincipalAccount", account);
    }
    if (random.nextInt(6) > 0) {
      context.put("aws:ResourceAccount", random.nextInt(3) > 0 ? account : pick(ACCOUNTS));
    }
    String domain = text.get(1);
    String project = text.get(2);
    String path = text.get(3);
    if (random.nextInt(3) > 0) {
      context.put(
          "s3:prefix",
          random.nextInt(3) > 0 ? domain + "/" + project + "/" + path : domain + "/" + pick(NAMES));
    }
    if (random.nextBoolean()) {
      context.put("aws:ResourceTag/project", random.nextInt(3) > 0 ? project : pick(NAMES));
    }
    List<String> segments = new ArrayList<>();
    segments.add(random.nextInt(5) > 0 ? text.get(0) : pick(NAMES));
    int depth = random.nextInt(5);
    List<String> rest = List.of(domain, project, path);
    for (int i = 0; i < depth && i < 3; i++) {
      segments.add(random.nextInt(6) > 0 ? rest.get(i) : pick(NAMES));
    }
    if (depth == 4) {
      segments.add(pick(List.of("x", "", "a/b")));
    }
    String resource = "arn:aws:s3:::" + String.join("/", segments);
    String action = pick(List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetBucket"));
    return Request.builder()
        .principal("arn:aws:iam::111111111111:user/alice")
        .action(action)
        .resource(resource)
        .resourceAccount("999999999999")
        .context(context.build())
        .build();
  }
}
