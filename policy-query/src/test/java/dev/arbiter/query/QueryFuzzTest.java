package dev.arbiter.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the query language: any text either parses or throws {@link QuerySyntaxException} with a
 * short message and a column inside the text; a parsed query, written back with every value quoted,
 * parses to the same query.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/arbiter/query/QueryFuzzTestInputs/}. To fuzz:
 * {@code scripts/fuzz.sh 5 QueryFuzzTest}.
 */
class QueryFuzzTest {

  /** Loads (and under Jazzer, instruments) the classes involved, so no input pays for that. */
  @BeforeAll
  static void warmUp() {
    new QueryFuzzTest()
        .parse_anyText_roundTripsOrThrowsSyntaxException(
            "what can role/x do on * in s3 with a = [b, 'c d']".getBytes(StandardCharsets.UTF_8));
  }

  @FuzzTest(maxDuration = "5m")
  void parse_anyText_roundTripsOrThrowsSyntaxException(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Query query;
    try {
      query = Query.parse(text);
    } catch (QuerySyntaxException e) {
      assertThat(e.getMessage()).hasSizeLessThan(1000);
      assertThat(e.column()).isBetween(1, Math.max(1, text.length() + 1));
      return;
    }
    assertThat(Query.parse(write(query))).isEqualTo(query);
  }

  /** The query as text, every value double-quoted. */
  private static String write(Query query) {
    return query.match(
        can ->
            "can "
                + quote(can.principal())
                + " "
                + quote(can.action())
                + " "
                + quote(can.resource())
                + with(can.context()),
        who -> "who can " + quote(who.action()) + " " + quote(who.resource()) + with(who.context()),
        what ->
            "what can "
                + quote(what.principal())
                + " do"
                + what.resource().map(r -> " on " + quote(r)).orElse("")
                + what.service().map(s -> " in " + quote(s)).orElse("")
                + with(what.context()));
  }

  private static String with(Map<String, List<String>> context) {
    if (context.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(" with ");
    String separator = "";
    for (Map.Entry<String, List<String>> entry : context.entrySet()) {
      out.append(separator).append(quote(entry.getKey())).append(" = [");
      out.append(String.join(", ", entry.getValue().stream().map(QueryFuzzTest::quote).toList()));
      out.append(']');
      separator = ", ";
    }
    return out.toString();
  }

  private static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || c == '\r' || c == '\n') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }
}
