package dev.arbiter.bench;

import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded policy sets of a chosen number of statements, and requests for them, over a fixed
 * vocabulary of 60 services with 20 actions each, so that a larger set covers the same actions with
 * more statements. Statements are shaped like real identity policies: mostly exact actions, some
 * {@code Get*}/{@code List*} style wildcards, a few whole-service {@code svc:*}, rarely {@code *};
 * resource ARNs with wildcards; a fifth carry a condition (string, IP, number, date, bool, a set
 * qualifier, a policy variable). About a fifth are Deny. Policies hold 10 statements each.
 */
final class PolicyGenerator {
  static final String ACCOUNT = "111122223333";
  static final String PRINCIPAL = "arn:aws:iam::" + ACCOUNT + ":user/alice";
  private static final int SERVICES = 60;
  private static final String[] VERBS = {
    "Get", "List", "Describe", "Put", "Delete", "Create", "Update", "Tag", "Untag", "Start"
  };
  private static final String[] NOUNS = {"Thing", "Widget"};
  private static final String[] TEAMS = {"alpha", "beta", "gamma", "delta"};

  private final Random random;

  PolicyGenerator(long seed) {
    this.random = new Random(seed);
  }

  private static String service(int i) {
    return "svc" + i;
  }

  private String action() {
    return service(random.nextInt(SERVICES)) + ":" + actionName();
  }

  private String actionName() {
    return VERBS[random.nextInt(VERBS.length)] + NOUNS[random.nextInt(NOUNS.length)];
  }

  /** A policy set of {@code statements} identity-policy statements (a multiple of 10 or not). */
  PolicySet policySet(int statements) {
    PolicySet.Builder builder = PolicySet.builder();
    int policy = 0;
    for (int done = 0; done < statements; done += 10) {
      StringBuilder json = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
      int count = Math.min(10, statements - done);
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          json.append(',');
        }
        statement(json);
      }
      json.append("]}");
      builder.identityPolicy("generated" + policy++, Policy.parse(json.toString()));
    }
    return builder.build();
  }

  private void statement(StringBuilder json) {
    json.append("{\"Effect\":\"").append(random.nextInt(5) == 0 ? "Deny" : "Allow").append('"');
    int svc = random.nextInt(SERVICES);
    int shape = random.nextInt(1000);
    List<String> actions = new ArrayList<>();
    if (shape < 3) {
      actions.add("*");
    } else if (shape < 30) {
      actions.add(service(svc) + ":*");
    } else if (shape < 180) {
      actions.add(service(svc) + ":" + VERBS[random.nextInt(VERBS.length)] + "*");
    } else {
      for (int n = 1 + random.nextInt(3); n > 0; n--) {
        actions.add(service(svc) + ":" + actionName());
      }
    }
    json.append(",\"Action\":").append(list(actions));
    String resource =
        switch (random.nextInt(5)) {
          case 0 -> "*";
          case 1 -> "arn:aws:" + service(svc) + ":*:" + ACCOUNT + ":thing/" + team() + "/*";
          case 2 ->
              "arn:aws:"
                  + service(svc)
                  + ":us-east-1:"
                  + ACCOUNT
                  + ":thing/"
                  + team()
                  + "/obj-"
                  + random.nextInt(50);
          case 3 ->
              "arn:aws:"
                  + service(svc)
                  + ":us-east-1:"
                  + ACCOUNT
                  + ":thing/${aws:PrincipalTag/team}/*";
          default -> "arn:aws:" + service(svc) + ":*:*:thing/*";
        };
    json.append(",\"Resource\":\"").append(resource).append('"');
    if (random.nextInt(5) == 0) {
      json.append(",\"Condition\":").append(condition());
    }
    json.append('}');
  }

  private String condition() {
    return switch (random.nextInt(7)) {
      case 0 -> "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"" + team() + "\"}}";
      case 1 -> "{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]}}";
      case 2 -> "{\"NumericLessThan\":{\"svc:count\":\"" + random.nextInt(100) + "\"}}";
      case 3 ->
          "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2024-0"
              + (1 + random.nextInt(9))
              + "-01T00:00:00Z\"}}";
      case 4 -> "{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"true\"}}";
      case 5 -> "{\"ForAllValues:StringLike\":{\"aws:TagKeys\":[\"env\",\"team-*\"]}}";
      default -> "{\"StringLike\":{\"svc:prefix\":[\"home/${aws:username}/*\",\"shared/*\"]}}";
    };
  }

  private String team() {
    return TEAMS[random.nextInt(TEAMS.length)];
  }

  private static String list(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      out.append(i > 0 ? ",\"" : "\"").append(values.get(i)).append('"');
    }
    return out.append(']').toString();
  }

  /** {@code count} requests by one user, with a context like the shared workload's. */
  Request[] requests(int count) {
    Request[] requests = new Request[count];
    for (int i = 0; i < count; i++) {
      String action = action();
      String svc = action.substring(0, action.indexOf(':'));
      RequestContext.Builder context =
          RequestContext.builder()
              .put("aws:username", "alice")
              .put("aws:PrincipalTag/team", team())
              .put(
                  "aws:SourceIp",
                  (random.nextBoolean() ? "10." : "172.") + random.nextInt(256) + ".1.2")
              .put("aws:CurrentTime", "2024-0" + (1 + random.nextInt(9)) + "-15T12:00:00Z")
              .put("svc:count", Integer.toString(random.nextInt(120)))
              .put("svc:prefix", random.nextBoolean() ? "home/alice/x" : "private/y")
              .put("aws:TagKeys", random.nextBoolean() ? List.of("env") : List.of("owner"));
      if (random.nextBoolean()) {
        context.put("aws:MultiFactorAuthPresent", random.nextBoolean() ? "true" : "false");
      }
      requests[i] =
          Request.builder()
              .principal(PRINCIPAL)
              .action(action)
              .resource(
                  "arn:aws:"
                      + svc
                      + ":us-east-1:"
                      + ACCOUNT
                      + ":thing/"
                      + team()
                      + "/obj-"
                      + random.nextInt(50))
              .context(context.build())
              .build();
    }
    return requests;
  }
}
