package dev.arbiter.reason;

import dev.arbiter.policy.Template;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import dk.brics.automaton.BasicOperations;
import java.util.List;
import java.util.Optional;

/**
 * A set of resource strings, built from IAM's patterns with exactly the evaluator's matching rules
 * (docs/reasoning.md, "The encoding"), for questions about <em>some</em> resource: which resources
 * a pattern and a policy's {@code Resource} share, and one example of each. Immutable.
 *
 * <pre>{@code
 * ResourceSet roles = ResourceSet.matching(Template.parse("*"));
 * ResourceSet lambda = ResourceSet.matching(Template.parse("arn:aws:iam::111122223333:role/lambda-*"));
 * roles.and(lambda).example();   // Optional[arn:aws:iam::111122223333:role/lambda-]
 * }</pre>
 */
public final class ResourceSet {
  private static final Automaton DIGIT = BasicAutomata.makeCharRange('0', '9');

  private final Automaton set;

  private ResourceSet(Automaton set) {
    this.set = set;
  }

  /** Every resource a request can name: any non-empty text. */
  public static ResourceSet all() {
    return new ResourceSet(Strings.RESOURCES);
  }

  /**
   * The resources a {@code Resource} pattern covers: {@code *} and {@code ?} wildcards that do not
   * cross {@code :} in the first five segments, except a {@code *} that ends its segment
   * (docs/semantics.md §4.5, §4.6, §12.2).
   *
   * @throws IllegalArgumentException if the pattern has a policy variable: substitute it first
   */
  public static ResourceSet matching(Template pattern) {
    Automaton out = Strings.resource(pattern);
    if (out == null) {
      throw new IllegalArgumentException("a policy variable in " + pattern + ": substitute it");
    }
    return new ResourceSet(out);
  }

  /**
   * The values an {@code ArnLike} pattern matches (docs/semantics.md §6.4.1): pattern and value
   * compared segment by segment, so a wildcard never crosses one of the first five colons.
   *
   * @throws IllegalArgumentException if the pattern has a policy variable
   */
  public static ResourceSet arnLike(Template pattern) {
    Automaton out = Strings.arn(pattern);
    if (out == null) {
      throw new IllegalArgumentException("a policy variable in " + pattern + ": substitute it");
    }
    return new ResourceSet(out);
  }

  /** The one resource {@code text}. */
  public static ResourceSet literal(String text) {
    return new ResourceSet(Strings.exactly(text));
  }

  /**
   * Every ARN ({@code dev.arbiter.policy.Arn#tryParse} reads it) whose account segment is twelve
   * ASCII digits: the resources whose account a request takes from the ARN.
   */
  public static ResourceSet arnsWithAccountId() {
    return new ResourceSet(TWELVE_DIGIT_ACCOUNTS);
  }

  private static final Automaton TWELVE_DIGIT_ACCOUNTS =
      Strings.minimal(
          BasicOperations.concatenate(
              List.of(
                  Strings.exactly("arn:"),
                  Strings.NO_COLONS,
                  Strings.exactly(":"),
                  Strings.NO_COLONS,
                  Strings.exactly(":"),
                  Strings.NO_COLONS,
                  Strings.exactly(":"),
                  DIGIT.repeat(12, 12),
                  Strings.exactly(":"),
                  Strings.ANY)));

  /** The resources in both sets. */
  public ResourceSet and(ResourceSet other) {
    return new ResourceSet(Strings.and(set, other.set));
  }

  /** The resources in this set and not in {@code other}. */
  public ResourceSet minus(ResourceSet other) {
    return new ResourceSet(Strings.minus(set, other.set));
  }

  /** Whether the set has no resource. */
  public boolean isEmpty() {
    return set.isEmpty();
  }

  /** Whether the set holds {@code resource}. */
  public boolean contains(String resource) {
    return set.run(resource);
  }

  /** Whether the two sets share a resource. */
  public boolean meets(ResourceSet other) {
    return Strings.meets(set, other.set);
  }

  /** A short, readable member (lower-case letters, digits and punctuation first), if any. */
  public Optional<String> example() {
    return Optional.ofNullable(Strings.example(Strings.minus(set, Strings.exactly(""))));
  }
}
