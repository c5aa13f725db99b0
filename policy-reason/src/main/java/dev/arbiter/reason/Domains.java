package dev.arbiter.reason;

import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.Cidr;
import dev.arbiter.policy.value.IamValues;
import dk.brics.automaton.Automaton;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The value classes of the condition keys that a check tests with Numeric, Date, IP address or
 * Binary operators. Every test of such a key compares the request value with finitely many policy
 * literals, so the strings fall into finitely many classes on which every test of the check gives
 * the same answer: the empty string, strings the operator family cannot read, and per family the
 * intervals between the literals (numbers and instants, each literal a class of its own), the
 * address ranges between the CIDR blocks' edges (IPv4 and IPv6 apart), or the decoded byte strings
 * the policies name and "any other". Each class is represented by one request value; a key's values
 * are encoded as the set of representatives, and a residual cube is restricted to them at the end
 * ({@link Cube#within}), which is exact because every test is constant on a class
 * (docs/reasoning.md). Each representative is read back with the value layer the evaluator uses
 * ({@link IamValues}, {@link Cidr}) and must land in its class, or the check is inconclusive.
 *
 * <p>A key tested both with one of these families and with another operator family (String, ARN,
 * Bool, or a second typed family) is not modelled: its classes would be those of raw strings.
 */
final class Domains {
  /** The value classes of one key, as their representatives. */
  record Domain(BaseOperator.Family family, List<String> representatives, Automaton values) {
    Domain {
      representatives = List.copyOf(representatives);
    }
  }

  static final Domains NONE = new Domains(Map.of());

  private static final Set<BaseOperator.Family> TYPED =
      EnumSet.of(
          BaseOperator.Family.NUMERIC,
          BaseOperator.Family.DATE,
          BaseOperator.Family.IP_ADDRESS,
          BaseOperator.Family.BINARY);

  /** A non-empty request value that none of the typed families reads. */
  static final String UNREADABLE = "x";

  private final Map<String, Domain> keys;

  private Domains(Map<String, Domain> keys) {
    this.keys = keys;
  }

  /** The classes of the keys the policies test with typed operators. */
  static Domains of(List<Policy> policies) {
    Map<String, Set<BaseOperator.Family>> families = new HashMap<>();
    Map<String, List<String>> literals = new HashMap<>();
    for (Policy policy : policies) {
      for (Statement statement : policy.statements()) {
        for (Condition condition : statement.conditions()) {
          BaseOperator.Family family = condition.operator().base().family();
          if (family == BaseOperator.Family.NULL) {
            continue;
          }
          String key = condition.key().normalized();
          families.computeIfAbsent(key, k -> EnumSet.noneOf(BaseOperator.Family.class)).add(family);
          if (TYPED.contains(family)) {
            List<String> texts = literals.computeIfAbsent(key, k -> new ArrayList<>());
            condition.values().forEach(v -> texts.add(v.text()));
          }
        }
      }
    }
    if (literals.isEmpty()) {
      return NONE;
    }
    Map<String, Domain> out = new TreeMap<>();
    for (Map.Entry<String, List<String>> entry : literals.entrySet()) {
      Set<BaseOperator.Family> used =
          families.getOrDefault(entry.getKey(), EnumSet.noneOf(BaseOperator.Family.class));
      if (used.size() != 1) {
        throw new Unmodelled(
            "the condition key "
                + entry.getKey()
                + " tested with operators of several kinds "
                + used.stream().map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).toList()
                + " (not modelled)");
      }
      BaseOperator.Family family = used.iterator().next();
      Set<String> values = new TreeSet<>();
      values.add("");
      values.add(UNREADABLE);
      switch (family) {
        case NUMERIC -> numbers(entry.getValue(), values);
        case DATE -> dates(entry.getValue(), values);
        case IP_ADDRESS -> addresses(entry.getValue(), values);
        case BINARY -> binaries(entry.getValue(), values);
        default -> throw new AssertionError(family);
      }
      out.put(
          entry.getKey(),
          new Domain(family, List.copyOf(values), Strings.oneOf(List.copyOf(values))));
    }
    return new Domains(out);
  }

  /** The classes of a key, or null if the check tests it with no typed operator. */
  @Nullable Domain get(String key) {
    return keys.get(key);
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  Map<String, Domain> all() {
    return keys;
  }

  // ---------------------------------------------------------------------------------------------
  // The evaluator's comparison of one request value with the policy values of one test
  // (ConditionMatcher): TRUE if one policy value matches, FALSE if none does and all could be
  // read, null (undecided) otherwise, and undecided whenever the request value cannot be read.

  /** Whether the request value matches one of the policy values; null if undecided. */
  static @Nullable Boolean anyMatch(BaseOperator base, List<ConditionValue> policy, String value) {
    return switch (base.family()) {
      case NUMERIC -> {
        BigDecimal request = IamValues.number(value);
        yield request == null
            ? null
            : ordered(base, policy, text -> compare(request, IamValues.number(text)));
      }
      case DATE -> {
        Instant request = IamValues.date(value);
        yield request == null
            ? null
            : ordered(base, policy, text -> compare(request, IamValues.date(text)));
      }
      case IP_ADDRESS -> {
        byte[] request = Cidr.address(value);
        yield request == null
            ? null
            : ordered(
                base,
                policy,
                text -> {
                  Cidr block = Cidr.parse(text);
                  return block == null ? null : block.contains(request) ? 0 : 1;
                });
      }
      case BINARY -> {
        byte[] request = IamValues.base64(value);
        yield request == null
            ? null
            : ordered(
                base,
                policy,
                text -> {
                  byte[] bytes = IamValues.base64(text);
                  return bytes == null ? null : Arrays.equals(bytes, request) ? 0 : 1;
                });
      }
      default -> throw new IllegalArgumentException(base.json());
    };
  }

  private interface Order {
    /** The request value compared with a policy value, or null if that one cannot be read. */
    @Nullable Integer with(String policyText);
  }

  private static <T extends Comparable<T>> @Nullable Integer compare(
      T request, @Nullable T policy) {
    return policy == null ? null : request.compareTo(policy);
  }

  private static @Nullable Boolean ordered(
      BaseOperator base, List<ConditionValue> policy, Order order) {
    Boolean result = Boolean.FALSE;
    for (ConditionValue value : policy) {
      Integer o = order.with(value.text());
      if (o == null) {
        result = null;
      } else if (holds(base, o)) {
        return Boolean.TRUE;
      }
    }
    return result;
  }

  private static boolean holds(BaseOperator base, int order) {
    return switch (base) {
      case NUMERIC_LESS_THAN, DATE_LESS_THAN -> order < 0;
      case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> order <= 0;
      case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> order > 0;
      case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> order >= 0;
      default -> order == 0; // Equals, NotEquals, IpAddress, NotIpAddress, BinaryEquals
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Representatives, one per class, each checked by reading it back.

  private static Unmodelled unrepresentable(String what) {
    return new Unmodelled("no request value could be found for " + what + " (not modelled)");
  }

  private static void numbers(List<String> texts, Set<String> out) {
    TreeSet<BigDecimal> points = new TreeSet<>();
    for (String text : texts) {
      BigDecimal value = IamValues.number(text);
      if (value != null) {
        points.add(value);
      }
    }
    if (points.isEmpty()) {
      out.add("0");
      return;
    }
    BigDecimal previous = null;
    for (BigDecimal point : points) {
      out.add(number(point, point, point));
      BigDecimal below =
          previous == null ? point.subtract(BigDecimal.ONE) : previous.add(point).divide(TWO);
      out.add(number(below, previous, point));
      previous = point;
    }
    BigDecimal last = points.last();
    out.add(number(last.add(BigDecimal.ONE), last, null));
  }

  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  /** {@code value} as text, checked to read back strictly between the bounds (or equal to both). */
  private static String number(
      BigDecimal value, @Nullable BigDecimal low, @Nullable BigDecimal high) {
    String text = value.toPlainString();
    BigDecimal read = IamValues.number(text);
    boolean point = low != null && high != null && low.compareTo(high) == 0;
    boolean ok =
        read != null
            && (point
                ? read.compareTo(low) == 0
                : (low == null || read.compareTo(low) > 0)
                    && (high == null || read.compareTo(high) < 0));
    if (!ok) {
      throw unrepresentable("the numbers around " + (low != null ? low : high));
    }
    return text;
  }

  private static void dates(List<String> texts, Set<String> out) {
    TreeSet<Instant> points = new TreeSet<>();
    for (String text : texts) {
      Instant value = IamValues.date(text);
      if (value != null) {
        points.add(value);
      }
    }
    if (points.isEmpty()) {
      out.add(date(Instant.EPOCH));
      return;
    }
    Instant previous = null;
    for (Instant point : points) {
      out.add(date(point));
      if (previous == null) {
        out.add(before(point));
      } else {
        BigInteger gap = nanos(point).subtract(nanos(previous));
        // Instants are whole nanoseconds: between two that are one apart lies none.
        if (gap.compareTo(BigInteger.ONE) > 0) {
          out.add(date(instant(nanos(previous).add(gap.shiftRight(1)))));
        }
      }
      previous = point;
    }
    out.add(after(points.last()));
  }

  private static BigInteger nanos(Instant instant) {
    return BigInteger.valueOf(instant.getEpochSecond())
        .multiply(BigInteger.valueOf(1_000_000_000L))
        .add(BigInteger.valueOf(instant.getNano()));
  }

  private static Instant instant(BigInteger nanos) {
    BigInteger[] parts = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
    return Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValueExact());
  }

  private static final java.time.Duration[] STEPS = {
    java.time.Duration.ofDays(1), java.time.Duration.ofSeconds(1), java.time.Duration.ofNanos(1)
  };

  private static String before(Instant point) {
    return beside(point, -1);
  }

  private static String after(Instant point) {
    return beside(point, 1);
  }

  /** An instant a day, a second or a nanosecond away from {@code point}, on the given side. */
  private static String beside(Instant point, int side) {
    for (java.time.Duration step : STEPS) {
      try {
        return date(side < 0 ? point.minus(step) : point.plus(step));
      } catch (DateTimeException | ArithmeticException | Unmodelled e) {
        // try a smaller step
      }
    }
    throw unrepresentable("the instants beside " + point);
  }

  /** The instant as ISO 8601 text if that reads back, else as epoch seconds. */
  private static String date(Instant instant) {
    String iso = instant.toString();
    if (instant.equals(IamValues.date(iso))) {
      return iso;
    }
    String epoch =
        BigDecimal.valueOf(instant.getEpochSecond())
            .add(BigDecimal.valueOf(instant.getNano(), 9))
            .toPlainString();
    if (instant.equals(IamValues.date(epoch))) {
      return epoch;
    }
    throw unrepresentable("the instant " + instant);
  }

  /** IPv4-mapped IPv6 addresses, which the value layer reads as IPv4 ({@code ::ffff:0:0/96}). */
  private static final BigInteger MAPPED = BigInteger.valueOf(0xFFFFL).shiftLeft(32);

  private static final BigInteger MAPPED_END = MAPPED.add(BigInteger.ONE.shiftLeft(32));

  private static void addresses(List<String> texts, Set<String> out) {
    for (int bytes : new int[] {4, 16}) {
      TreeSet<BigInteger> edges = new TreeSet<>();
      BigInteger top = BigInteger.ONE.shiftLeft(bytes * 8);
      edges.add(BigInteger.ZERO);
      edges.add(top);
      if (bytes == 16) {
        edges.add(MAPPED);
        edges.add(MAPPED_END);
      }
      for (String text : texts) {
        // The block's network as Cidr reads it: the address as written, host bits cleared.
        Cidr block = Cidr.parse(text);
        int slash = text.indexOf('/');
        byte[] address = Cidr.address(slash < 0 ? text : text.substring(0, slash));
        if (block == null || address == null || address.length != bytes) {
          continue;
        }
        int hostBits = bytes * 8 - block.prefix();
        BigInteger start = new BigInteger(1, address).shiftRight(hostBits).shiftLeft(hostBits);
        edges.add(start);
        edges.add(start.add(BigInteger.ONE.shiftLeft(hostBits)));
      }
      BigInteger previous = null;
      for (BigInteger edge : edges) {
        if (previous != null) {
          out.add(address(previous, edge, bytes));
        }
        previous = edge;
      }
    }
  }

  /** An address in [low, high) that reads back as itself; none for IPv4-mapped ranges. */
  private static String address(BigInteger low, BigInteger high, int bytes) {
    for (BigInteger candidate : List.of(low, high.subtract(BigInteger.ONE))) {
      byte[] raw = toBytes(candidate, bytes);
      try {
        String text = InetAddress.getByAddress(raw).getHostAddress();
        if (Arrays.equals(Cidr.address(text), raw)) {
          return text;
        }
      } catch (UnknownHostException e) {
        throw new AssertionError("4 or 16 bytes are an address", e);
      }
    }
    if (bytes == 16 && low.compareTo(MAPPED) >= 0 && high.compareTo(MAPPED_END) <= 0) {
      // No request value reads as an IPv6 address here: the value layer reads such text as the
      // IPv4 address, whose classes the IPv4 ranges give. The empty string stands in, a class
      // of its own anyway.
      return "";
    }
    throw unrepresentable("the addresses from " + low.toString(16));
  }

  private static byte[] toBytes(BigInteger value, int bytes) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[bytes];
    int copy = Math.min(raw.length, bytes);
    System.arraycopy(raw, raw.length - copy, out, bytes - copy, copy);
    return out;
  }

  private static void binaries(List<String> texts, Set<String> out) {
    Set<String> named = new TreeSet<>();
    for (String text : texts) {
      byte[] bytes = IamValues.base64(text);
      if (bytes == null) {
        continue;
      }
      if (bytes.length == 0) {
        // Only the empty string decodes to no bytes; it is a class of its own already.
        if (!text.isEmpty()) {
          throw unrepresentable("the binary value " + text);
        }
        continue;
      }
      named.add(HexFormat.of().formatHex(bytes));
      out.add(binary(bytes));
    }
    for (int b = 0; b < 256; b++) {
      byte[] other = {(byte) b};
      if (!named.contains(HexFormat.of().formatHex(other))) {
        out.add(binary(other));
        return;
      }
    }
    out.add(binary(new byte[] {0, 0}));
  }

  private static String binary(byte[] bytes) {
    String text = Base64.getEncoder().encodeToString(bytes);
    if (!Arrays.equals(IamValues.base64(text), bytes)) {
      throw unrepresentable("the binary value " + text);
    }
    return text;
  }
}
