package dev.arbiter.lint.rules;

import dev.arbiter.policy.ConditionValue;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parsers for the values of typed condition operators: numbers, dates, Base64, CIDR blocks. */
final class Values {
  private Values() {}

  private static final Pattern ISO_DATE =
      Pattern.compile(
          "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:[Tt](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?"
              + "(?:[Zz]|[+-]\\d{2}:?\\d{2})?)?)?)?");
  private static final Pattern EPOCH = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}");

  /**
   * Whether a condition value is one fixed string: no wildcard, no policy variable, and nothing
   * that looks like one. Format checks judge only such values; the others match many strings.
   */
  static boolean isFixed(ConditionValue value) {
    return !value.template().hasWildcards()
        && !value.template().hasVariables()
        && !value.text().contains("${");
  }

  /** Whether {@code text} holds something that looks like a policy variable, {@code ${...}}. */
  static boolean hasVariableSyntax(String text) {
    return text.contains("${") && VARIABLE.matcher(text).find();
  }

  /** Whether a Numeric operator can read {@code text} as a number. */
  static boolean isNumber(String text) {
    return parseNumber(text).isPresent();
  }

  static Optional<BigDecimal> parseNumber(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty() || !trimmed.equals(text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(trimmed));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** How a Date operator reads a value. */
  enum DateForm {
    ISO_8601,
    EPOCH,
    INVALID
  }

  /** Reads a Date operator value: a W3C ISO 8601 date or date-time, or epoch seconds. */
  static DateForm dateForm(String text) {
    var iso = ISO_DATE.matcher(text);
    if (iso.matches()) {
      return validFields(iso) ? DateForm.ISO_8601 : DateForm.INVALID;
    }
    return EPOCH.matcher(text).matches() ? DateForm.EPOCH : DateForm.INVALID;
  }

  private static boolean validFields(java.util.regex.Matcher m) {
    return inRange(m.group(2), 1, 12)
        && inRange(m.group(3), 1, 31)
        && inRange(m.group(4), 0, 23)
        && inRange(m.group(5), 0, 59)
        && inRange(m.group(6), 0, 60);
  }

  private static boolean inRange(String group, int min, int max) {
    if (group == null) {
      return true;
    }
    int value = Integer.parseInt(group);
    return value >= min && value <= max;
  }

  /** Whether a Bool operator value is {@code true} or {@code false} (in any case). */
  static boolean isBoolean(String text) {
    return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
  }

  /** Whether BinaryEquals can Base64-decode {@code text}. */
  static boolean isBase64(String text) {
    if (text.isEmpty()) {
      return false;
    }
    try {
      Base64.getDecoder().decode(text);
      return true;
    } catch (IllegalArgumentException e) {
      try {
        Base64.getUrlDecoder().decode(text);
        return true;
      } catch (IllegalArgumentException e2) {
        return false;
      }
    }
  }
}
