package dev.arbiter.iac;

import dev.arbiter.policy.SourcePosition;
import java.util.Objects;

/**
 * Thrown when a template or plan cannot be read: it is not text in an accepted encoding, not JSON,
 * not the kind of file the reader expects, or a policy inside it is not JSON. Its message reads
 * {@code FILE:LINE:COLUMN: REASON}.
 */
public final class TemplateReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final SourcePosition position;
  private final String reason;

  /**
   * A problem in {@code file} at {@code position}.
   *
   * @param file the file name as the user gave it
   * @param position where the problem is, in the file's decoded text
   * @param reason what is wrong, on one line
   */
  public TemplateReadException(String file, SourcePosition position, String reason) {
    super(file + ":" + position + ": " + reason);
    this.file = Objects.requireNonNull(file, "file");
    this.position = Objects.requireNonNull(position, "position");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The file name as the user gave it. */
  public String file() {
    return file;
  }

  /** Where the problem is. */
  public SourcePosition position() {
    return position;
  }

  /** What is wrong, without the file and position. */
  public String reason() {
    return reason;
  }
}
