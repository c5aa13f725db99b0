package dev.arbiter.cli;

import dev.arbiter.policy.internal.IoMessages;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One-line descriptions of I/O failures, without stack traces. */
final class Messages {
  private Messages() {}

  static String describe(UncheckedIOException e) {
    IOException cause = e.getCause();
    return cause == null ? String.valueOf(e.getMessage()) : describe(cause);
  }

  static String describe(IOException e) {
    return IoMessages.describe(e);
  }
}
