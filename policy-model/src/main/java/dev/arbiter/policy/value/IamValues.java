package dev.arbiter.policy.value;

import dev.arbiter.policy.ConditionValue;
import java.math.BigDecimal;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reading the typed values of condition operators: numbers, dates, booleans and base-64 binaries.
 * Each reader returns null for text that is not a value of its type; the evaluator treats that as a
 * comparison that cannot be decided, and the linter reports it (docs/semantics.md §6.4.6).
 */
public final class IamValues {
  private IamValues() {}

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}");

  /** Longest number accepted; IAM values are far shorter, and this bounds the work. */
  private static final int MAX_NUMBER_LENGTH = 64;

  /** Largest epoch-second magnitude accepted: {@link Instant#MAX} is about 3.2e16 seconds. */
  private static final BigDecimal MAX_EPOCH = BigDecimal.valueOf(31_556_889_864_403_199L);

  /**
   * ISO 8601 in the W3C profile: a date, optionally {@code T} and a time with optional seconds and
   * fraction, optionally followed by {@code Z} or a numeric offset ({@code +02:00} or {@code
   * +0200}).
   */
  private static final DateTimeFormatter ISO =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  /**
   * The decimal number written as {@code text}: an optional sign, digits, and an optional fraction
   * ({@code 10}, {@code -3}, {@code 2.50}). Null for anything else, exponents included.
   */
  public static @Nullable BigDecimal number(String text) {
    int n = text.length();
    if (n == 0 || n > MAX_NUMBER_LENGTH) {
      return null;
    }
    int i = 0;
    if (text.charAt(0) == '-' || text.charAt(0) == '+') {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(text.charAt(i))) {
      i++;
      digits++;
    }
    if (digits == 0) {
      return null;
    }
    if (i < n && text.charAt(i) == '.') {
      i++;
      int fraction = 0;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
        fraction++;
      }
      if (fraction == 0) {
        return null;
      }
    }
    return i == n ? new BigDecimal(text) : null;
  }

  /**
   * Whether {@link #date} reads {@code text} as epoch seconds (a valid date without a {@code -}
   * after its first character), the form Access Analyzer's INVALID_DATE_VALUE advises against.
   */
  public static boolean isEpochSeconds(String text) {
    return isEpochForm(text) && epochSeconds(text) != null;
  }

  private static boolean isEpochForm(String text) {
    if (text.isEmpty()) {
      return false;
    }
    char first = text.charAt(0);
    return text.indexOf('-', 1) < 0 && (isDigit(first) || first == '-' || first == '+');
  }

  /**
   * The instant written as {@code text}: epoch seconds ({@code 1718452800}, optionally with a
   * fraction) or ISO 8601 ({@code 2024-06-15}, {@code 2024-06-15T12:00:00Z}, {@code
   * 2024-06-15T14:00:00+02:00}). A date alone is midnight UTC and a time without offset is UTC
   * (docs/semantics.md §12.17). Null for anything else.
   */
  public static @Nullable Instant date(String text) {
    if (text.isEmpty() || text.length() > MAX_NUMBER_LENGTH) {
      return null;
    }
    return isEpochForm(text) ? epochSeconds(text) : iso(text);
  }

  private static @Nullable Instant epochSeconds(String text) {
    BigDecimal seconds = number(text);
    if (seconds == null || seconds.abs().compareTo(MAX_EPOCH) > 0) {
      return null;
    }
    long whole = seconds.longValue();
    int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
    return Instant.ofEpochSecond(whole, nanos);
  }

  private static @Nullable Instant iso(String text) {
    ParsePosition position = new ParsePosition(0);
    try {
      TemporalAccessor parsed = ISO.parse(text, position);
      if (position.getIndex() != text.length()) {
        return null;
      }
      LocalDate date = LocalDate.from(parsed);
      LocalTime time =
          parsed.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(parsed) : LocalTime.MIDNIGHT;
      ZoneOffset offset =
          parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
      return date.atTime(time).toInstant(offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The bytes of base-64 {@code text} (standard alphabet, padding optional), or null. */
  public static byte @Nullable [] base64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The Bool value written as {@code text}: {@code true} or {@code false} in any ASCII case,
   * compared after {@code toLowerCase(Locale.ROOT)} (docs/semantics.md §6.4.4); null for anything
   * else. The result is {@link Boolean#TRUE} or {@link Boolean#FALSE}, never a new object.
   */
  public static @Nullable Boolean bool(String text) {
    if (text.length() != 4 && text.length() != 5) {
      return null;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.equals("true") ? Boolean.TRUE : lower.equals("false") ? Boolean.FALSE : null;
  }

  /**
   * Whether a condition value is one fixed string: no wildcard, no policy variable, and nothing
   * that looks like one. Format checks judge only such values; the others match many strings.
   */
  public static boolean isFixed(ConditionValue value) {
    return !value.template().hasWildcards()
        && !value.template().hasVariables()
        && !value.text().contains("${");
  }

  /** Whether {@code text} holds something that looks like a policy variable, {@code ${...}}. */
  public static boolean hasVariableSyntax(String text) {
    return text.contains("${") && VARIABLE.matcher(text).find();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
