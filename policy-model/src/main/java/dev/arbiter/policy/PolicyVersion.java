package dev.arbiter.policy;

import java.util.Optional;

/**
 * The policy language versions IAM accepts in the {@code Version} element.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html">IAM
 *     JSON policy elements: Version</a>
 */
public enum PolicyVersion {
  /** The current version; the only one in which policy variables are recognised. */
  V2012_10_17("2012-10-17"),
  /** The legacy version: {@code ${...}} is literal text. */
  V2008_10_17("2008-10-17");

  private final String json;

  PolicyVersion(String json) {
    this.json = json;
  }

  /** The value as written in JSON, for example {@code 2012-10-17}. */
  public String json() {
    return json;
  }

  /** The version written exactly as {@code text}, if IAM accepts it. */
  public static Optional<PolicyVersion> fromJson(String text) {
    for (PolicyVersion version : values()) {
      if (version.json.equals(text)) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }
}
