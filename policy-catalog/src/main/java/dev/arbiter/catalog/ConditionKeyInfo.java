package dev.arbiter.catalog;

/**
 * A condition key as the catalog defines it.
 *
 * <p>Some keys have a variable part, written as AWS writes it: {@code aws:ResourceTag/${TagKey}},
 * {@code s3:ExistingObjectTag/<key>}, {@code token.actions.${Domain}.ghe.com:sub}. {@link
 * Catalog#conditionKey(String)} matches {@code aws:ResourceTag/team} to the first of these.
 *
 * @param name the key as AWS spells it, with any {@code ${...}} or {@code <...>} placeholder
 * @param type the type of its value
 * @param category {@link KeyCategory#SERVICE} for a service's key, otherwise the group of the
 *     global key
 */
public record ConditionKeyInfo(String name, ConditionKeyType type, KeyCategory category) {

  /** Whether this is a global key (in every request context that has it, for every service). */
  public boolean isGlobal() {
    return category != KeyCategory.SERVICE;
  }

  /** Whether a request can carry several values for the key. */
  public boolean isMultivalued() {
    return type.isMultivalued();
  }

  /** Whether the name has a variable part such as {@code ${TagKey}}. */
  public boolean hasVariablePart() {
    return KeyPattern.hasPlaceholder(name);
  }

  /**
   * Whether {@code key} names this key, ignoring case: equal to the name, or, if the name has a
   * variable part, equal to it with each placeholder replaced by a non-empty text.
   */
  public boolean matches(String key) {
    return KeyPattern.matches(name, key);
  }

  @Override
  public String toString() {
    return name + " (" + type.referenceName() + ")";
  }
}
