package dev.arbiter.eval;

/**
 * Allocation-free readers for the common forms of request values, used before the general parsers
 * of {@code dev.arbiter.policy.value.IamValues} and {@code Cidr}. Each accepts only a subset of
 * what the general parser accepts, and gives the same value for it; anything else is {@link #NONE},
 * and the caller falls back to the general parser.
 */
final class FastValues {
  /** Not of the form this reader handles. */
  static final long NONE = Long.MIN_VALUE;

  private FastValues() {}

  /**
   * An optional sign and 1 to 18 ASCII digits, as a {@code long}: the integers {@code
   * IamValues.number} reads, within a range where no overflow is possible.
   */
  static long smallInteger(String text) {
    int n = text.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
      negative = text.charAt(0) == '-';
      i = 1;
    }
    if (n - i < 1 || n - i > 18) {
      return NONE;
    }
    long value = 0;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return NONE;
      }
      value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
  }

  /**
   * {@code YYYY-MM-DDThh:mm:ssZ} exactly, as epoch seconds: the dates {@code IamValues.date} reads
   * with its strict ISO 8601 resolver (a real calendar day, hour 0-23, minute and second 0-59).
   */
  static long isoSeconds(String text) {
    if (text.length() != 20
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(19) != 'Z') {
      return NONE;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
      return NONE;
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return NONE;
    }
    return epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
  }

  /** The ASCII digits at [from, from + count) as a number; -1 if one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int monthLength(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 in the proleptic Gregorian calendar (as {@code LocalDate}). */
  private static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  /**
   * A dotted-quad IPv4 address of ASCII digits without leading zeros (each part 0-255), as an
   * unsigned 32-bit value: the form Guava's {@code InetAddresses}, which {@code Cidr} uses, reads
   * as the same four bytes.
   */
  static long ipv4(String text) {
    int n = text.length();
    if (n < 7 || n > 15) {
      return NONE;
    }
    long address = 0;
    int part = 0;
    int at = 0;
    while (true) {
      int start = at;
      int value = 0;
      while (at < n && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
        value = value * 10 + (text.charAt(at) - '0');
        at++;
      }
      int length = at - start;
      if (length == 0 || length > 3 || value > 255 || (length > 1 && text.charAt(start) == '0')) {
        return NONE;
      }
      address = (address << 8) | value;
      part++;
      if (part == 4) {
        return at == n ? address : NONE;
      }
      if (at >= n || text.charAt(at) != '.') {
        return NONE;
      }
      at++;
    }
  }
}
