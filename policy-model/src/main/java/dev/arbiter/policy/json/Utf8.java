package dev.arbiter.policy.json;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The one UTF-8 check of the project: strict decoding that says where the first bad byte is. */
public final class Utf8 {
  private Utf8() {}

  /**
   * Decodes {@code bytes}.
   *
   * @throws JsonReadException of kind {@link JsonReadException.Kind#INVALID_UTF8}, at the line and
   *     column just after the text before the bad byte, its detail the bad byte's 1-based number
   */
  public static String decode(byte[] bytes) {
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CoderResult result = decoder().decode(in, out, true);
    if (result.isError()) {
      out.flip();
      throw new JsonReadException(
          JsonReadException.Kind.INVALID_UTF8,
          JsonPointer.ROOT,
          positionAfter(out),
          Integer.toString(in.position() + 1));
    }
    out.flip();
    return out.toString();
  }

  /** The 0-based offset of the first byte of {@code bytes} that is not valid UTF-8, or -1. */
  public static int firstInvalid(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CoderResult result = decoder().decode(in, CharBuffer.allocate(bytes.length + 1), true);
    return result.isError() ? in.position() : -1;
  }

  private static CharsetDecoder decoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** The line and column just after {@code text}. */
  private static SourcePosition positionAfter(CharSequence text) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SourcePosition(line, column);
  }
}
