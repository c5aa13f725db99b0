package dev.arbiter.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Policy} as canonical JSON: elements in grammar order, two-space indentation, a
 * list of one written as a single value. Reading the output gives back an equal policy.
 */
final class PolicyWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonGenerator out;

  private PolicyWriter(JsonGenerator out) {
    this.out = out;
  }

  static String write(Policy policy) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(text)) {
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
      printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
      printer.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
      generator.setPrettyPrinter(printer);
      new PolicyWriter(generator).policy(policy);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.append('\n').toString();
  }

  private void policy(Policy policy) throws IOException {
    out.writeStartObject();
    if (policy.version().isPresent()) {
      out.writeStringField("Version", policy.version().get().json());
    }
    if (policy.id().isPresent()) {
      out.writeStringField("Id", policy.id().get());
    }
    out.writeArrayFieldStart("Statement");
    for (Statement statement : policy.statements()) {
      statement(statement);
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  private void statement(Statement statement) throws IOException {
    out.writeStartObject();
    if (statement.sid().isPresent()) {
      out.writeStringField("Sid", statement.sid().get());
    }
    out.writeStringField("Effect", statement.effect().json());
    if (statement.principals().isPresent()) {
      principals(statement.principals().get());
    }
    Actions actions = statement.actions();
    List<String> actionTexts = new ArrayList<>();
    actions.patterns().forEach(p -> actionTexts.add(p.text()));
    strings(actions.elementName(), actionTexts);
    if (statement.resources().isPresent()) {
      Resources resources = statement.resources().get();
      List<String> resourceTexts = new ArrayList<>();
      resources.patterns().forEach(p -> resourceTexts.add(p.text()));
      strings(resources.elementName(), resourceTexts);
    }
    if (statement.condition().isPresent()) {
      condition(statement.condition().get());
    }
    out.writeEndObject();
  }

  private void principals(Principals principals) throws IOException {
    if (principals.wildcard()) {
      out.writeStringField(principals.elementName(), "*");
      return;
    }
    out.writeObjectFieldStart(principals.elementName());
    for (PrincipalType type : PrincipalType.values()) {
      List<Principal> values = principals.values().get(type);
      if (values != null) {
        List<String> texts = new ArrayList<>();
        values.forEach(p -> texts.add(p.value()));
        strings(type.json(), texts);
      }
    }
    out.writeEndObject();
  }

  private void condition(ConditionBlock block) throws IOException {
    Map<String, List<Condition>> byOperator = new LinkedHashMap<>();
    for (Condition condition : block.conditions()) {
      byOperator
          .computeIfAbsent(condition.operator().text(), k -> new ArrayList<>())
          .add(condition);
    }
    out.writeObjectFieldStart("Condition");
    for (Map.Entry<String, List<Condition>> entry : byOperator.entrySet()) {
      out.writeObjectFieldStart(entry.getKey());
      for (Condition condition : entry.getValue()) {
        out.writeFieldName(condition.key().name());
        if (condition.values().size() == 1) {
          value(condition.values().get(0));
        } else {
          out.writeStartArray();
          for (ConditionValue value : condition.values()) {
            value(value);
          }
          out.writeEndArray();
        }
      }
      out.writeEndObject();
    }
    out.writeEndObject();
  }

  private void value(ConditionValue value) throws IOException {
    switch (value.jsonType()) {
      case STRING -> out.writeString(value.text());
      case NUMBER -> out.writeNumber(value.text());
      case BOOLEAN -> out.writeBoolean(Boolean.parseBoolean(value.text()));
    }
  }

  private void strings(String name, List<String> values) throws IOException {
    out.writeFieldName(name);
    if (values.size() == 1) {
      out.writeString(values.get(0));
      return;
    }
    out.writeStartArray();
    for (String value : values) {
      out.writeString(value);
    }
    out.writeEndArray();
  }
}
