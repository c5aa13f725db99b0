package dev.arbiter.catalog;

import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One AWS service: its prefix, actions, resource types and condition keys, as its page of the
 * Service Authorization Reference lists them. Lookups by name ignore case.
 *
 * <p>The catalog reads a service's details on first use (the bundled resource keeps each service
 * apart for that); that is invisible to callers and safe between threads.
 */
public final class Service {
  private final String prefix;
  private final String name;
  private final boolean rcpSupported;
  private final CatalogReader.ServiceSource source;
  private volatile @Nullable Details details;

  /** What is read on first use. */
  record Details(
      List<ActionInfo> actions,
      List<String> lowerCaseFullNames,
      Map<String, ActionInfo> actionsByName,
      List<ResourceType> resourceTypes,
      Map<String, ResourceType> resourceTypesByName,
      List<ConditionKeyInfo> conditionKeys,
      Map<String, ConditionKeyInfo> conditionKeysByName,
      List<ConditionKeyInfo> variableConditionKeys) {

    static Details of(
        List<ActionInfo> actions,
        List<ResourceType> resourceTypes,
        List<ConditionKeyInfo> conditionKeys) {
      List<String> lower = new ArrayList<>(actions.size());
      Map<String, ActionInfo> byName = new HashMap<>(actions.size() * 2);
      for (ActionInfo action : actions) {
        lower.add(action.fullName().toLowerCase(Locale.ROOT));
        byName.put(action.name().toLowerCase(Locale.ROOT), action);
      }
      Map<String, ResourceType> types = new HashMap<>();
      for (ResourceType type : resourceTypes) {
        types.put(type.name().toLowerCase(Locale.ROOT), type);
      }
      Map<String, ConditionKeyInfo> keys = new HashMap<>();
      List<ConditionKeyInfo> variable = new ArrayList<>();
      for (ConditionKeyInfo key : conditionKeys) {
        keys.put(key.name().toLowerCase(Locale.ROOT), key);
        if (key.hasVariablePart()) {
          variable.add(key);
        }
      }
      return new Details(
          List.copyOf(actions),
          List.copyOf(lower),
          byName,
          List.copyOf(resourceTypes),
          types,
          List.copyOf(conditionKeys),
          keys,
          List.copyOf(variable));
    }
  }

  Service(String prefix, String name, boolean rcpSupported, CatalogReader.ServiceSource source) {
    this.prefix = prefix;
    this.name = name;
    this.rcpSupported = rcpSupported;
    this.source = source;
  }

  Details details() {
    Details d = details;
    if (d == null) {
      synchronized (this) {
        d = details;
        if (d == null) {
          d = source.read(prefix);
          details = d;
        }
      }
    }
    return d;
  }

  /** The service prefix used in actions and ARNs, such as {@code s3}. */
  public String prefix() {
    return prefix;
  }

  /** The service's name, such as {@code Amazon S3}. */
  public String name() {
    return name;
  }

  /** Every action, sorted by name. */
  public List<ActionInfo> actions() {
    return details().actions();
  }

  /** The action with this name (without the prefix), ignoring case. */
  public Optional<ActionInfo> action(String actionName) {
    return Optional.ofNullable(details().actionsByName().get(actionName.toLowerCase(Locale.ROOT)));
  }

  /** The actions with this access level, sorted by name. */
  public List<ActionInfo> actions(AccessLevel level) {
    List<ActionInfo> out = new ArrayList<>();
    for (ActionInfo action : actions()) {
      if (action.accessLevel() == level) {
        out.add(action);
      }
    }
    return List.copyOf(out);
  }

  /** Every resource type, sorted by name. */
  public List<ResourceType> resourceTypes() {
    return details().resourceTypes();
  }

  /** The resource type with this name, ignoring case. */
  public Optional<ResourceType> resourceType(String typeName) {
    return Optional.ofNullable(
        details().resourceTypesByName().get(typeName.toLowerCase(Locale.ROOT)));
  }

  /**
   * This service's resource types whose ARN formats {@code arn} can match, in the order of {@link
   * #resourceTypes()}, whatever service the formats' ARNs name (SSM's {@code bucket} is an S3 ARN).
   * See {@link Catalog#matchingResourceTypes(String)} for the matching rule.
   */
  public List<ResourceType> matchingResourceTypes(String arn) {
    if (!arn.startsWith("arn:")) {
      return List.of();
    }
    return matching(ResourceType.template(arn));
  }

  /** This service's resource types that a policy's Resource pattern can cover. */
  public List<ResourceType> matchingResourceTypes(ResourcePattern pattern) {
    if (!pattern.text().startsWith("arn:")) {
      return List.of();
    }
    return matching(pattern.template());
  }

  private List<ResourceType> matching(Template pattern) {
    return ResourceType.matching(resourceTypes(), pattern);
  }

  /**
   * The condition keys this service's page lists, sorted by name: its own keys and the global keys
   * (such as {@code aws:ResourceTag/${TagKey}}) its actions support.
   */
  public List<ConditionKeyInfo> conditionKeys() {
    return details().conditionKeys();
  }

  /**
   * The key of this service's page that {@code key} names, ignoring case: an exact name, or an
   * instance of a key with a variable part ({@code s3:ExistingObjectTag/team}).
   */
  public Optional<ConditionKeyInfo> conditionKey(String key) {
    Details d = details();
    ConditionKeyInfo exact = d.conditionKeysByName().get(key.toLowerCase(Locale.ROOT));
    if (exact != null) {
      return Optional.of(exact);
    }
    for (ConditionKeyInfo variable : d.variableConditionKeys()) {
      if (variable.matches(key)) {
        return Optional.of(variable);
      }
    }
    return Optional.empty();
  }

  /** Whether resource control policies (RCPs) can restrict this service. */
  public boolean isRcpSupported() {
    return rcpSupported;
  }

  @Override
  public String toString() {
    return prefix;
  }
}
