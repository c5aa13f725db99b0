package dev.arbiter.lint.rules;

import dev.arbiter.catalog.ActionInfo;
import dev.arbiter.catalog.ActionResource;
import dev.arbiter.catalog.Catalog;
import dev.arbiter.catalog.ConditionKeyInfo;
import dev.arbiter.catalog.ResourceType;
import dev.arbiter.catalog.Service;
import dev.arbiter.lint.Linter;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Template;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The service catalog as the rules use it, with the answers they ask for repeatedly cached for the
 * life of one {@link Linter}: wildcard expansions per distinct pattern, the resource types each
 * distinct Resource pattern can name, and the resource types each ARN service has. A corpus run
 * sees the same patterns (such as {@code s3:Get*} or {@code arn:aws:s3:::*}) in many documents, so
 * each is matched against the 22,000 actions or 2,300 resource types once. Thread-safe.
 */
final class CatalogView {

  /** A resource type together with the literal start of its ARN's resource part. */
  record TypePrefix(ResourceType type, String resourcePrefix) {}

  private final Catalog catalog;
  private final ConcurrentHashMap<String, List<ActionInfo>> expansions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, List<ActionInfo>> notActions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<ResourceType>> resourceMatches =
      new ConcurrentHashMap<>();
  private volatile @Nullable Map<String, List<TypePrefix>> arnServices;
  private final ConcurrentHashMap<String, List<ResourceType>> actionTypes =
      new ConcurrentHashMap<>();

  private volatile @Nullable Set<String> keyPrefixes;

  CatalogView(Catalog catalog) {
    this.catalog = catalog;
  }

  Catalog catalog() {
    return catalog;
  }

  /** The actions an Action pattern covers; {@link Catalog#expand(String)}, cached. */
  List<ActionInfo> expand(String pattern) {
    String key = pattern.toLowerCase(Locale.ROOT);
    List<ActionInfo> cached = expansions.get(key);
    if (cached == null) {
      cached = catalog.expand(pattern);
      expansions.putIfAbsent(key, cached);
    }
    return cached;
  }

  /** The actions a statement's Action or NotAction element covers, cached per distinct element. */
  List<ActionInfo> covered(boolean negated, List<ActionPattern> patterns) {
    if (!negated) {
      if (patterns.size() == 1) {
        return expand(patterns.get(0).text());
      }
      Set<ActionInfo> seen = identitySet();
      List<ActionInfo> out = new ArrayList<>();
      for (ActionPattern pattern : patterns) {
        for (ActionInfo action : expand(pattern.text())) {
          if (seen.add(action)) {
            out.add(action);
          }
        }
      }
      return out;
    }
    StringBuilder key = new StringBuilder();
    for (ActionPattern pattern : patterns) {
      key.append(pattern.text().toLowerCase(Locale.ROOT)).append('\n');
    }
    String text = key.toString();
    List<ActionInfo> cached = notActions.get(text);
    if (cached == null) {
      Set<ActionInfo> excluded = identitySet();
      for (ActionPattern pattern : patterns) {
        excluded.addAll(expand(pattern.text()));
      }
      List<ActionInfo> out = new ArrayList<>();
      for (ActionInfo action : catalog.actions()) {
        if (!excluded.contains(action)) {
          out.add(action);
        }
      }
      cached = List.copyOf(out);
      notActions.putIfAbsent(text, cached);
    }
    return cached;
  }

  /**
   * The resource types a Resource pattern can name ({@link Catalog#matchingResourceTypes}), cached
   * per distinct pattern text (and whether its variables are live).
   */
  Set<ResourceType> matchingTypes(ResourcePattern pattern) {
    String key = (pattern.template().hasVariables() ? "v|" : "l|") + pattern.text();
    Set<ResourceType> cached = resourceMatches.get(key);
    if (cached == null) {
      Optional<Set<ResourceType>> quick = quickTypes(pattern);
      cached =
          quick.isPresent() && exact(pattern)
              ? quick.get()
              : Set.copyOf(catalog.matchingResourceTypes(pattern));
      resourceMatches.putIfAbsent(key, cached);
    }
    return cached;
  }

  /**
   * Some of the resource types a Resource pattern can name, found fast, or empty if the pattern's
   * partition or service is not plain text. When its partition, service, Region and account are all
   * plain text, this is exactly {@link #matchingTypes}: the pattern's resource part then lines up
   * with each format's, so only types whose format's literal start agrees with the pattern's (one a
   * prefix of the other) can match, and only those are tried (EC2 has over a hundred types). With a
   * wildcard in the Region or account, a type whose format starts otherwise could still match (a
   * trailing {@code *} in a field may reach past the colon, docs/semantics.md §12.2), so the answer
   * is then a subset, good for a quick "yes".
   */
  Optional<Set<ResourceType>> quickTypes(ResourcePattern pattern) {
    Optional<Arn> arn = pattern.arn();
    if (arn.isEmpty() || !plain(arn.get().service()) || arn.get().partition().isEmpty()) {
      return Optional.empty();
    }
    String key = (pattern.template().hasVariables() ? "qv|" : "ql|") + pattern.text();
    Set<ResourceType> cached = resourceMatches.get(key);
    if (cached == null && !plain(arn.get().partition())) {
      // Every format's partition is ${Partition}, which any one partition fills: try "aws".
      // Matching the pattern as written would let a trailing * in the partition reach past the
      // colon, which costs the catalog's matcher tens of milliseconds per pattern.
      String text = pattern.text();
      String aws = "arn:aws" + text.substring(text.indexOf(':', 4));
      try {
        Template template =
            pattern.template().hasVariables()
                ? Template.parse(aws)
                : Template.withoutVariables(aws);
        cached = quickTypes(new ResourcePattern(aws, template, pattern.location())).orElseThrow();
      } catch (PolicyParseException e) {
        return Optional.empty();
      }
      resourceMatches.putIfAbsent(key, cached);
    }
    if (cached == null) {
      String resource = arn.get().resource();
      String lead = resource.substring(0, firstPatternCharacter(resource));
      Set<ResourceType> out = new LinkedHashSet<>();
      for (TypePrefix type : typesOfArnService(arn.get().service())) {
        String prefix = type.resourcePrefix();
        if ((prefix.startsWith(lead) || lead.startsWith(prefix))
            && !out.contains(type.type())
            && type.type().matches(pattern)) {
          out.add(type.type());
        }
      }
      cached = Set.copyOf(out);
      resourceMatches.putIfAbsent(key, cached);
    }
    return Optional.of(cached);
  }

  private static boolean exact(ResourcePattern pattern) {
    Arn arn = pattern.arn().orElseThrow();
    return plain(arn.partition()) && plain(arn.region()) && plain(arn.account());
  }

  private static boolean plain(String field) {
    return firstPatternCharacter(field) == field.length();
  }

  /** The index of the first wildcard or policy-variable start in {@code text}, or its length. */
  static int firstPatternCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*'
          || c == '?'
          || (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{')) {
        return i;
      }
    }
    return text.length();
  }

  /**
   * The resource types a Resource pattern can name, counting the pattern cut back at each colon of
   * its resource part too: services authorize a resource under ARNs with sub-resource suffixes
   * (CloudWatch Logs' {@code log-group:NAME:*} and {@code log-group:NAME:log-stream:*} for log
   * group actions, Lambda's qualified {@code function:NAME:alias}), which the catalog's formats do
   * not list. A cut never falls inside a policy variable.
   */
  Set<ResourceType> matchingTypesWithSuffixes(ResourcePattern pattern) {
    String key = (pattern.template().hasVariables() ? "sv|" : "sl|") + pattern.text();
    Set<ResourceType> cached = resourceMatches.get(key);
    if (cached == null) {
      Set<ResourceType> out = new HashSet<>(matchingTypes(pattern));
      String text = pattern.text();
      int resourceStart = resourceStart(text);
      boolean variables = pattern.template().hasVariables();
      int depth = 0;
      for (int i = text.length() - 1; i > resourceStart && resourceStart > 0; i--) {
        char c = text.charAt(i);
        if (c == '}') {
          depth++;
        } else if (c == '{' && i > 0 && text.charAt(i - 1) == '$' && depth > 0) {
          depth--;
        } else if (c == ':' && depth == 0) {
          String cut = text.substring(0, i);
          try {
            Template template = variables ? Template.parse(cut) : Template.withoutVariables(cut);
            out.addAll(
                catalog.matchingResourceTypes(
                    new ResourcePattern(cut, template, pattern.location())));
          } catch (PolicyParseException e) {
            break; // a cut that is not a well-formed pattern: no more cuts
          }
        }
      }
      cached = Set.copyOf(out);
      resourceMatches.putIfAbsent(key, cached);
    }
    return cached;
  }

  /** The index after the fifth colon of an ARN, or 0 if there is none. */
  private static int resourceStart(String arn) {
    int colons = 0;
    for (int i = 0; i < arn.length(); i++) {
      if (arn.charAt(i) == ':' && ++colons == 5) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The resource types of an action, resolved in its service. */
  List<ResourceType> resourceTypes(ActionInfo action) {
    String key = action.fullName();
    List<ResourceType> cached = actionTypes.get(key);
    if (cached == null) {
      List<ResourceType> out = new ArrayList<>();
      for (ActionResource resource : action.resourceTypes()) {
        catalog.resourceType(action.service(), resource.name()).ifPresent(out::add);
      }
      cached = List.copyOf(out);
      actionTypes.putIfAbsent(key, cached);
    }
    return cached;
  }

  /**
   * The resource types whose ARN has service part {@code arnService} (lower case), each with the
   * literal start of its resource part ({@code role/} for IAM roles, empty for S3 buckets); empty
   * if the catalog knows no ARN of that service.
   */
  List<TypePrefix> typesOfArnService(String arnService) {
    Map<String, List<TypePrefix>> index = arnServices;
    if (index == null) {
      synchronized (this) {
        index = arnServices;
        if (index == null) {
          index = indexArnServices();
          arnServices = index;
        }
      }
    }
    return index.getOrDefault(arnService, List.of());
  }

  /** Every resource type by the service part of its ARN formats, read from every service once. */
  private Map<String, List<TypePrefix>> indexArnServices() {
    Map<String, List<TypePrefix>> out = new HashMap<>();
    for (Service service : catalog.services()) {
      for (ResourceType type : service.resourceTypes()) {
        for (String format : type.arnFormats()) {
          String[] fields = format.split(":", 6);
          if (fields.length == 6 && !fields[2].contains("${")) {
            String resource = fields[5];
            int placeholder = resource.indexOf("${");
            out.computeIfAbsent(fields[2], k -> new ArrayList<>())
                .add(
                    new TypePrefix(
                        type, placeholder < 0 ? resource : resource.substring(0, placeholder)));
          }
        }
      }
    }
    Map<String, List<TypePrefix>> copy = new HashMap<>();
    out.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Map.copyOf(copy);
  }

  /**
   * Whether a resource type's ARN formats have a placeholder for the service part, such as Backup's
   * {@code recoveryPoint} ({@code arn:${Partition}:${Vendor}:...}); such a type can have almost any
   * ARN, so nothing is concluded from its formats.
   */
  static boolean hasVariableService(ResourceType type) {
    for (String format : type.arnFormats()) {
      String[] fields = format.split(":", 4);
      if (fields.length < 3 || fields[2].contains("${")) {
        return true;
      }
    }
    return false;
  }

  /** A set of catalog entries compared by identity: the catalog hands out one instance each. */
  static Set<ActionInfo> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /**
   * The lower-case prefixes of every condition key the catalog lists ({@code aws}, {@code s3},
   * {@code saml}, {@code accounts.google.com}, ...), read from every service on first use.
   */
  Set<String> keyPrefixes() {
    Set<String> prefixes = keyPrefixes;
    if (prefixes == null) {
      Set<String> out = new HashSet<>();
      for (ConditionKeyInfo key : catalog.globalConditionKeys()) {
        out.add(prefixOf(key.name()));
      }
      for (Service service : catalog.services()) {
        out.add(service.prefix().toLowerCase(Locale.ROOT));
        for (ConditionKeyInfo key : service.conditionKeys()) {
          out.add(prefixOf(key.name()));
        }
      }
      prefixes = Set.copyOf(out);
      keyPrefixes = prefixes;
    }
    return prefixes;
  }

  /** The lower-case text before the first colon of a condition key. */
  static String prefixOf(String key) {
    int colon = key.indexOf(':');
    return (colon < 0 ? key : key.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  /**
   * The catalog's entry for a condition key, if it knows the key. A few services' tag keys are
   * written in the Service Authorization Reference with a literal {@code tag-key} or nothing after
   * the slash ({@code secretsmanager:ResourceTag/tag-key}, {@code sagemaker:ResourceTag/}), which
   * the catalog does not treat as a placeholder; {@code secretsmanager:ResourceTag/team} finds
   * those entries here.
   */
  Optional<ConditionKeyInfo> key(String name) {
    Optional<ConditionKeyInfo> found = catalog.conditionKey(name);
    int slash = name.indexOf('/');
    if (found.isPresent() || slash < 0) {
      return found;
    }
    String stem = name.substring(0, slash + 1);
    for (String placeholder : TAG_PLACEHOLDERS) {
      Optional<ConditionKeyInfo> tag = catalog.conditionKey(stem + placeholder);
      if (tag.isPresent() && tag.get().name().equalsIgnoreCase(stem + placeholder)) {
        return tag;
      }
    }
    return Optional.empty();
  }

  /** How the reference writes the tag-name part of some tag keys, literally. */
  private static final List<String> TAG_PLACEHOLDERS = List.of("tag-key", "");

  /**
   * Whether {@code action} supports the condition key {@code key} (a catalog name such as {@code
   * s3:prefix} or {@code aws:ResourceTag/${TagKey}}): the action lists it, for itself or one of its
   * resource types, or the resource type's own table lists it.
   */
  boolean supports(ActionInfo action, ConditionKeyInfo key) {
    String name = key.name();
    for (String listed : action.conditionKeys()) {
      if (listed.equalsIgnoreCase(name)) {
        return true;
      }
    }
    for (ActionResource resource : action.resourceTypes()) {
      for (String listed : resource.conditionKeys()) {
        if (listed.equalsIgnoreCase(name)) {
          return true;
        }
      }
    }
    for (ResourceType type : resourceTypes(action)) {
      for (String listed : type.conditionKeys()) {
        if (listed.equalsIgnoreCase(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether any action of {@code service} supports {@code key}, or its page lists the key. */
  boolean serviceSupports(Service service, ConditionKeyInfo key) {
    for (ConditionKeyInfo listed : service.conditionKeys()) {
      if (listed.name().equalsIgnoreCase(key.name())) {
        return true;
      }
    }
    return false;
  }
}
