package dev.arbiter.policy;

import dev.arbiter.policy.internal.OneLine;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where an element of a policy came from: its JSON pointer and its line:column.
 *
 * <p>Two locations are equal when pointer and position are, so two policies read from differently
 * laid out text are not equal; compare them with {@link Policy#withoutLocations()}.
 */
public final class SourceLocation {

  /** The location of elements built in code rather than read from a document. */
  public static final SourceLocation UNKNOWN =
      new SourceLocation(JsonPointer.ROOT, SourcePosition.UNKNOWN);

  private final JsonPointer pointer;
  private final SourcePosition position;

  private SourceLocation(JsonPointer pointer, SourcePosition position) {
    this.pointer = pointer;
    this.position = position;
  }

  /** A location at {@code position}, addressed by {@code pointer}. */
  public static SourceLocation of(JsonPointer pointer, SourcePosition position) {
    return new SourceLocation(pointer, position);
  }

  /** The JSON pointer of the element. */
  public JsonPointer pointer() {
    return pointer;
  }

  /** The line and column where the element starts. */
  public SourcePosition position() {
    return position;
  }

  /** Whether {@code other} is a location with the same pointer and position. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof SourceLocation that
        && pointer.equals(that.pointer)
        && position.equals(that.position);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pointer, position);
  }

  /**
   * Returns {@code line:column at pointer}, the pointer clipped to 200 characters and its control
   * characters escaped, so that a message built on it stays one short line.
   */
  @Override
  public String toString() {
    return position
        + " at "
        + (pointer.tokens().isEmpty() ? "/" : OneLine.of(pointer.toString(), 200));
  }
}
