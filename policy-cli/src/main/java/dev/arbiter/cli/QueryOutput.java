package dev.arbiter.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.arbiter.catalog.AccessLevel;
import dev.arbiter.eval.StatementRef;
import dev.arbiter.query.AccountPrincipal;
import dev.arbiter.query.Answer;
import dev.arbiter.query.ContextDependency;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Text and JSON renderings of {@code query} answers. */
final class QueryOutput {
  private QueryOutput() {}

  static String text(Answer answer, boolean explain) {
    StringBuilder out = new StringBuilder();
    out.append(
        answer.<String>match(
            can -> can(can, explain), who -> whoCan(who), what -> whatCan(what, explain)));
    if (!answer.warnings().isEmpty()) {
      out.append("Warnings:\n");
      answer.warnings().forEach(w -> out.append("  ").append(w).append('\n'));
    }
    return out.toString();
  }

  private static String can(Answer.Can can, boolean explain) {
    StringBuilder out = new StringBuilder();
    out.append(can.principal().shortName())
        .append(" (")
        .append(can.principal().arn())
        .append(") ")
        .append(can.action())
        .append(' ')
        .append(can.resource())
        .append('\n');
    if (explain) {
      out.append(can.explanation());
    } else {
      out.append("Decision: ").append(can.decision().json()).append('\n');
      out.append(can.explanation().summary()).append('\n');
      if (!can.explanation().decisive().isEmpty()) {
        out.append("Decided by:\n");
        can.explanation().decisive().forEach(s -> out.append("  ").append(s).append('\n'));
      }
    }
    if (!can.dependsOn().isEmpty()) {
      out.append("Depends on context the question did not give:\n");
      can.dependsOn().forEach(d -> out.append("  ").append(d).append('\n'));
    }
    return out.toString();
  }

  private static String whoCan(Answer.WhoCan who) {
    StringBuilder out = new StringBuilder();
    out.append("who can ")
        .append(who.action())
        .append(' ')
        .append(who.resource())
        .append(": ")
        .append(who.allowed().stream().map(g -> g.principal().principalArn()).distinct().count())
        .append(" of ")
        .append(who.principalsChecked())
        .append(" principals allowed");
    if (!who.conditional().isEmpty()) {
      out.append(", ").append(who.conditional().size()).append(" more under conditions");
    }
    if (!who.possibly().isEmpty()) {
      out.append(", ").append(who.possibly().size()).append(" possibly (not decided)");
    }
    out.append('\n');
    boolean pattern = !who.allowed().stream().allMatch(g -> g.resource().equals(who.resource()));
    for (Answer.Grant grant : who.allowed()) {
      out.append("  ").append(principal(grant.principal()));
      if (pattern) {
        out.append(" on ");
        if (grant.through().isEmpty()) {
          out.append(grant.resource());
        } else {
          out.append(String.join(", ", grant.through()))
              .append(" (for example ")
              .append(grant.resource())
              .append(')');
        }
      }
      out.append('\n');
      for (StatementRef how : grant.how()) {
        out.append("      via ").append(how).append('\n');
      }
    }
    for (Answer.Grant grant : who.conditional()) {
      out.append("  ").append(principal(grant.principal()));
      if (pattern || !grant.resource().equals(who.resource())) {
        out.append(" on ").append(grant.resource());
      }
      out.append('\n');
      for (ContextDependency dependency : grant.dependsOn()) {
        out.append("      ").append(dependency).append('\n');
      }
    }
    for (Answer.Possibly maybe : who.possibly()) {
      out.append("  possibly ")
          .append(principal(maybe.principal()))
          .append(": ")
          .append(maybe.why())
          .append('\n');
    }
    return out.toString();
  }

  private static String principal(AccountPrincipal principal) {
    return principal.shortName() + " (" + principal.principalArn() + ")";
  }

  private static String whatCan(Answer.WhatCan what, boolean explain) {
    StringBuilder out = new StringBuilder();
    out.append("what can ")
        .append(principal(what.principal()))
        .append(" do: ")
        .append(what.allowed().size())
        .append(" of ")
        .append(what.actionsChecked())
        .append(" actions allowed\n");
    Map<String, Map<AccessLevel, List<Answer.ActionGrant>>> byService = new TreeMap<>();
    for (Answer.ActionGrant grant : what.allowed()) {
      byService
          .computeIfAbsent(grant.service(), k -> new TreeMap<>())
          .computeIfAbsent(grant.accessLevel(), k -> new ArrayList<>())
          .add(grant);
    }
    byService.forEach(
        (service, levels) -> {
          int count = levels.values().stream().mapToInt(List::size).sum();
          out.append(service).append(" (").append(count).append(")\n");
          levels.forEach(
              (level, grants) -> {
                if (explain) {
                  out.append("  ").append(level.displayName()).append(":\n");
                  for (Answer.ActionGrant grant : grants) {
                    out.append("    ")
                        .append(grant.action())
                        .append(" on ")
                        .append(grant.grant().resource())
                        .append('\n');
                    grant
                        .grant()
                        .how()
                        .forEach(h -> out.append("        via ").append(h).append('\n'));
                  }
                } else {
                  List<String> names = new ArrayList<>();
                  grants.forEach(g -> names.add(g.action().substring(g.action().indexOf(':') + 1)));
                  out.append("  ")
                      .append(level.displayName())
                      .append(": ")
                      .append(String.join(", ", names))
                      .append('\n');
                }
              });
        });
    return out.toString();
  }

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

  private static void dependencies(JsonGenerator json, List<ContextDependency> dependencies)
      throws IOException {
    json.writeArrayFieldStart("dependsOn");
    for (ContextDependency dependency : dependencies) {
      json.writeStartObject();
      json.writeObjectFieldStart("context");
      for (Map.Entry<String, String> entry :
          new LinkedHashMap<>(new TreeMap<>(dependency.values())).entrySet()) {
        json.writeStringField(entry.getKey(), entry.getValue());
      }
      json.writeEndObject();
      json.writeStringField("decision", dependency.decision().json());
      json.writeEndObject();
    }
    json.writeEndArray();
  }
}
