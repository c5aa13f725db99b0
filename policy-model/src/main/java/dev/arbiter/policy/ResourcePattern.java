package dev.arbiter.policy;

import java.util.Optional;

/**
 * One entry of a {@code Resource} or {@code NotResource} element: {@code *}, or an ARN pattern that
 * may hold wildcards and (under version 2012-10-17) policy variables.
 *
 * @param text the pattern as written
 * @param template the text parsed into literals, wildcards and variables
 * @param location where it was written
 */
public record ResourcePattern(String text, Template template, SourceLocation location) {

  /** A pattern built in code, with policy variables recognised. */
  public static ResourcePattern of(String text) {
    return new ResourcePattern(text, Template.parse(text), SourceLocation.UNKNOWN);
  }

  /** Whether this is {@code *}, every resource. */
  public boolean isAll() {
    return text.equals("*");
  }

  /** The pattern split into ARN parts, if it has the six-part shape. */
  public Optional<Arn> arn() {
    return Arn.tryParse(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
