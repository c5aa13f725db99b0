package dev.arbiter.policy;

import dev.arbiter.policy.internal.OneLine;

/**
 * Where an element of a policy came from: its JSON pointer and its line:column.
 *
 * <p>Locations never take part in equality: every {@code SourceLocation} equals every other, so two
 * policies that differ only in formatting or layout are equal, and {@code parse(write(p))} equals
 * {@code p}. This is why the AST records can carry their locations as ordinary components.
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

  /** Always true for another location: see the class comment. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SourceLocation;
  }

  @Override
  public int hashCode() {
    return 0;
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
