package dev.arbiter.query;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.Explanation;
import dev.arbiter.eval.NotApplied;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.eval.StatementRef;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.SetQualifier;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.IamValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the request context values a question left out that would change its decision. For every
 * statement that could turn the decision (an Allow that missed for an implicit deny, a Deny that
 * missed for an allow, a Deny that decided an explicit deny) and that tests keys the request does
 * not carry, it tries the values the statement's own conditions name, one key after another, and
 * keeps each combination that changes the decision when the whole request is evaluated again.
 */
final class Dependencies {
  private Dependencies() {}

  static List<ContextDependency> find(
      Evaluator evaluator, Request request, Explanation explanation, int maxKeys, int maxResults) {
    Decision base = explanation.decision();
    List<Statement> candidates = new ArrayList<>();
    // By content: the same statement in two policies (or two snapshots) is searched once.
    Set<Statement> seen = new HashSet<>();
    if (base == Decision.EXPLICIT_DENY) {
      for (StatementRef ref : explanation.decisive()) {
        if (seen.add(ref.statement().withoutLocations())) {
          candidates.add(ref.statement());
        }
      }
    } else {
      Effect wanted = base == Decision.ALLOWED ? Effect.DENY : Effect.ALLOW;
      for (NotApplied miss : explanation.notApplied()) {
        if (miss.element() == NotApplied.Element.CONDITION
            && miss.statement().effect() == wanted
            && seen.add(miss.statement().statement().withoutLocations())) {
          candidates.add(miss.statement().statement());
        }
      }
    }
    List<ContextDependency> out = new ArrayList<>();
    Set<Map<String, String>> found = new HashSet<>();
    for (Statement statement : candidates) {
      search(evaluator, request, base, statement, new LinkedHashMap<>(), maxKeys, out, found);
      if (out.size() >= maxResults) {
        break;
      }
    }
    return out;
  }

  private static void search(
      Evaluator evaluator,
      Request request,
      Decision base,
      Statement statement,
      Map<String, String> assignment,
      int keysLeft,
      List<ContextDependency> out,
      Set<Map<String, String>> found) {
    if (keysLeft == 0) {
      return;
    }
    Optional<Condition> next = nextAbsent(statement, request.context(), assignment);
    if (next.isEmpty()) {
      return;
    }
    Condition condition = next.get();
    List<String> values = tryValues(condition);
    for (String value : values) {
      Map<String, String> extended = new LinkedHashMap<>(assignment);
      extended.put(condition.key().name(), value);
      Decision decision = evaluator.evaluate(with(request, extended, condition));
      if (decision != base) {
        if (found.add(extended)) {
          out.add(new ContextDependency(extended, decision));
        }
        return;
      }
    }
    if (!values.isEmpty()) {
      // No single value changes the decision: the statement may test more absent keys.
      Map<String, String> extended = new LinkedHashMap<>(assignment);
      extended.put(condition.key().name(), values.get(0));
      search(evaluator, request, base, statement, extended, keysLeft - 1, out, found);
    }
  }

  private static Optional<Condition> nextAbsent(
      Statement statement, RequestContext context, Map<String, String> assignment) {
    for (Condition condition : statement.conditions()) {
      String key = condition.key().name();
      boolean assigned = assignment.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key));
      if (!context.contains(key) && !assigned && !tryValues(condition).isEmpty()) {
        return Optional.of(condition);
      }
    }
    return Optional.empty();
  }

  /** Values that could make the condition come out the other way, from its own values. */
  private static List<String> tryValues(Condition condition) {
    BaseOperator base = condition.operator().base();
    List<String> out = new ArrayList<>();
    if (base == BaseOperator.NULL) {
      for (ConditionValue value : condition.values()) {
        if (value.text().equals("false")) {
          out.add("true"); // "present": any value will do
        }
      }
      return out;
    }
    if (base == BaseOperator.BOOL) {
      for (ConditionValue value : condition.values()) {
        out.add(value.text());
      }
      for (String b : List.of("true", "false")) {
        if (!out.contains(b)) {
          out.add(b);
        }
      }
      return out;
    }
    for (ConditionValue value : condition.values()) {
      if (value.template().hasVariables()) {
        continue;
      }
      String text = value.text();
      switch (base) {
        case NUMERIC_LESS_THAN -> text = shift(text, -1);
        case NUMERIC_GREATER_THAN -> text = shift(text, 1);
        case IP_ADDRESS, NOT_IP_ADDRESS ->
            text = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        default -> {}
      }
      if (!text.isEmpty() && !out.contains(text)) {
        out.add(text);
      }
      if (out.size() == 3) {
        break;
      }
    }
    return out;
  }

  private static String shift(String number, int delta) {
    BigDecimal value = IamValues.number(number);
    return value == null ? "" : value.add(BigDecimal.valueOf(delta)).toPlainString();
  }

  private static Request with(Request request, Map<String, String> extra, Condition last) {
    RequestContext.Builder context = RequestContext.builder();
    RequestContext given = request.context();
    for (String key : given.keys()) {
      if (given.isMultivalued(key)) {
        context.put(key, given.values(key).orElse(List.of()));
      } else {
        context.put(key, given.value(key).orElse(""));
      }
    }
    extra.forEach(
        (key, value) -> {
          if (key.equalsIgnoreCase(last.key().name())
              && last.operator().qualifier() != SetQualifier.NONE) {
            context.put(key, List.of(value));
          } else {
            context.put(key, value);
          }
        });
    return request.withContext(context.build());
  }
}
