package dev.arbiter.catalog;

import java.util.Locale;

/**
 * Where a condition key comes from: one service, or (for the global keys) which property of the
 * request it describes, as the global condition keys page groups them.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html">AWS
 *     global condition context keys</a>
 */
public enum KeyCategory {
  /** A key that one service defines and supplies for some of its actions. */
  SERVICE,
  /** A global key describing the principal that makes the request. */
  PRINCIPAL,
  /** A global key describing the role session. */
  SESSION,
  /** A global key describing the network the request comes from. */
  NETWORK,
  /** A global key describing the resource. */
  RESOURCE,
  /** A global key describing the request itself. */
  REQUEST;

  /** The category for a name in the bundled resource ({@code principal}, ...). */
  static KeyCategory fromName(String name) {
    KeyCategory category = valueOf(name.toUpperCase(Locale.ROOT));
    if (category == SERVICE) {
      throw new IllegalArgumentException("not a global key category: " + name);
    }
    return category;
  }
}
