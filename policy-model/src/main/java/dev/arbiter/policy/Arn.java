package dev.arbiter.policy;

import dev.arbiter.policy.internal.OneLine;
import java.util.Optional;

/**
 * An Amazon Resource Name split into its six parts: {@code
 * arn:partition:service:region:account:resource}. The resource part keeps any further colons and
 * slashes. Parts may be empty ({@code arn:aws:s3:::bucket}); in a pattern they may hold wildcards.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html">IAM
 *     identifiers: ARNs</a>
 */
public record Arn(
    String partition, String service, String region, String account, String resource) {

  /**
   * Splits {@code text} into its parts.
   *
   * @throws IllegalArgumentException if it does not start with {@code arn:} or has fewer than six
   *     colon-separated parts
   */
  public static Arn parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "not an ARN (arn:partition:service:region:account:resource): "
                        + OneLine.quote(text)));
  }

  /** Splits {@code text} into its parts, or returns empty if it is not an ARN. */
  public static Optional<Arn> tryParse(String text) {
    if (!text.startsWith("arn:")) {
      return Optional.empty();
    }
    int[] colons = new int[5];
    int found = 0;
    for (int i = 0; i < text.length() && found < 5; i++) {
      if (text.charAt(i) == ':') {
        colons[found++] = i;
      }
    }
    if (found < 5) {
      return Optional.empty();
    }
    return Optional.of(
        new Arn(
            text.substring(colons[0] + 1, colons[1]),
            text.substring(colons[1] + 1, colons[2]),
            text.substring(colons[2] + 1, colons[3]),
            text.substring(colons[3] + 1, colons[4]),
            text.substring(colons[4] + 1)));
  }

  /** Returns the ARN text. */
  @Override
  public String toString() {
    return "arn:" + partition + ':' + service + ':' + region + ':' + account + ':' + resource;
  }
}
