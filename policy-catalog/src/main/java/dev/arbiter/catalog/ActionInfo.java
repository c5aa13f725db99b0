package dev.arbiter.catalog;

import java.util.List;

/**
 * One action of the Service Authorization Reference.
 *
 * @param service the service prefix, such as {@code s3}
 * @param name the action's name as AWS spells it, such as {@code GetObject}
 * @param accessLevel the access level
 * @param resourceTypes the resource types the action can act on; empty when it supports only {@code
 *     "Resource": "*"}
 * @param conditionKeys condition keys the action supports whatever the resource (the reference's
 *     row without a resource type); per-resource keys are in {@link ActionResource#conditionKeys()}
 * @param dependentActions every action the reference lists as needed in addition to this one, on
 *     any of its rows, without duplicates
 */
public record ActionInfo(
    String service,
    String name,
    AccessLevel accessLevel,
    List<ActionResource> resourceTypes,
    List<String> conditionKeys,
    List<String> dependentActions) {

  /** Copies the lists. */
  public ActionInfo {
    resourceTypes = List.copyOf(resourceTypes);
    conditionKeys = List.copyOf(conditionKeys);
    dependentActions = List.copyOf(dependentActions);
  }

  /** The action as a policy names it: {@code s3:GetObject}. */
  public String fullName() {
    return service + ':' + name;
  }

  /** Whether the action supports only {@code "Resource": "*"} (it has no resource types). */
  public boolean requiresWildcardResource() {
    return resourceTypes.isEmpty();
  }

  /**
   * Whether the reference lists {@code key} for this action, at the action level or for one of its
   * resource types. A key with a variable part matches its instances ({@code aws:ResourceTag/team}
   * matches {@code aws:ResourceTag/${TagKey}}); case is ignored.
   *
   * <p>Global keys such as {@code aws:SourceIp} apply to every action without being listed; this
   * method only answers what the reference lists (the tag keys and any service keys).
   */
  public boolean supportsConditionKey(String key) {
    for (String listed : conditionKeys) {
      if (KeyPattern.matches(listed, key)) {
        return true;
      }
    }
    for (ActionResource resource : resourceTypes) {
      for (String listed : resource.conditionKeys()) {
        if (KeyPattern.matches(listed, key)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return fullName();
  }
}
