package dev.arbiter.policy;

/**
 * One entry of an {@code Action} or {@code NotAction} element: {@code service:name}, where the name
 * (and, unusually, the service) may hold {@code *} and {@code ?} wildcards, or {@code *} alone for
 * every action. Matching is case-insensitive and is the evaluator's job.
 *
 * @param text the pattern as written
 * @param location where it was written
 */
public record ActionPattern(String text, SourceLocation location) {

  /** A pattern built in code. */
  public static ActionPattern of(String text) {
    return new ActionPattern(text, SourceLocation.UNKNOWN);
  }

  /** Whether this is {@code *}, every action of every service. */
  public boolean isAll() {
    return text.equals("*");
  }

  /** Whether the text has the {@code service:name} shape (or is {@code *}). */
  public boolean isWellFormed() {
    if (isAll()) {
      return true;
    }
    int colon = text.indexOf(':');
    return colon > 0 && colon < text.length() - 1 && text.indexOf(':', colon + 1) < 0;
  }

  /** The service prefix as written, {@code *} for {@link #isAll()}, or "" if not well formed. */
  public String service() {
    if (isAll()) {
      return "*";
    }
    int colon = text.indexOf(':');
    return colon < 0 ? "" : text.substring(0, colon);
  }

  /** The action name as written (may hold wildcards), {@code *} for {@link #isAll()}. */
  public String name() {
    if (isAll()) {
      return "*";
    }
    int colon = text.indexOf(':');
    return colon < 0 ? text : text.substring(colon + 1);
  }

  /** Whether the pattern contains {@code *} or {@code ?}. */
  public boolean hasWildcard() {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
