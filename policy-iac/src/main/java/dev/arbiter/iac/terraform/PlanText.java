package dev.arbiter.iac.terraform;

import dev.arbiter.iac.TemplateException;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReadException;
import dev.arbiter.policy.json.Utf8;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * A plan's text, decoded, with what is needed to turn positions inside a policy string back into
 * positions in the plan file.
 *
 * <p>A policy in a plan is a JSON string whose value is itself JSON. Every character of the value
 * is written in the plan either as itself or as an escape ({@code \"}, {@code \n}, a six-character
 * unicode escape), and JSON strings hold no raw line break, so each character of the value has one
 * exact place on the plan line where the string is: {@link #positionsIn} maps a line and column
 * counted in the value to that place.
 */
final class PlanText {
  private final String text;
  private final int[] lineStarts;

  PlanText(String text) {
    this.text = text;
    this.lineStarts = lineStarts(text);
  }

  String text() {
    return text;
  }

  /**
   * Decodes a plan: UTF-8 (a byte-order mark is skipped), or UTF-16 when a UTF-16 byte-order mark
   * says so, as Windows PowerShell's {@code >} writes it. Positions are counted in the decoded
   * text, after the mark.
   */
  static String decode(byte[] content) {
    int n = content.length;
    if (n >= 2 && (content[0] & 0xFF) == 0xFE && (content[1] & 0xFF) == 0xFF) {
      return utf16(content, StandardCharsets.UTF_16BE);
    }
    if (n >= 2 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xFE) {
      return utf16(content, StandardCharsets.UTF_16LE);
    }
    int start =
        n >= 3
                && (content[0] & 0xFF) == 0xEF
                && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF
            ? 3
            : 0;
    byte[] body = start == 0 ? content : java.util.Arrays.copyOfRange(content, start, n);
    try {
      return Utf8.decode(body);
    } catch (JsonReadException e) {
      throw new TemplateException(
          JsonPointer.ROOT,
          e.problem().position(),
          "invalid UTF-8 at byte "
              + (Long.parseLong(e.problem().detail()) + start)
              + "; a plan is UTF-8, or UTF-16 with a byte-order mark");
    }
  }

  private static String utf16(byte[] content, Charset charset) {
    ByteBuffer in = ByteBuffer.wrap(content, 2, content.length - 2);
    CharBuffer out = CharBuffer.allocate(content.length / 2 + 1);
    CoderResult result =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(in, out, true);
    out.flip();
    String decoded = out.toString();
    if (result.isError()) {
      throw new TemplateException(
          JsonPointer.ROOT,
          new PlanText(decoded).positionAt(decoded.length()),
          "invalid "
              + charset.name()
              + " at byte "
              + (in.position() + 1)
              + " (the file starts with a UTF-16 byte-order mark)");
    }
    return decoded;
  }

  /**
   * Where each line starts, counted as the JSON reader counts lines: after a line feed, after a
   * carriage return, and once after a carriage return and line feed.
   */
  private static int[] lineStarts(String text) {
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      if (breaksAfter(text, i)) {
        count++;
      }
    }
    int[] starts = new int[count];
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      if (breaksAfter(text, i)) {
        starts[line++] = i + 1;
      }
    }
    return starts;
  }

  private static boolean breaksAfter(String text, int i) {
    char c = text.charAt(i);
    return c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
  }

  /** The 0-based offset of {@code position}, or -1 if it lies outside the text. */
  int offsetOf(SourcePosition position) {
    if (!position.isKnown() || position.line() > lineStarts.length) {
      return -1;
    }
    int offset = lineStarts[position.line() - 1] + position.column() - 1;
    int end = position.line() < lineStarts.length ? lineStarts[position.line()] : text.length();
    return offset <= end ? offset : -1;
  }

  /** The position of the character at {@code offset}. */
  SourcePosition positionAt(int offset) {
    int low = 0;
    int high = lineStarts.length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return new SourcePosition(low + 1, offset - lineStarts[low] + 1);
  }

  /**
   * A map from positions in the value of {@code string} (a string of this plan) to positions in the
   * plan. If the string's text in the plan cannot be found again, which does not happen for a
   * string read from this text, every position maps to the string's own position.
   */
  UnaryOperator<SourcePosition> positionsIn(Json.Str string) {
    SourcePosition fallbackPosition = string.position();
    UnaryOperator<SourcePosition> fallback = p -> fallbackPosition;
    int quote = offsetOf(string.position());
    if (quote < 0 || quote >= text.length() || text.charAt(quote) != '"') {
      return fallback;
    }
    String value = string.value();
    int[] raw = new int[value.length() + 1];
    StringBuilder decoded = new StringBuilder(value.length());
    int i = quote + 1;
    while (i < text.length() && text.charAt(i) != '"') {
      raw[Math.min(decoded.length(), value.length())] = i;
      char c = text.charAt(i);
      if (c != '\\') {
        decoded.append(c);
        i++;
        continue;
      }
      if (i + 1 >= text.length()) {
        return fallback;
      }
      char escape = text.charAt(i + 1);
      switch (escape) {
        case '"', '\\', '/' -> decoded.append(escape);
        case 'b' -> decoded.append('\b');
        case 'f' -> decoded.append('\f');
        case 'n' -> decoded.append('\n');
        case 'r' -> decoded.append('\r');
        case 't' -> decoded.append('\t');
        case 'u' -> {
          if (i + 6 > text.length()) {
            return fallback;
          }
          try {
            decoded.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
          } catch (NumberFormatException e) {
            return fallback;
          }
          i += 4;
        }
        default -> {
          return fallback;
        }
      }
      i += 2;
      if (decoded.length() > value.length()) {
        return fallback;
      }
    }
    if (i >= text.length() || !decoded.toString().equals(value)) {
      return fallback;
    }
    raw[value.length()] = i;
    PlanText inner = new PlanText(value);
    SourcePosition start = string.position();
    return p -> {
      int offset = inner.offsetOf(p);
      if (offset < 0) {
        return fallbackPosition;
      }
      return new SourcePosition(start.line(), start.column() + raw[offset] - quote);
    };
  }
}
