package dev.arbiter.eval;

import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.SetQualifier;
import dev.arbiter.policy.internal.OneLine;
import dev.arbiter.policy.value.ArnPattern;
import dev.arbiter.policy.value.Cidr;
import dev.arbiter.policy.value.Glob;
import dev.arbiter.policy.value.IamValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One operator-and-key test of a Condition block, compiled: policy values parsed once (numbers,
 * dates, CIDRs, base-64, wildcard patterns), the key lower-cased once. Evaluates to a {@link Tri}.
 *
 * <p>The rules (docs/semantics.md §6): several policy values are alternatives (OR), or for a
 * negated operator must all differ (NOR); a missing key makes positive operators false, negated
 * ones true, {@code IfExists} true; {@code ForAllValues:} requires every request value to pass
 * (true for an absent key or empty set), {@code ForAnyValue:} at least one (false for an absent key
 * or empty set).
 */
final class ConditionMatcher {
  private final Condition condition;
  private final String key;
  private final BaseOperator base;
  private final SetQualifier qualifier;
  private final boolean ifExists;
  private final boolean negated;
  private final Values values;

  ConditionMatcher(Condition condition) {
    this.condition = condition;
    this.key = RequestContext.normalize(condition.key().name());
    this.base = condition.operator().base();
    this.qualifier = condition.operator().qualifier();
    this.ifExists = condition.operator().ifExists();
    this.negated = base.negated();
    this.values = compileValues(base, condition.values());
  }

  Condition condition() {
    return condition;
  }

  Tri evaluate(EvalState state) {
    RequestContext.Entry entry = state.context.entry(key);
    if (base == BaseOperator.NULL) {
      // §12.5: the Condition page calls an empty value "null"; whether Null sees it as absent is
      // split, so both readings must agree.
      return entry != null && emptyStrings(entry)
          ? Tri.agree(nullTest(true), nullTest(false))
          : nullTest(entry != null);
    }
    if (entry == null) {
      if (ifExists) {
        return Tri.TRUE;
      }
      return switch (qualifier) {
        case FOR_ALL_VALUES -> Tri.TRUE;
        case FOR_ANY_VALUE -> Tri.FALSE;
        case NONE -> Tri.of(negated);
      };
    }
    List<String> requestValues = entry.values();
    if (condition.values().isEmpty()) {
      // An empty value list matches only an absent key (or, for ForAllValues, an empty set):
      // Access Analyzer's EMPTY_ARRAY_CONDITION_* checks (§6.7.4).
      return Tri.of(qualifier == SetQualifier.FOR_ALL_VALUES && requestValues.isEmpty());
    }
    return switch (qualifier) {
      case FOR_ALL_VALUES -> nullSetReading(allValues(requestValues, state), Tri.TRUE, entry);
      case FOR_ANY_VALUE -> nullSetReading(anyValue(requestValues, state), Tri.FALSE, entry);
      case NONE -> singleValue(requestValues, state);
    };
  }

  /** Whether every value of a present key is the empty string. */
  private static boolean emptyStrings(RequestContext.Entry entry) {
    if (entry.values().isEmpty()) {
      return false;
    }
    for (String value : entry.values()) {
      if (!value.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * §12.5: the Condition page says ForAllValues holds when the key's values "resolve to a null data
   * set, such as an empty string". Values that are all empty strings are therefore read both as
   * themselves ({@code result}) and as an empty set ({@code emptySet}); both readings must agree.
   */
  private Tri nullSetReading(Tri result, Tri emptySet, RequestContext.Entry entry) {
    return emptyStrings(entry) ? Tri.agree(result, emptySet) : result;
  }

  /** {@code ForAllValues:}: every request value passes. */
  private Tri allValues(List<String> requestValues, EvalState state) {
    Tri result = Tri.TRUE;
    for (String value : requestValues) {
      result = Tri.and(result, test(value, state));
      if (result == Tri.FALSE) {
        break;
      }
    }
    return result;
  }

  /** {@code ForAnyValue:}: at least one request value passes. */
  private Tri anyValue(List<String> requestValues, EvalState state) {
    Tri result = Tri.FALSE;
    for (String value : requestValues) {
      result = Tri.or(result, test(value, state));
      if (result == Tri.TRUE) {
        break;
      }
    }
    return result;
  }

  /** No set qualifier: the request's one value passes. */
  private Tri singleValue(List<String> requestValues, EvalState state) {
    if (requestValues.size() == 1) {
      return test(requestValues.get(0), state);
    }
    // docs/semantics.md §12.1: a multivalued key under an operator without ForAllValues: or
    // ForAnyValue: is undocumented (Access Analyzer calls it an error). Reports say the
    // comparison fails when the request carries several values ("the set equals no single policy
    // value": positive operators false, negated ones true); the operator could as well be read
    // with either qualifier. By §12.0 the three readings must agree, or the test is undecided: an
    // Allow then does not apply and a Deny does.
    Tri result =
        Tri.agree(Tri.of(negated), anyValue(requestValues, state), allValues(requestValues, state));
    if (state.trace.on) {
      state.trace.warn(
          "condition "
              + condition.operator()
              + " "
              + condition.key()
              + ": the request has "
              + requestValues.size()
              + " values for this key but the operator has no ForAllValues:/ForAnyValue:"
              + " qualifier; AWS does not document the result (docs/semantics.md §12.1): read"
              + " as matching no policy value, as ForAnyValue: and as ForAllValues:, the test is "
              + result.text());
    }
    return result;
  }

  /** One request value against the policy values: OR, or NOR for a negated operator. */
  private Tri test(String requestValue, EvalState state) {
    Tri any = values.anyMatch(requestValue, state);
    if (any == Tri.UNKNOWN && state.trace.on) {
      state.trace.warn(
          "condition "
              + condition.operator()
              + " "
              + condition.key()
              + ": cannot compare request value "
              + OneLine.quote(requestValue)
              + " with "
              + Messages.list(condition.values())
              + " (not a valid "
              + values.typeName()
              + "); an Allow with it does not apply, a Deny does");
    }
    return negated ? Tri.not(any) : any;
  }

  /**
   * {@code Null}: "true" tests that the key is absent, "false" that it is present (§6.6). With a
   * set qualifier it is constant: ForAllValues true, ForAnyValue false (§6.7.3, §12.4).
   */
  private Tri nullTest(boolean present) {
    switch (qualifier) {
      case FOR_ALL_VALUES -> {
        return Tri.TRUE;
      }
      case FOR_ANY_VALUE -> {
        return Tri.FALSE;
      }
      case NONE -> {}
    }
    Tri result = Tri.FALSE;
    for (ConditionValue value : condition.values()) {
      Boolean absent = IamValues.bool(value.text());
      result =
          Tri.or(result, absent == null ? Tri.UNKNOWN : Tri.of(absent.booleanValue() != present));
    }
    return result;
  }

  /** Why the condition is not true, for explanations. */
  String describe(EvalState state, Tri result) {
    StringBuilder out =
        new StringBuilder("condition ")
            .append(condition.operator())
            .append(' ')
            .append(condition.key())
            .append(" is ")
            .append(result.text())
            .append(": ");
    RequestContext.Entry entry = state.context.entry(key);
    if (entry == null) {
      out.append("the key is absent from the request");
    } else {
      out.append(entry.multivalued() ? "request values " : "request value ")
          .append(
              entry.multivalued()
                  ? Messages.list(entry.values())
                  : OneLine.quote(entry.values().get(0)));
    }
    out.append(", policy ")
        .append(condition.values().size() == 1 ? "value " : "values ")
        .append(Messages.list(condition.values()));
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Policy values, compiled per operator family.

  /** The policy values of one condition. */
  private interface Values {
    /** Whether the request value matches at least one policy value (the positive comparison). */
    Tri anyMatch(String requestValue, EvalState state);

    String typeName();
  }

  private static Values compileValues(BaseOperator base, List<ConditionValue> values) {
    return switch (base.family()) {
      case STRING -> new StringValues(base, values);
      case NUMERIC -> new NumberValues(base, values);
      case DATE -> new DateValues(base, values);
      case BOOL -> new BoolValues(values);
      case BINARY -> new BinaryValues(values);
      case IP_ADDRESS -> new IpValues(values);
      case ARN -> new ArnValues(values);
      case NULL -> new NullValues();
      // Validation refuses unknown operators before anything is compiled.
      case UNKNOWN -> throw new IllegalArgumentException("unknown condition operator");
    };
  }

  /**
   * String operators. An empty-string request value is an ordinary present value (§12.5): {@code
   * StringLike ""} matches it, as the documented home-folder example needs, and {@code Null} sees
   * the key as present.
   */
  private static final class StringValues implements Values {
    private final BaseOperator base;
    private final CompiledTemplate[] templates;

    StringValues(BaseOperator base, List<ConditionValue> values) {
      this.base = base;
      this.templates =
          values.stream()
              .map(v -> CompiledTemplate.of(v.template()))
              .toArray(CompiledTemplate[]::new);
    }

    @Override
    public Tri anyMatch(String requestValue, EvalState state) {
      for (CompiledTemplate template : templates) {
        // A variable without a value is "null": it equals nothing (§7.5).
        boolean match =
            switch (base) {
              case STRING_LIKE, STRING_NOT_LIKE -> {
                Glob glob = template.glob(state.context);
                yield glob != null && glob.matches(requestValue);
              }
              case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE ->
                  template.literalEquals(state.context, requestValue, true);
              default -> template.literalEquals(state.context, requestValue, false);
            };
        if (match) {
          return Tri.TRUE;
        }
      }
      return Tri.FALSE;
    }

    @Override
    public String typeName() {
      return "string";
    }
  }

  /** Whether {@code order} (request compared with policy value) satisfies the operator. */
  private static boolean ordered(BaseOperator base, int order) {
    return switch (base) {
      case NUMERIC_LESS_THAN, DATE_LESS_THAN -> order < 0;
      case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> order <= 0;
      case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> order > 0;
      case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> order >= 0;
      default -> order == 0; // Equals and NotEquals
    };
  }

  /**
   * Numbers: parsed on both sides ({@link IamValues#number}), then compared. A request value that
   * is a plain integer of up to 18 digits is compared as a {@code long} with policy values that are
   * integers too, which gives the same order without building a {@link BigDecimal}.
   */
  private static final class NumberValues implements Values {
    private final BaseOperator base;
    private final List<@Nullable BigDecimal> parsed;

    /** The policy values that are integers within {@code long}, else null. */
    private final @Nullable Long[] whole;

    NumberValues(BaseOperator base, List<ConditionValue> values) {
      this.base = base;
      this.parsed = values.stream().map(v -> IamValues.number(v.text())).toList();
      this.whole = new Long[parsed.size()];
      for (int i = 0; i < whole.length; i++) {
        BigDecimal value = parsed.get(i);
        if (value != null && value.signum() == 0) {
          whole[i] = 0L;
        } else if (value != null && value.stripTrailingZeros().scale() <= 0) {
          try {
            whole[i] = value.longValueExact();
          } catch (ArithmeticException e) {
            whole[i] = null;
          }
        }
      }
    }

    @Override
    public Tri anyMatch(String requestValue, EvalState state) {
      long fast = FastValues.smallInteger(requestValue);
      BigDecimal request = null;
      if (fast == FastValues.NONE) {
        request = IamValues.number(requestValue);
        if (request == null) {
          return Tri.UNKNOWN;
        }
      }
      Tri result = Tri.FALSE;
      for (int i = 0; i < whole.length; i++) {
        BigDecimal policy = parsed.get(i);
        if (policy == null) {
          result = Tri.or(result, Tri.UNKNOWN);
          continue;
        }
        Long policyWhole = whole[i];
        int order;
        if (request == null && policyWhole != null) {
          order = Long.compare(fast, policyWhole);
        } else {
          BigDecimal value = request != null ? request : BigDecimal.valueOf(fast);
          order = value.compareTo(policy);
        }
        if (ordered(base, order)) {
          return Tri.TRUE;
        }
      }
      return result;
    }

    @Override
    public String typeName() {
      return "number";
    }
  }

  /**
   * Dates: parsed on both sides ({@link IamValues#date}), then compared. A request value of the
   * usual form {@code 2024-06-15T12:00:00Z} is read by {@link FastValues#isoSeconds} into epoch
   * seconds without building an {@link Instant}.
   */
  private static final class DateValues implements Values {
    private final BaseOperator base;
    private final List<@Nullable Instant> parsed;

    DateValues(BaseOperator base, List<ConditionValue> values) {
      this.base = base;
      this.parsed = values.stream().map(v -> IamValues.date(v.text())).toList();
    }

    @Override
    @SuppressWarnings("JavaInstantGetSecondsGetNano") // both are read: seconds, then nanos
    public Tri anyMatch(String requestValue, EvalState state) {
      long seconds = FastValues.isoSeconds(requestValue);
      int nanos = 0;
      if (seconds == FastValues.NONE) {
        Instant request = IamValues.date(requestValue);
        if (request == null) {
          return Tri.UNKNOWN;
        }
        seconds = request.getEpochSecond();
        nanos = request.getNano();
      }
      Tri result = Tri.FALSE;
      for (Instant policy : parsed) {
        if (policy == null) {
          result = Tri.or(result, Tri.UNKNOWN);
          continue;
        }
        int order = Long.compare(seconds, policy.getEpochSecond());
        if (order == 0) {
          order = Integer.compare(nanos, policy.getNano());
        }
        if (ordered(base, order)) {
          return Tri.TRUE;
        }
      }
      return result;
    }

    @Override
    public String typeName() {
      return "date";
    }
  }

  /**
   * Bool: the strings true and false, in any case (§6.4.4). A policy value with a variable is
   * undecided (§12.6: the pages are split on whether Bool takes variables; the linter reports their
   * use).
   */
  private static final class BoolValues implements Values {
    private final CompiledTemplate[] templates;

    BoolValues(List<ConditionValue> values) {
      this.templates =
          values.stream()
              .map(v -> CompiledTemplate.of(v.template()))
              .toArray(CompiledTemplate[]::new);
    }

    @Override
    public Tri anyMatch(String requestValue, EvalState state) {
      Boolean request = IamValues.bool(requestValue);
      if (request == null) {
        return Tri.UNKNOWN;
      }
      Tri result = Tri.FALSE;
      for (CompiledTemplate template : templates) {
        if (template.hasVariables()) {
          // §12.6, §12.0: the pages are split on variables in Bool. Substituted, the value may
          // match; read as plain text, "${...}" is not a boolean. The readings cannot agree on a
          // match, so the value is undecided.
          result = Tri.or(result, Tri.UNKNOWN);
          continue;
        }
        String literal = template.literal(state.context);
        if (literal == null) {
          continue;
        }
        Boolean policy = IamValues.bool(literal);
        if (policy == null) {
          result = Tri.or(result, Tri.UNKNOWN);
        } else if (policy.equals(request)) {
          return Tri.TRUE;
        }
      }
      return result;
    }

    @Override
    public String typeName() {
      return "boolean";
    }
  }

  /** BinaryEquals: byte-for-byte after base-64 decoding both sides (§6.4.5). */
  private static final class BinaryValues implements Values {
    private final List<byte @Nullable []> decoded;

    BinaryValues(List<ConditionValue> values) {
      this.decoded = values.stream().map(v -> IamValues.base64(v.text())).toList();
    }

    @Override
    public Tri anyMatch(String requestValue, EvalState state) {
      byte[] request = IamValues.base64(requestValue);
      if (request == null) {
        return Tri.UNKNOWN;
      }
      Tri result = Tri.FALSE;
      for (byte[] policy : decoded) {
        if (policy == null) {
          result = Tri.or(result, Tri.UNKNOWN);
        } else if (Arrays.equals(policy, request)) {
          return Tri.TRUE;
        }
      }
      return result;
    }

    @Override
    public String typeName() {
      return "base-64 value";
    }
  }

  /**
   * IpAddress / NotIpAddress: CIDR blocks, IPv4 and IPv6, parsed once, never via DNS. When every
   * block is written as a plain dotted-quad IPv4 block (or is not a block at all), a request value
   * that is a plain dotted quad is compared as an {@code int} under the block's mask.
   */
  private static final class IpValues implements Values {
    private final List<@Nullable Cidr> blocks;

    /** Per block: network and mask in the low 32 bits, for the IPv4 fast path. */
    private final int[] networks;

    private final int[] masks;

    /** Whether the fast path may be taken: every parsed block is a plain IPv4 block. */
    private final boolean fastBlocks;

    IpValues(List<ConditionValue> values) {
      this.blocks = values.stream().map(v -> Cidr.parse(v.text())).toList();
      this.networks = new int[blocks.size()];
      this.masks = new int[blocks.size()];
      boolean fast = true;
      for (int i = 0; i < networks.length; i++) {
        Cidr block = blocks.get(i);
        if (block == null) {
          continue;
        }
        String text = values.get(i).text();
        int slash = text.indexOf('/');
        long address = FastValues.ipv4(slash < 0 ? text : text.substring(0, slash));
        if (address == FastValues.NONE) {
          fast = false;
          continue;
        }
        int prefix = block.prefix();
        masks[i] = prefix == 0 ? 0 : -1 << (32 - prefix);
        networks[i] = (int) address & masks[i];
      }
      this.fastBlocks = fast;
    }

    @Override
    public Tri anyMatch(String requestValue, EvalState state) {
      if (fastBlocks) {
        long fast = FastValues.ipv4(requestValue);
        if (fast != FastValues.NONE) {
          Tri result = Tri.FALSE;
          for (int i = 0; i < networks.length; i++) {
            if (blocks.get(i) == null) {
              result = Tri.or(result, Tri.UNKNOWN);
            } else if (((int) fast & masks[i]) == networks[i]) {
              return Tri.TRUE;
            }
          }
          return result;
        }
      }
      byte[] address = Cidr.address(requestValue);
      if (address == null) {
        return Tri.UNKNOWN;
      }
      Tri result = Tri.FALSE;
      for (Cidr block : blocks) {
        if (block == null) {
          result = Tri.or(result, Tri.UNKNOWN);
        } else if (block.contains(address)) {
          return Tri.TRUE;
        }
      }
      return result;
    }

    @Override
    public String typeName() {
      return "IP address";
    }
  }

  /** ArnEquals / ArnLike and their negations: per-segment matching (§6.4.1). */
  private static final class ArnValues implements Values {
    private final CompiledTemplate[] templates;

    ArnValues(List<ConditionValue> values) {
      this.templates =
          values.stream()
              .map(v -> CompiledTemplate.forArn(v.template()))
              .toArray(CompiledTemplate[]::new);
    }

    @Override
    public Tri anyMatch(String requestValue, EvalState state) {
      for (CompiledTemplate template : templates) {
        ArnPattern pattern = template.arn(state.context);
        if (pattern != null && pattern.matches(requestValue)) {
          return Tri.TRUE;
        }
      }
      return Tri.FALSE;
    }

    @Override
    public String typeName() {
      return "ARN";
    }
  }

  /** Null never compares values; {@link #nullTest} decides. */
  private static final class NullValues implements Values {
    @Override
    public Tri anyMatch(String requestValue, EvalState state) {
      return Tri.FALSE;
    }

    @Override
    public String typeName() {
      return "boolean";
    }
  }
}
