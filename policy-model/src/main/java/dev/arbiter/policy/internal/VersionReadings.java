package dev.arbiter.policy.internal;

import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionBlock;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Resources;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The second reading of a policy without {@code Version} (docs/semantics.md §12.8): AWS's variables
 * page says {@code ${...}} is then plain text (the reading the policy reader takes), Access
 * Analyzer's text says the version defaults to 2012-10-17, where it is a policy variable. The
 * evaluator and the reasoner take both readings per effect (§12.0). Not API.
 */
public final class VersionReadings {
  private VersionReadings() {}

  /**
   * The policy read as if its {@code Version} were 2012-10-17, when it has none and that reading
   * differs from the one parsed: some {@code Resource}/{@code NotResource} entry, or some value of
   * a String, ARN or Bool operator, holds a policy variable (or one of {@code ${*}}, {@code ${?}},
   * {@code ${$}}, which that version reads as plain characters). Empty for a policy with a {@code
   * Version}, for one without variables, and for one in which some {@code ${...}} is not a
   * well-formed variable: IAM would refuse that document as 2012-10-17, so only the plain-text
   * reading remains.
   */
  public static Optional<Policy> substituted(Policy policy) {
    if (policy.version().isPresent() || !mentionsVariable(policy)) {
      return Optional.empty();
    }
    List<Statement> statements = new ArrayList<>();
    boolean differs = false;
    try {
      for (Statement statement : policy.statements()) {
        Statement read = statement(statement);
        differs |= read != null;
        statements.add(read == null ? statement : read);
      }
    } catch (PolicyParseException e) {
      return Optional.empty();
    }
    return differs
        ? Optional.of(new Policy(policy.version(), policy.id(), statements, policy.location()))
        : Optional.empty();
  }

  /** A cheap test that rules out the common case, where no text holds a dollar and a brace. */
  private static boolean mentionsVariable(Policy policy) {
    for (Statement statement : policy.statements()) {
      if (statement.resources().isPresent()) {
        for (ResourcePattern pattern : statement.resources().get().patterns()) {
          if (pattern.text().contains("${")) {
            return true;
          }
        }
      }
      for (Condition condition : statement.conditions()) {
        for (ConditionValue value : condition.values()) {
          if (value.text().contains("${")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The statement with variables recognised; null when that reads the same. */
  private static @Nullable Statement statement(Statement statement) {
    Optional<Resources> resources = statement.resources();
    boolean changed = false;
    if (resources.isPresent()) {
      List<ResourcePattern> patterns = new ArrayList<>();
      for (ResourcePattern pattern : resources.get().patterns()) {
        Template template = reread(pattern.text(), pattern.template(), pattern.location());
        changed |= template != null;
        patterns.add(
            template == null
                ? pattern
                : new ResourcePattern(pattern.text(), template, pattern.location()));
      }
      resources =
          Optional.of(
              new Resources(resources.get().negated(), patterns, resources.get().location()));
    }
    Optional<ConditionBlock> block = statement.condition();
    if (block.isPresent()) {
      List<Condition> conditions = new ArrayList<>();
      for (Condition condition : block.get().conditions()) {
        List<ConditionValue> values = new ArrayList<>();
        for (ConditionValue value : condition.values()) {
          Template template =
              condition.operator().base().supportsVariables()
                  ? reread(value.text(), value.template(), value.location())
                  : null;
          changed |= template != null;
          values.add(
              template == null
                  ? value
                  : new ConditionValue(value.text(), value.jsonType(), template, value.location()));
        }
        conditions.add(
            new Condition(
                condition.operator(),
                condition.key(),
                values,
                condition.operatorLocation(),
                condition.location()));
      }
      block = Optional.of(new ConditionBlock(conditions, block.get().location()));
    }
    if (!changed) {
      return null;
    }
    return new Statement(
        statement.sid(),
        statement.effect(),
        statement.principals(),
        statement.actions(),
        resources,
        block,
        statement.location());
  }

  /**
   * The text parsed with variables recognised; null when that reads as {@code parsed} does.
   *
   * @throws PolicyParseException if a variable is malformed
   */
  private static @Nullable Template reread(String text, Template parsed, SourceLocation location) {
    if (!text.contains("${")) {
      return null;
    }
    Template template = TemplateReader.parse(text, true, location);
    return template.equals(parsed) ? null : template;
  }
}
