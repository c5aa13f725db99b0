package dev.arbiter.catalog;

import java.util.List;

/**
 * One resource type an action can act on, as the action's row in the Service Authorization
 * Reference lists it.
 *
 * @param name the resource type's name in the action's service; {@link
 *     Service#resourceType(String)} gives its ARN formats
 * @param required whether the reference marks it required ({@code *}): a statement that names
 *     specific resources for the action must name one of this type; of the types not marked
 *     required, any one may be used
 * @param conditionKeys condition keys the action supports for this resource type
 * @param dependentActions actions the caller also needs when acting on this resource type
 */
public record ActionResource(
    String name, boolean required, List<String> conditionKeys, List<String> dependentActions) {

  /** Copies the lists. */
  public ActionResource {
    conditionKeys = List.copyOf(conditionKeys);
    dependentActions = List.copyOf(dependentActions);
  }
}
