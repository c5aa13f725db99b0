package dev.arbiter.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.arbiter.query.AccountPrincipal;
import dev.arbiter.query.Answer;
import dev.arbiter.query.ContextDependency;
import java.io.IOException;
import java.util.List;

/** The JSON rendering of {@code query} answers; the text is {@link Answer#toText(boolean)}. */
final class QueryOutput {
  private QueryOutput() {}

  static String json(Answer answer) {
    return JsonOutput.render(
        json -> {
          json.writeStartObject();
          JsonOutput.Body body =
              answer.match(
                  can -> j -> can(j, can),
                  who -> j -> whoCan(j, who),
                  what -> j -> whatCan(j, what));
          body.write(json);
          JsonOutput.strings(json, "warnings", answer.warnings());
          json.writeEndObject();
        });
  }

  private static void can(JsonGenerator json, Answer.Can can) throws IOException {
    json.writeStringField("question", "can");
    principal(json, "principal", can.principal());
    json.writeStringField("action", can.action());
    json.writeStringField("resource", can.resource());
    json.writeStringField("decision", can.decision().json());
    dependencies(json, can.dependsOn());
    json.writeFieldName("explanation");
    JsonOutput.writeExplanation(json, can.explanation());
  }

  private static void whoCan(JsonGenerator json, Answer.WhoCan who) throws IOException {
    json.writeStringField("question", "whoCan");
    json.writeStringField("action", who.action());
    json.writeStringField("resource", who.resource());
    json.writeNumberField("principalsChecked", who.principalsChecked());
    grants(json, "allowed", who.allowed());
    grants(json, "conditional", who.conditional());
    json.writeArrayFieldStart("possibly");
    for (Answer.Possibly maybe : who.possibly()) {
      json.writeStartObject();
      principal(json, "principal", maybe.principal());
      json.writeStringField("why", maybe.why());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void whatCan(JsonGenerator json, Answer.WhatCan what) throws IOException {
    json.writeStringField("question", "whatCan");
    principal(json, "principal", what.principal());
    json.writeNumberField("actionsChecked", what.actionsChecked());
    json.writeArrayFieldStart("allowed");
    for (Answer.ActionGrant grant : what.allowed()) {
      json.writeStartObject();
      json.writeStringField("action", grant.action());
      json.writeStringField("service", grant.service());
      json.writeStringField("accessLevel", grant.accessLevel().displayName());
      json.writeStringField("resource", grant.grant().resource());
      JsonOutput.statements(json, "how", grant.grant().how());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void principal(JsonGenerator json, String name, AccountPrincipal principal)
      throws IOException {
    json.writeObjectFieldStart(name);
    json.writeStringField("name", principal.shortName());
    json.writeStringField("arn", principal.arn());
    json.writeStringField("principalArn", principal.principalArn());
    json.writeStringField("account", principal.account());
    json.writeEndObject();
  }

  private static void grants(JsonGenerator json, String name, List<Answer.Grant> grants)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (Answer.Grant grant : grants) {
      json.writeStartObject();
      principal(json, "principal", grant.principal());
      json.writeStringField("action", grant.action());
      if (!grant.actionsThrough().isEmpty()) {
        json.writeArrayFieldStart("actionsThrough");
        for (String pattern : grant.actionsThrough()) {
          json.writeString(pattern);
        }
        json.writeEndArray();
      }
      json.writeStringField("resource", grant.resource());
      if (!grant.through().isEmpty()) {
        json.writeArrayFieldStart("through");
        for (String pattern : grant.through()) {
          json.writeString(pattern);
        }
        json.writeEndArray();
      }
      json.writeStringField("decision", grant.decision().json());
      JsonOutput.statements(json, "how", grant.how());
      dependencies(json, grant.dependsOn());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /**
   * {@code "dependsOn"}: none, or how the decision depends on context the question did not give, as
   * {@code {"asked": decision, "conditions": {...}}} with the conditions of {@code simulate
   * --conditions}.
   */
  private static void dependencies(JsonGenerator json, List<ContextDependency> dependencies)
      throws IOException {
    json.writeArrayFieldStart("dependsOn");
    for (ContextDependency dependency : dependencies) {
      json.writeStartObject();
      json.writeStringField("asked", dependency.asked().json());
      json.writeFieldName("conditions");
      JsonOutput.writeConditions(json, dependency.conditions());
      json.writeEndObject();
    }
    json.writeEndArray();
  }
}
