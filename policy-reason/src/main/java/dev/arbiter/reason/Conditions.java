package dev.arbiter.reason;

import java.util.List;

/**
 * Under which values of the condition keys a request leaves out it would be allowed ({@link
 * Reasoner#conditions}): the exact set, as alternatives of constraints on those keys, or that no
 * value allows it, or that the reasoner cannot tell.
 */
public sealed interface Conditions
    permits Conditions.AllowedIf, Conditions.Never, Conditions.Inconclusive {

  /** The three answers, for a switch expression. */
  enum Outcome {
    /** Allowed exactly when one of the alternatives holds. */
    ALLOWED_IF,
    /** Not allowed, whatever values the missing keys take. */
    NEVER,
    /** Neither could be established. */
    INCONCLUSIVE
  }

  /** Which of the three answers this is. */
  Outcome outcome();

  /**
   * The condition keys the policies read and the request does not give, as the policies spell them
   * (first spelling found), sorted case-insensitively.
   */
  List<String> missingKeys();

  /**
   * The answer as {@code arbiter simulate --conditions} and {@code arbiter query} print it, one
   * line per alternative and constraint; an inconclusive answer is never shown as a condition, only
   * as the keys it may depend on and why it was not decided. Every line ends with a newline:
   *
   * <pre>
   * Conditions on the missing keys (aws:MultiFactorAuthPresent, aws:SourceIp):
   *   allowed if aws:MultiFactorAuthPresent = "true" (in any case)
   *     and aws:SourceIp in 10.0.0.0/8
   *   or if ...
   * </pre>
   */
  default String toText() {
    String keys = String.join(", ", missingKeys());
    if (missingKeys().isEmpty() && outcome() != Outcome.INCONCLUSIVE) {
      return "Conditions: the request gives every condition key the policies read.\n";
    }
    StringBuilder out = new StringBuilder();
    switch (outcome()) {
      case ALLOWED_IF -> {
        out.append("Conditions on the missing keys (").append(keys).append("):\n");
        String lead = "  allowed if";
        for (Alternative alternative : ((AllowedIf) this).alternatives()) {
          out.append(lead);
          String join = " ";
          for (Constraint constraint : alternative.constraints()) {
            out.append(join).append(constraint).append('\n');
            join = "    and ";
          }
          if (alternative.constraints().isEmpty()) {
            out.append(" whatever they hold\n");
          }
          lead = "  or if";
        }
      }
      case NEVER ->
          out.append("Conditions: not allowed, whatever the missing keys (")
              .append(keys)
              .append(") hold.\n");
      case INCONCLUSIVE -> {
        out.append("Conditions: ");
        if (!missingKeys().isEmpty()) {
          out.append("may depend on the missing keys (").append(keys).append("), ");
        }
        out.append("not decided: ").append(((Inconclusive) this).cause()).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * One constraint on one missing key.
   *
   * @param key the key, as the policies spell it
   * @param condition what the key must be, as a sentence fragment: {@code is absent}, {@code =
   *     "true"}, {@code is absent or ≠ "x"}, {@code IpAddress 10.0.0.0/8}
   */
  record Constraint(String key, String condition) {
    /** {@code key condition}. */
    @Override
    public String toString() {
      return key + " " + condition;
    }
  }

  /**
   * Constraints that hold together; keys not listed may take any value or be absent.
   *
   * @param constraints one per constrained key, sorted by key; empty means "whatever the values"
   */
  record Alternative(List<Constraint> constraints) {
    /** Copies the list. */
    public Alternative {
      constraints = List.copyOf(constraints);
    }

    /** The constraints joined with {@code and}, or {@code any values} for none. */
    @Override
    public String toString() {
      return constraints.isEmpty()
          ? "any values"
          : String.join(" and ", constraints.stream().map(Constraint::toString).toList());
    }
  }

  /**
   * Allowed exactly when one of the alternatives holds; each alternative was confirmed on the
   * evaluator with a request that satisfies it.
   *
   * @param missingKeys see {@link Conditions#missingKeys()}
   * @param alternatives at least one
   */
  record AllowedIf(List<String> missingKeys, List<Alternative> alternatives) implements Conditions {
    /** Copies the lists. */
    public AllowedIf {
      missingKeys = List.copyOf(missingKeys);
      alternatives = List.copyOf(alternatives);
    }

    @Override
    public Outcome outcome() {
      return Outcome.ALLOWED_IF;
    }
  }

  /**
   * Not allowed whatever the missing keys hold.
   *
   * @param missingKeys see {@link Conditions#missingKeys()}
   */
  record Never(List<String> missingKeys) implements Conditions {
    /** Copies the list. */
    public Never {
      missingKeys = List.copyOf(missingKeys);
    }

    @Override
    public Outcome outcome() {
      return Outcome.NEVER;
    }
  }

  /**
   * Neither: a construct the reasoner does not model, the budget, or an internal error.
   *
   * @param missingKeys see {@link Conditions#missingKeys()}
   * @param cause what stopped it
   */
  record Inconclusive(List<String> missingKeys, String cause) implements Conditions {
    /** Copies the list. */
    public Inconclusive {
      missingKeys = List.copyOf(missingKeys);
    }

    @Override
    public Outcome outcome() {
      return Outcome.INCONCLUSIVE;
    }
  }
}
