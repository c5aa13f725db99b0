package dev.arbiter.catalog;

/**
 * The access level the Service Authorization Reference gives an action.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html">Access
 *     levels in policy summaries</a>
 */
public enum AccessLevel {
  /** Lists resources, or describes them without reading their contents. */
  LIST("List", 'L'),
  /** Reads resources or their attributes. */
  READ("Read", 'R'),
  /** Creates, changes or deletes resources. */
  WRITE("Write", 'W'),
  /** Grants or changes permissions, for example resource policies or IAM entities. */
  PERMISSIONS_MANAGEMENT("Permissions management", 'P'),
  /** Changes only tags. */
  TAGGING("Tagging", 'T');

  private final String displayName;
  private final char code;

  AccessLevel(String displayName, char code) {
    this.displayName = displayName;
    this.code = code;
  }

  /**
   * The name the Service Authorization Reference prints, such as {@code Permissions management}.
   */
  public String displayName() {
    return displayName;
  }

  /** The level for a one-letter code of the bundled resource. */
  static AccessLevel fromCode(String code) {
    for (AccessLevel level : values()) {
      if (code.length() == 1 && code.charAt(0) == level.code) {
        return level;
      }
    }
    throw new IllegalArgumentException("unknown access level code: " + code);
  }
}
