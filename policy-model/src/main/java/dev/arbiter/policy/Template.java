package dev.arbiter.policy;

import dev.arbiter.policy.internal.TemplateReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A string that may hold wildcards and policy variables, parsed once: a Resource ARN pattern or a
 * condition value of a String or Arn operator.
 *
 * <p>{@code arn:aws:s3:::bucket/${aws:username}/*} is the parts {@code
 * Literal("arn:aws:s3:::bucket/")}, {@code Variable(aws:username)}, {@code Literal("/")}, {@code
 * Wildcard('*')}. The special variables {@code ${*}}, {@code ${?}} and {@code ${$}} become literal
 * characters, never wildcards. Whether a {@link Wildcard} matches like a wildcard depends on where
 * the template is used: in {@code StringEquals} it is an ordinary character.
 *
 * <p>Variables are recognised only under {@code "Version": "2012-10-17"}; otherwise {@code ${...}}
 * is literal text.
 *
 * @param parts the parts in order; adjacent literals are merged
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html">IAM
 *     policy elements: Variables and tags</a>
 */
public record Template(List<Part> parts) {

  /** Copies the parts. */
  public Template {
    parts = List.copyOf(parts);
  }

  /** One piece of a template. */
  public sealed interface Part permits Literal, Wildcard, Variable {}

  /** Characters taken literally. */
  public record Literal(String text) implements Part {}

  /** A {@code *} (any run of characters) or {@code ?} (exactly one character). */
  public record Wildcard(char symbol) implements Part {
    /** Checks the symbol. */
    public Wildcard {
      if (symbol != '*' && symbol != '?') {
        throw new IllegalArgumentException("wildcard must be * or ?, got " + symbol);
      }
    }
  }

  /**
   * A policy variable {@code ${key}} or {@code ${key, 'default'}}.
   *
   * @param key the context key whose value replaces the variable
   * @param defaultValue the value used when the key is absent
   */
  public record Variable(ConditionKey key, Optional<String> defaultValue) implements Part {}

  /** A template of literal text only. */
  public static Template literal(String text) {
    return new Template(text.isEmpty() ? List.of() : List.of(new Literal(text)));
  }

  /**
   * Parses text in which {@code *} and {@code ?} are wildcards and {@code ${...}} is a policy
   * variable.
   *
   * @throws PolicyParseException if a variable is malformed (missing brace or quote, empty, spaces)
   */
  public static Template parse(String text) {
    return TemplateReader.parse(text, true, SourceLocation.UNKNOWN);
  }

  /** Splits text into literals and wildcards; {@code ${...}} stays literal text. */
  public static Template withoutVariables(String text) {
    return TemplateReader.parse(text, false, SourceLocation.UNKNOWN);
  }

  /** Whether any part is a {@link Variable}. */
  public boolean hasVariables() {
    return parts.stream().anyMatch(Variable.class::isInstance);
  }

  /** Whether any part is a {@link Wildcard}. */
  public boolean hasWildcards() {
    return parts.stream().anyMatch(Wildcard.class::isInstance);
  }

  /** The variables, in order. */
  public List<Variable> variables() {
    List<Variable> out = new ArrayList<>();
    for (Part part : parts) {
      if (part instanceof Variable variable) {
        out.add(variable);
      }
    }
    return out;
  }

  /**
   * Returns a source form that parses back to an equal template: literal {@code *}, {@code ?} and
   * {@code $} are written as {@code ${*}}, {@code ${?}} and {@code ${$}} where they would otherwise
   * be read differently.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        for (char c : literal.text().toCharArray()) {
          if (c == '*' || c == '?' || c == '$') {
            out.append("${").append(c).append('}');
          } else {
            out.append(c);
          }
        }
      } else if (part instanceof Wildcard wildcard) {
        out.append(wildcard.symbol());
      } else if (part instanceof Variable variable) {
        out.append("${").append(variable.key().name());
        variable.defaultValue().ifPresent(d -> out.append(", '").append(d).append('\''));
        out.append('}');
      }
    }
    return out.toString();
  }
}
