package dev.arbiter.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Explanation;
import dev.arbiter.eval.NotApplied;
import dev.arbiter.eval.StatementRef;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.reason.Conditions;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The machine-readable output of {@code simulate}: one JSON object per line. */
final class JsonOutput {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private JsonOutput() {}

  interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  static String render(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /** {@code {"id": ..., "decision": ...}}. */
  static String decisionLine(String id, Decision decision) {
    return render(
        json -> {
          json.writeStartObject();
          json.writeStringField("id", id);
          json.writeStringField("decision", decision.json());
          json.writeEndObject();
        });
  }

  /** {@code {"id": ..., "error": ...}}; the id is null when the line has none. */
  static String errorLine(@Nullable String id, String message) {
    return render(
        json -> {
          json.writeStartObject();
          if (id == null) {
            json.writeNullField("id");
          } else {
            json.writeStringField("id", id);
          }
          json.writeStringField("error", message);
          json.writeEndObject();
        });
  }

  /** The whole explanation of one decision. */
  static String explanation(Explanation explanation) {
    return render(json -> writeExplanation(json, explanation));
  }

  /**
   * The explanation with {@code "conditions"}: under which values of the missing context keys the
   * request would be allowed ({@code simulate --conditions}).
   */
  static String explanation(Explanation explanation, Conditions conditions) {
    return render(
        json -> {
          json.writeStartObject();
          explanationFields(json, explanation);
          json.writeFieldName("conditions");
          writeConditions(json, conditions);
          json.writeEndObject();
        });
  }

  /**
   * Writes {@code conditions} as one JSON object: {@code {"result": "allowedIf" | "never" |
   * "inconclusive", "missingKeys", "alternatives": [[{"key", "condition"}]], "cause"}}.
   */
  static void writeConditions(JsonGenerator json, Conditions conditions) throws IOException {
    json.writeStartObject();
    json.writeStringField(
        "result",
        switch (conditions.outcome()) {
          case ALLOWED_IF -> "allowedIf";
          case NEVER -> "never";
          case INCONCLUSIVE -> "inconclusive";
        });
    strings(json, "missingKeys", conditions.missingKeys());
    json.writeArrayFieldStart("alternatives");
    if (conditions instanceof Conditions.AllowedIf allowed) {
      for (Conditions.Alternative alternative : allowed.alternatives()) {
        json.writeStartArray();
        for (Conditions.Constraint constraint : alternative.constraints()) {
          json.writeStartObject();
          json.writeStringField("key", constraint.key());
          json.writeStringField("condition", constraint.condition());
          json.writeEndObject();
        }
        json.writeEndArray();
      }
    }
    json.writeEndArray();
    if (conditions instanceof Conditions.Inconclusive inconclusive) {
      json.writeStringField("cause", inconclusive.cause());
    }
    json.writeEndObject();
  }

  /** Writes {@code explanation} as one JSON object. */
  static void writeExplanation(JsonGenerator json, Explanation explanation) throws IOException {
    json.writeStartObject();
    explanationFields(json, explanation);
    json.writeEndObject();
  }

  private static void explanationFields(JsonGenerator json, Explanation explanation)
      throws IOException {
    json.writeStringField("decision", explanation.decision().json());
    json.writeStringField("summary", explanation.summary());
    statements(json, "decisive", explanation.decisive());
    statements(json, "applied", explanation.applied());
    json.writeArrayFieldStart("notApplied");
    for (NotApplied miss : explanation.notApplied()) {
      json.writeStartObject();
      statementFields(json, miss.statement());
      json.writeStringField("element", miss.element().name().toLowerCase(Locale.ROOT));
      json.writeStringField("reason", miss.reason());
      json.writeStringField("at", miss.location().pointer().toString());
      json.writeEndObject();
    }
    json.writeEndArray();
    strings(json, "steps", explanation.steps());
    strings(json, "warnings", explanation.warnings());
  }

  static void statements(JsonGenerator json, String name, List<StatementRef> list)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (StatementRef statement : list) {
      json.writeStartObject();
      statementFields(json, statement);
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void statementFields(JsonGenerator json, StatementRef statement)
      throws IOException {
    json.writeStringField("policy", statement.policyName());
    json.writeStringField("type", statement.policyType().cliName());
    if (!statement.level().isEmpty()) {
      json.writeStringField("level", statement.level());
    }
    json.writeNumberField("statement", statement.index());
    if (statement.sid().isPresent()) {
      json.writeStringField("sid", statement.sid().get());
    }
    json.writeStringField("effect", statement.effect().json());
    SourcePosition position = statement.location().position();
    if (position.isKnown()) {
      json.writeNumberField("line", position.line());
      json.writeNumberField("column", position.column());
    }
  }

  static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
    json.writeArrayFieldStart(name);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }
}
