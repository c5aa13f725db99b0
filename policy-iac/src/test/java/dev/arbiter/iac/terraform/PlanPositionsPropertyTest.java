package dev.arbiter.iac.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.PolicyReader;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random documents, written into a plan as a JSON string with randomly chosen escapes: every
 * element of the document the reader gives has a plan position at which the plan's text, read as
 * one (possibly escaped) character, is the character the element starts with in the document.
 */
class PlanPositionsPropertyTest {
  private static final String ALPHABET = "aZ09:*/-_ \"\\\t\n\r\u00e9\u2028\ud83d\ude00{}[],";

  static Stream<Long> seeds() {
    return IntStream.range(0, 300).mapToObj(i -> 0x7f15L * 1_000 + i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void read_randomDocumentAndEscapes_everyPositionIsItsCharacterInThePlan(long seed) {
    Random random = new Random(seed);
    String document = value(random, 0, random.nextBoolean());
    String plan =
        "{\"format_version\": \"1.0\",\n \"planned_values\": {\"root_module\": {\"resources\": [\n"
            + "  {\"address\": \"aws_iam_policy.p\", \"mode\": \"managed\", \"type\": \"aws_iam_policy\","
            + " \"name\": \"p\", \"values\": {\"policy\": "
            + escape(random, document)
            + "}}]}}}";

    List<EmbeddedPolicy> found = Plans.read(plan);

    assertThat(found).hasSize(1);
    Json inPlan = found.get(0).document();
    Json inString = JsonReader.read(document, PolicyReader.LIMITS);
    PlanText documentText = new PlanText(document);
    PlanText planText = new PlanText(plan);
    compare(inString, inPlan, documentText, planText, document, plan);
  }

  private static void compare(
      Json inString,
      Json inPlan,
      PlanText documentText,
      PlanText planText,
      String document,
      String plan) {
    check(inString.position(), inPlan.position(), documentText, planText, document, plan);
    if (inString instanceof Json.Obj o) {
      List<Json.Member> planMembers = ((Json.Obj) inPlan).members();
      for (int i = 0; i < o.members().size(); i++) {
        check(
            o.members().get(i).namePosition(),
            planMembers.get(i).namePosition(),
            documentText,
            planText,
            document,
            plan);
        compare(
            o.members().get(i).value(),
            planMembers.get(i).value(),
            documentText,
            planText,
            document,
            plan);
      }
    } else if (inString instanceof Json.Arr a) {
      for (int i = 0; i < a.elements().size(); i++) {
        compare(
            a.elements().get(i),
            ((Json.Arr) inPlan).elements().get(i),
            documentText,
            planText,
            document,
            plan);
      }
    }
  }

  private static void check(
      SourcePosition inString,
      SourcePosition inPlan,
      PlanText documentText,
      PlanText planText,
      String document,
      String plan) {
    char expected = document.charAt(documentText.offsetOf(inString));
    int at = planText.offsetOf(inPlan);
    assertThat(inPlan.line()).isEqualTo(3);
    assertThat(unescapeOne(plan, at))
        .as("plan text at %s for %s", inPlan, inString)
        .isEqualTo(expected);
  }

  /** The character that the (possibly escaped) JSON string text at {@code at} stands for. */
  private static char unescapeOne(String text, int at) {
    char c = text.charAt(at);
    if (c != '\\') {
      return c;
    }
    char e = text.charAt(at + 1);
    return switch (e) {
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'u' -> (char) Integer.parseInt(text.substring(at + 2, at + 6), 16);
      default -> e;
    };
  }

  /** {@code text} as a JSON string literal, each character escaped or not at random. */
  private static String escape(Random random, String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean must = c == '"' || c == '\\' || c < 0x20;
      int choice = random.nextInt(4);
      if (choice == 0 || (must && choice == 1)) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (must || (choice == 1 && c == '/')) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '/' -> out.append("\\/");
          default -> out.append(String.format("\\u%04X", (int) c));
        }
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** A random JSON value as text, pretty-printed (with CR LF or LF) or compact. */
  private static String value(Random random, int depth, boolean pretty) {
    int kind = depth > 3 ? 2 + random.nextInt(3) : random.nextInt(5);
    String newline = pretty ? (random.nextBoolean() ? "\n" : "\r\n") + "  ".repeat(depth + 1) : "";
    String close = pretty ? "\n" + "  ".repeat(depth) : "";
    switch (kind) {
      case 0 -> {
        StringBuilder out = new StringBuilder("{");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          out.append(i > 0 ? "," : "")
              .append(newline)
              .append(string(random, "k" + i))
              .append(pretty ? ": " : ":");
          out.append(value(random, depth + 1, pretty));
        }
        return out.append(n > 0 ? close : "").append('}').toString();
      }
      case 1 -> {
        StringBuilder out = new StringBuilder("[");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          out.append(i > 0 ? "," : "").append(newline).append(value(random, depth + 1, pretty));
        }
        return out.append(n > 0 ? close : "").append(']').toString();
      }
      case 2 -> {
        return string(random, "");
      }
      case 3 -> {
        return Integer.toString(random.nextInt(1000) - 500);
      }
      default -> {
        return random.nextBoolean() ? "true" : "null";
      }
    }
  }

  /** A JSON string literal (escaped for JSON) with random characters after {@code prefix}. */
  private static String string(Random random, String prefix) {
    StringBuilder raw = new StringBuilder(prefix);
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      raw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return Plans.quote(raw.toString());
  }
}
