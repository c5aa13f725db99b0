package dev.arbiter.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.Template;
import dev.arbiter.policy.value.IamValues;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The linter reports a condition value if and only if the evaluator cannot read it, for every
 * operator family: seeded draws of valid, near-valid and hostile values. The evaluator is asked as
 * a black box: a value it cannot read makes the comparison undecidable, so an Allow with it does
 * not apply and a Deny with it does; an Arn pattern it cannot read matches no ARN at all, not even
 * one built from the pattern itself. Run with {@code -Dseed=N} to draw other values.
 */
class ValueVerdictPropertyTest {
  private static final long SEED = Long.getLong("seed", 20261204L);
  private static final int CASES_PER_FAMILY = 400;
  private static final String KEY = "test:value";

  /** The codes that say "this value cannot be read as its operator's type". */
  private static final Set<String> VALUE_CODES =
      Set.of(
          "TYPE_MISMATCH_BOOLEAN",
          "TYPE_MISMATCH_DATE",
          "TYPE_MISMATCH_NUMBER",
          "TYPE_MISMATCH_STRING",
          "TYPE_MISMATCH_IP_RANGE",
          "MISSING_ARN_FIELD",
          "INVALID_ARN_PREFIX",
          "INVALID_VARIABLE_FOR_OPERATOR");

  private static final Linter LINTER = Linter.builder().build();

  /** Per family, the verdicts seen ("cannot read" true or false). */
  private static final Map<Family, Set<Boolean>> VERDICTS = new ConcurrentHashMap<>();

  /** One operator family: its operators and a request value of its type. */
  @SuppressWarnings("ImmutableEnumChecker") // List.of is unmodifiable
  private enum Family {
    NUMERIC(
        "1",
        "NumericEquals",
        "NumericNotEquals",
        "NumericLessThan",
        "NumericGreaterThanEqualsIfExists"),
    DATE(
        "2024-01-01T00:00:00Z",
        "DateEquals",
        "DateNotEquals",
        "DateLessThan",
        "DateGreaterThanIfExists"),
    BOOL("true", "Bool", "BoolIfExists"),
    BINARY("AAAA", "BinaryEquals", "BinaryEqualsIfExists"),
    IP("203.0.113.1", "IpAddress", "NotIpAddress", "IpAddressIfExists"),
    ARN("", "ArnLike", "ArnEquals", "ArnNotLike", "ArnNotEquals", "ArnLikeIfExists"),
    NULL("", "Null");

    final String request;
    final List<String> operators;

    Family(String request, String... operators) {
      this.request = request;
      this.operators = List.of(operators);
    }
  }

  /** A drawn value: its JSON form (a string, or now and then a bare number or boolean). */
  record Draw(Family family, String operator, String json, String text) {
    @Override
    public String toString() {
      return operator + " " + json;
    }
  }

  static Stream<Arguments> draws() {
    Random random = new Random(SEED);
    List<Arguments> out = new ArrayList<>();
    for (Family family : Family.values()) {
      for (int i = 0; i < CASES_PER_FAMILY; i++) {
        String operator = family.operators.get(random.nextInt(family.operators.size()));
        String text = Values.draw(family, random);
        boolean bare = Values.isBareJson(text) && random.nextInt(3) == 0;
        String json = bare ? text : Values.quote(text);
        out.add(Arguments.of(SEED + "#" + family + i, new Draw(family, operator, json, text)));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("draws")
  void lintReportsValue_iffEvaluatorCannotReadIt(String id, Draw draw) {
    String condition = "{\"" + draw.operator() + "\": {\"" + KEY + "\": [" + draw.json() + "]}}";
    String allow =
        policy("{\"Effect\": \"Allow\", " + ACTION + ", \"Condition\": " + condition + "}");
    Policy allowPolicy;
    try {
      allowPolicy = Policy.parse(allow);
    } catch (PolicyParseException e) {
      // Not a value question: the policy does not parse (a malformed ${...}), and both say so.
      assertThat(LINTER.lint("p.json", allow).parsed()).as(allow).isFalse();
      return;
    }
    boolean substituted =
        (draw.family() == Family.BOOL || draw.family() == Family.ARN)
            && Template.parse(draw.text()).hasVariables();
    if (substituted) {
      return; // Bool and Arn substitute variables per request: no verdict without a request
    }
    Set<String> codes =
        LINTER.lint("p.json", allow).findings().stream()
            .map(Finding::code)
            .filter(VALUE_CODES::contains)
            .collect(Collectors.toSet());
    boolean unreadable = cannotRead(draw, allowPolicy, condition);
    VERDICTS.computeIfAbsent(draw.family(), f -> ConcurrentHashMap.newKeySet()).add(unreadable);
    assertThat(!codes.isEmpty())
        .as(
            "%s: evaluator %s it, linter reports %s",
            draw, unreadable ? "cannot read" : "reads", codes)
        .isEqualTo(unreadable);
    if (draw.family() == Family.DATE) {
      boolean epochAdvice =
          LINTER.lint("p.json", allow).findings().stream()
              .anyMatch(f -> f.code().equals("INVALID_DATE_VALUE"));
      assertThat(epochAdvice).as(draw.toString()).isEqualTo(IamValues.isEpochSeconds(draw.text()));
    }
  }

  private static final String ACTION = "\"Action\": \"s3:GetObject\", \"Resource\": \"*\"";

  private static String policy(String... statements) {
    return "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(", ", statements) + "]}";
  }

  private static boolean cannotRead(Draw draw, Policy allowPolicy, String condition) {
    if (draw.family() == Family.ARN) {
      // The evaluator's ARN reading never is undecided: an unreadable pattern matches no ARN.
      Decision decision = decide(allowPolicy, Values.witness(draw.text()));
      boolean negated = draw.operator().contains("Not");
      return decision.isAllowed() == negated;
    }
    String requestValue = draw.family() == Family.NULL ? null : draw.family().request;
    Policy deny =
        Policy.parse(
            policy(
                "{\"Effect\": \"Allow\", " + ACTION + "}",
                "{\"Effect\": \"Deny\", " + ACTION + ", \"Condition\": " + condition + "}"));
    boolean allowApplies = decide(allowPolicy, requestValue).isAllowed();
    boolean denyApplies = decide(deny, requestValue) == Decision.EXPLICIT_DENY;
    return !allowApplies && denyApplies;
  }

  private static Decision decide(Policy policy, @Nullable String value) {
    RequestContext.Builder context = RequestContext.builder();
    if (value != null) {
      context.put(KEY, value);
    }
    Request request =
        Request.builder()
            .principal("arn:aws:iam::111122223333:user/alice")
            .action("s3:GetObject")
            .resource("arn:aws:s3:::bucket/key")
            .context(context.build())
            .build();
    return Evaluator.of(PolicySet.builder().identityPolicy("p", policy).build()).evaluate(request);
  }

  /** The seeded generators. */
  private static final class Values {
    private Values() {}

    /** Values that no family reads, or that test the edges of reading itself. */
    private static final List<String> HOSTILE =
        List.of(
            "",
            " ",
            "\t",
            "null",
            "NaN",
            "Infinity",
            "-",
            "+",
            "${aws:username}",
            "${",
            "${}",
            "\u200b1",
            "1\u0000",
            "\uD83D\uDE00",
            "\u202e1",
            "١٢٣",
            "１２",
            "x".repeat(5000),
            "9".repeat(64),
            "9".repeat(65),
            "true ",
            "*",
            "?");

    static String draw(Family family, Random random) {
      int kind = random.nextInt(10);
      if (kind == 0) {
        return HOSTILE.get(random.nextInt(HOSTILE.size()));
      }
      String value =
          switch (family) {
            case NUMERIC -> number(random);
            case DATE -> date(random);
            case BOOL, NULL -> bool(random);
            case BINARY -> base64(random);
            case IP -> ip(random);
            case ARN -> arn(random);
          };
      return kind == 1 ? mutate(value, random) : value;
    }

    static String pick(Random random, String... options) {
      return options[random.nextInt(options.length)];
    }

    static String mutate(String text, Random random) {
      String alphabet = "0123456789-+.:/eE TtZz%ſ١\u00a0*?$";
      StringBuilder out = new StringBuilder(text);
      int op = random.nextInt(3);
      int at = out.length() == 0 ? 0 : random.nextInt(out.length());
      char c = alphabet.charAt(random.nextInt(alphabet.length()));
      if (op == 0 || out.length() == 0) {
        out.insert(at, c);
      } else if (op == 1) {
        out.setCharAt(at, c);
      } else {
        out.deleteCharAt(at);
      }
      return out.toString();
    }

    static String number(Random random) {
      String sign = pick(random, "", "", "", "-", "+", "--", "+-");
      String digits = String.valueOf(random.nextInt(100_000));
      return switch (random.nextInt(12)) {
        case 0 -> sign + digits + "." + random.nextInt(1000);
        case 1 -> sign + "0" + digits;
        case 2 -> sign + digits + pick(random, "e3", "E-2", "e+1");
        case 3 -> sign + "." + digits;
        case 4 -> sign + digits + ".";
        case 5 -> digits + ".1.2";
        case 6 -> pick(random, "1_000", "1,000", "0x1F", "1e3", ".5", "1.", "-0", "+0", "00");
        case 7 -> "1".repeat(60 + random.nextInt(10));
        case 8 -> " " + digits;
        default -> sign + digits;
      };
    }

    static String twoDigits(Random random, int bound) {
      return String.format(java.util.Locale.ROOT, "%02d", random.nextInt(bound));
    }

    static String date(Random random) {
      String year = String.valueOf(1900 + random.nextInt(300));
      String day = year + "-" + twoDigits(random, 14) + "-" + twoDigits(random, 33);
      String time = twoDigits(random, 26) + ":" + twoDigits(random, 62);
      String seconds = ":" + twoDigits(random, 62);
      String zone = pick(random, "Z", "Z", "+02:00", "-0430", "z", "", "+25:00", "+02");
      return switch (random.nextInt(14)) {
        case 0 -> day;
        case 1 -> day + pick(random, "T", "t", " ") + time + zone;
        case 2 -> day + "T" + time + seconds + "." + random.nextInt(1000) + zone;
        case 3 -> String.valueOf(random.nextInt(2_000_000_000) * (random.nextBoolean() ? 1 : -1));
        case 4 -> random.nextInt(2_000_000_000) + "." + random.nextInt(100);
        case 5 -> year + "-" + twoDigits(random, 13);
        case 6 -> year;
        case 7 ->
            pick(
                random,
                "2024-02-31",
                "2024-02-29",
                "2023-02-29",
                "2024-06",
                "2024-06-15t12:00:00Z",
                "2024-06-15T12:00:00z",
                "2024-06-15T23:59:60Z",
                "2024-06-15T24:00:00Z",
                "2024-W24-1",
                "2024-167",
                "+12024-01-01",
                "-2024-01-01",
                "20240615T120000Z",
                "1e9");
        default -> day + "T" + time + seconds + zone;
      };
    }

    static String bool(Random random) {
      return pick(
          random, "true", "false", "TRUE", "False", "tRuE", "yes", "1", "0", "t", "falſe", "truе",
          " true", "true\n", "");
    }

    static String base64(Random random) {
      byte[] bytes = new byte[random.nextInt(12)];
      random.nextBytes(bytes);
      String standard = Base64.getEncoder().encodeToString(bytes);
      return switch (random.nextInt(8)) {
        case 0 -> Base64.getUrlEncoder().encodeToString(bytes);
        case 1 -> Base64.getEncoder().withoutPadding().encodeToString(bytes);
        case 2 -> Base64.getMimeEncoder().encodeToString(bytes) + "\r\n";
        case 3 -> pick(random, "AA-_", "A", "AA=", "====", "QUJD*", "QU JD", "AAA=A");
        default -> standard;
      };
    }

    static String ip(Random random) {
      String v4 =
          random.nextInt(256)
              + "."
              + random.nextInt(256)
              + "."
              + random.nextInt(256)
              + "."
              + random.nextInt(256);
      String v6 = Integer.toHexString(random.nextInt(0x10000)) + ":db8::" + random.nextInt(100);
      String prefix = "/" + random.nextInt(140);
      return switch (random.nextInt(12)) {
        case 0 -> v4;
        case 1 -> v4 + "/" + random.nextInt(34);
        case 2 -> v6;
        case 3 -> v6 + prefix;
        case 4 -> "::ffff:" + v4 + pick(random, "", "/8", "/32", "/96", "/104", "/128");
        case 5 -> "0" + v4;
        case 6 -> v6 + pick(random, "%eth0", "%1", "%25");
        case 7 -> v4 + pick(random, "/", "/-1", "/+8", "/0032", "/999", "/8 ", "/x");
        case 8 ->
            pick(
                random,
                "localhost",
                "1.2.3",
                "1.2.3.4.5",
                "::",
                "::/0",
                "0.0.0.0/0",
                "１.2.3.4",
                "[::1]",
                "1.2.3.4:80",
                "::1.2.3.4",
                "1:2:3:4:5:6:7:8:9",
                "2001:DB8::/32");
        default -> v4 + "/" + random.nextInt(33);
      };
    }

    static String arn(Random random) {
      String resource = pick(random, "bucket", "bucket/*", "role/x", "a:b:c", "*", "");
      String full = "arn:aws:" + pick(random, "s3", "iam", "*", "s?") + ":::" + resource;
      return switch (random.nextInt(10)) {
        case 0 -> pick(random, "*", "**", "?", "", "foo", "arn", "arn:*", "*:*:*:*:*:*");
        case 1 -> full.substring(0, random.nextInt(full.length() + 1));
        case 2 -> pick(random, "ARN", "a?n", "*", "arn?", "ar*", "xrn") + full.substring(3);
        case 3 -> "arn:aws:iam::" + pick(random, "*", "111122223333", "") + ":role/" + resource;
        default -> full;
      };
    }

    /** Whether {@code text} is also a JSON number or boolean, to be written bare. */
    static boolean isBareJson(String text) {
      return text.equals("true")
          || text.equals("false")
          || text.matches("-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,6})?([eE][+-]?[0-9]{1,2})?");
    }

    static String quote(String text) {
      return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    /**
     * An ARN that the pattern matches if it matches any: {@code arn}, then the pattern from its
     * first colon on with each wildcard made one plain character ({@code *} none, {@code ?} one).
     */
    static String witness(String pattern) {
      int colon = pattern.indexOf(':');
      if (colon < 0) {
        return "arn:aws:s3:::bucket";
      }
      return "arn" + pattern.substring(colon).replace("*", "").replace("?", "x");
    }
  }

  /** The draws of every family hold values of both verdicts, or the property says little. */
  @AfterAll
  static void draws_coverBothVerdictsInEveryFamily() {
    for (Family family : Family.values()) {
      assertThat(VERDICTS.getOrDefault(family, Set.of()))
          .as("verdicts drawn for %s", family)
          .containsExactlyInAnyOrder(true, false);
    }
  }
}
