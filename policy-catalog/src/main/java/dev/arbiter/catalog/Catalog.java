package dev.arbiter.catalog;

import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.ConditionKey;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Template;
import dev.arbiter.policy.internal.Spelling;
import dev.arbiter.policy.value.Glob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The AWS service catalog: services, actions, resource types and condition keys of the Service
 * Authorization Reference, and the global condition keys.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.get();
 * catalog.action("s3:getobject").map(ActionInfo::accessLevel);      // Optional[READ]
 * catalog.expand("iam:Pass*");                                     // [iam:PassRole]
 * catalog.matchingResourceTypes("arn:aws:s3:::bucket/key");        // [s3:object, ...]
 * catalog.conditionKey("aws:ResourceTag/team").map(ConditionKeyInfo::type); // Optional[STRING]
 * }</pre>
 *
 * <p>Names of services, actions and condition keys are matched ignoring case, as IAM matches them;
 * ARNs are matched case-sensitively, as IAM matches them. The catalog is immutable and safe to
 * share between threads. It is a snapshot: {@link #source()} says of what and when, and an action
 * AWS added later is not in it.
 */
public final class Catalog {
  private static final String RESOURCE = "/dev/arbiter/catalog/iam-catalog.json.gz";

  private final CatalogSource source;
  private final List<Service> services;
  private final Map<String, Service> servicesByPrefix;
  private final List<ConditionKeyInfo> globalKeys;
  private final Map<String, ConditionKeyInfo> globalKeysByName;
  private final List<ConditionKeyInfo> variableGlobalKeys;
  private final Map<String, List<String>> keyPrefixes;
  private final Map<String, List<String>> variableKeyPrefixes;
  private final Set<String> rcpServices;
  private final ArnIndex arnIndex;
  private volatile @Nullable AllActions allActions;

  /** Every action and its lower-case full name, built when first needed. */
  private record AllActions(List<ActionInfo> actions, List<String> lowerCaseFullNames) {}

  private static final class Bundled {
    static final Catalog INSTANCE = load();

    private static Catalog load() {
      try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the service catalog " + RESOURCE + " is not bundled");
        }
        return CatalogReader.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the service catalog " + RESOURCE, e);
      }
    }
  }

  /**
   * Assembles a catalog.
   *
   * @param keyPrefixes for each lower-case condition-key prefix other than {@code aws}, the
   *     services whose pages list keys with it, the service of that prefix first
   */
  Catalog(
      CatalogSource source,
      List<Service> services,
      List<ConditionKeyInfo> globalKeys,
      Set<String> rcpServices,
      Map<String, List<String>> keyPrefixes,
      ArnIndex arnIndex) {
    this.source = source;
    this.services = List.copyOf(services);
    this.globalKeys = List.copyOf(globalKeys);
    this.rcpServices = Set.copyOf(rcpServices);
    this.keyPrefixes = Map.copyOf(keyPrefixes);
    this.arnIndex = arnIndex;
    Map<String, Service> byPrefix = new HashMap<>();
    for (Service service : services) {
      byPrefix.put(service.prefix().toLowerCase(Locale.ROOT), service);
    }
    this.servicesByPrefix = byPrefix;
    Map<String, List<String>> variablePrefixes = new LinkedHashMap<>();
    keyPrefixes.forEach(
        (prefix, owners) -> {
          if (KeyPattern.hasPlaceholder(prefix)) {
            variablePrefixes.put(prefix, owners);
          }
        });
    this.variableKeyPrefixes = variablePrefixes;
    Map<String, ConditionKeyInfo> globalsByName = new HashMap<>();
    List<ConditionKeyInfo> variableGlobals = new ArrayList<>();
    for (ConditionKeyInfo key : globalKeys) {
      globalsByName.put(key.name().toLowerCase(Locale.ROOT), key);
      if (key.hasVariablePart()) {
        variableGlobals.add(key);
      }
    }
    this.globalKeysByName = globalsByName;
    this.variableGlobalKeys = List.copyOf(variableGlobals);
  }

  private static int colon(String key) {
    int colon = key.indexOf(':');
    return colon < 0 ? 0 : colon;
  }

  private AllActions allActions() {
    AllActions all = allActions;
    if (all == null) {
      synchronized (this) {
        all = allActions;
        if (all == null) {
          List<ActionInfo> actions = new ArrayList<>();
          List<String> names = new ArrayList<>();
          for (Service service : services) {
            actions.addAll(service.actions());
            names.addAll(service.details().lowerCaseFullNames());
          }
          all = new AllActions(List.copyOf(actions), List.copyOf(names));
          allActions = all;
        }
      }
    }
    return all;
  }

  /**
   * The catalog bundled with this library, read on first use. Only the list of services and the
   * global keys are read then; each service's actions, resource types and keys are read when first
   * needed.
   */
  public static Catalog get() {
    return Bundled.INSTANCE;
  }

  /** What the catalog was made from and when. */
  public CatalogSource source() {
    return source;
  }

  // ---- services and actions ----

  /** Every service, sorted by prefix. */
  public List<Service> services() {
    return services;
  }

  /** The service with this prefix, ignoring case. */
  public Optional<Service> service(String prefix) {
    return Optional.ofNullable(servicesByPrefix.get(prefix.toLowerCase(Locale.ROOT)));
  }

  /** Every action of every service, sorted by service prefix, then name. */
  public List<ActionInfo> actions() {
    return allActions().actions();
  }

  /**
   * The action named {@code service:Action}, ignoring case ({@code s3:getobject} finds {@code
   * s3:GetObject}). Wildcards are not expanded: see {@link #expand(String)}.
   */
  public Optional<ActionInfo> action(String action) {
    int colon = action.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return service(action.substring(0, colon))
        .flatMap(service -> service.action(action.substring(colon + 1)));
  }

  /**
   * The actions of a service with an access level, sorted by name; empty for an unknown service.
   */
  public List<ActionInfo> actions(String prefix, AccessLevel level) {
    return service(prefix).map(service -> service.actions(level)).orElse(List.of());
  }

  /**
   * The actions an {@code Action} pattern covers, as IAM matches it: the whole {@code
   * service:Action} text, ignoring case, where {@code *} matches any run of characters and {@code
   * ?} exactly one. {@code *} alone is every action; {@code s3:Get*} is S3's actions that start
   * with {@code Get}. The result is in the order of {@link #actions()}; it is empty for a pattern
   * that covers no action the catalog knows.
   */
  public List<ActionInfo> expand(String pattern) {
    if (pattern.equals("*")) {
      return actions();
    }
    if (!Glob.hasWildcard(pattern)) {
      return action(pattern).map(List::of).orElse(List.of());
    }
    String lower = pattern.toLowerCase(Locale.ROOT);
    int colon = lower.indexOf(':');
    List<ActionInfo> candidates;
    List<String> names;
    if (colon > 0 && !Glob.hasWildcard(lower.substring(0, colon))) {
      Optional<Service> service = service(lower.substring(0, colon));
      if (service.isEmpty()) {
        return List.of();
      }
      candidates = service.get().actions();
      names = service.get().details().lowerCaseFullNames();
    } else {
      AllActions all = allActions();
      candidates = all.actions();
      names = all.lowerCaseFullNames();
    }
    Glob glob = Glob.of(lower);
    List<ActionInfo> out = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (glob.matches(names.get(i))) {
        out.add(candidates.get(i));
      }
    }
    return List.copyOf(out);
  }

  /** The actions a policy's action pattern covers; see {@link #expand(String)}. */
  public List<ActionInfo> expand(ActionPattern pattern) {
    return expand(pattern.text());
  }

  // ---- resource types ----

  /** The resource type of a service by name, ignoring case ({@code s3}, {@code object}). */
  public Optional<ResourceType> resourceType(String service, String name) {
    return service(service).flatMap(s -> s.resourceType(name));
  }

  /**
   * The resource types an ARN, or an ARN pattern with {@code *} and {@code ?} wildcards, can name:
   * those with an ARN format that a concrete ARN fits, or that at least one ARN covered by the
   * pattern fits. {@code arn:aws:s3:::bucket} is a bucket, {@code arn:aws:s3:::bucket/key} an
   * object, {@code arn:aws:s3:::*} either. Matching is case-sensitive; {@code ${...}} is literal
   * text here (pass a {@link ResourcePattern} for policy variables). Text that does not start with
   * {@code arn:}, such as {@code *}, names no resource type.
   *
   * <p>The search covers every service's resource types with that ARN service: an S3 ARN is S3's
   * {@code bucket} and also SSM's {@code bucket}, which has the same format. Types of the service
   * named in the ARN come first, then the others in catalog order. A format whose service part is
   * itself a placeholder (Backup's {@code recoveryPoint}, {@code arn:${Partition}:${Vendor}:...})
   * fits almost any ARN; it is searched only when the ARN's service part has a wildcard, and
   * otherwise found through {@link Service#matchingResourceTypes(String)}.
   *
   * <p>A {@code ${Placeholder}} of a format matches a non-empty run of characters; in the resource
   * part it does not span {@code :} unless it ends the format, and does not span {@code /} if a
   * {@code /} follows it; a placeholder that ends the format spans anything except a character with
   * which another format continues after the same prefix ({@code ${BucketName}} is not followed by
   * {@code /...}, which is the object format; {@code function:${FunctionName}} is not followed by
   * {@code :...}, which are Lambda's alias and version formats).
   */
  public List<ResourceType> matchingResourceTypes(String arn) {
    if (!arn.startsWith("arn:")) {
      return List.of();
    }
    return matching(ResourceType.template(arn));
  }

  /**
   * The resource types a policy's Resource pattern can cover; see {@link
   * #matchingResourceTypes(String)}. A policy variable may stand for any text.
   */
  public List<ResourceType> matchingResourceTypes(ResourcePattern pattern) {
    if (!pattern.text().startsWith("arn:")) {
      return List.of();
    }
    return matching(pattern.template());
  }

  private List<ResourceType> matching(Template pattern) {
    return ResourceType.matching(arnIndex.candidates(ArnIndex.serviceOf(pattern)), pattern);
  }

  // ---- condition keys ----

  /**
   * The condition key that {@code key} names, ignoring case: a global key ({@code aws:SourceIp}), a
   * service's key ({@code s3:prefix}, {@code saml:aud}, which STS's page lists), or an instance of
   * a key with a variable part ({@code aws:ResourceTag/team} is {@code aws:ResourceTag/${TagKey}};
   * {@code s3:ExistingObjectTag/team} is {@code s3:ExistingObjectTag/<key>}).
   *
   * <p>Empty means the Service Authorization Reference does not list the key, which is not proof
   * that it does not exist: the reference omits some identity-provider keys that AWS documents
   * elsewhere, such as {@code token.actions.githubusercontent.com:sub} and {@code :aud} of GitHub's
   * OIDC provider.
   */
  public Optional<ConditionKeyInfo> conditionKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    ConditionKeyInfo global = globalKeysByName.get(lower);
    if (global != null) {
      return Optional.of(global);
    }
    for (ConditionKeyInfo variable : variableGlobalKeys) {
      if (variable.matches(key)) {
        return Optional.of(variable);
      }
    }
    for (Service service : servicesListingKeysOf(lower.substring(0, colon(lower)))) {
      Optional<ConditionKeyInfo> found = service.conditionKey(key);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * The services whose pages list keys with this lower-case prefix: {@code s3} for {@code s3},
   * {@code sts} for {@code saml} and for {@code token.actions.mycorp.ghe.com} (listed as {@code
   * token.actions.${Domain}.ghe.com}).
   */
  private List<Service> servicesListingKeysOf(String keyPrefix) {
    List<String> prefixes = keyPrefixes.get(keyPrefix);
    if (prefixes == null) {
      for (Map.Entry<String, List<String>> entry : variableKeyPrefixes.entrySet()) {
        if (KeyPattern.matches(entry.getKey(), keyPrefix)) {
          prefixes = entry.getValue();
          break;
        }
      }
    }
    if (prefixes == null) {
      return List.of();
    }
    List<Service> out = new ArrayList<>(prefixes.size());
    for (String prefix : prefixes) {
      service(prefix).ifPresent(out::add);
    }
    return out;
  }

  /** The condition key a policy's key names; see {@link #conditionKey(String)}. */
  public Optional<ConditionKeyInfo> conditionKey(ConditionKey key) {
    return conditionKey(key.name());
  }

  /**
   * The global condition keys, in the order of the global condition keys page: the {@code aws:}
   * keys and a few cross-service keys that page lists ({@code ec2:SourceInstanceArn}, ...).
   */
  public List<ConditionKeyInfo> globalConditionKeys() {
    return globalKeys;
  }

  // ---- policy types ----

  /**
   * Whether resource control policies (RCPs) can restrict the service with this prefix; an RCP
   * statement naming other services has no effect on them.
   */
  public boolean isRcpSupported(String prefix) {
    return rcpServices.contains(prefix.toLowerCase(Locale.ROOT));
  }

  // ---- did you mean ----

  /** A known service prefix close to an unknown one ({@code s4} -> {@code s3}), if any. */
  public Optional<String> suggestService(String prefix) {
    if (service(prefix).isPresent()) {
      return Optional.empty();
    }
    List<String> prefixes = new ArrayList<>(services.size());
    for (Service service : services) {
      prefixes.add(service.prefix());
    }
    return Spelling.closest(prefix, prefixes);
  }

  /**
   * A known action close to an unknown {@code service:Action} ({@code s3:GetObjekt} -> {@code
   * s3:GetObject}); empty if the action exists or nothing is close. A misspelt prefix is corrected
   * first.
   */
  public Optional<String> suggestAction(String action) {
    int colon = action.indexOf(':');
    if (colon < 0 || action(action).isPresent()) {
      return Optional.empty();
    }
    String prefix = action.substring(0, colon);
    String name = action.substring(colon + 1);
    Optional<Service> service =
        service(prefix).or(() -> suggestService(prefix).flatMap(this::service));
    if (service.isEmpty()) {
      return Optional.empty();
    }
    Service found = service.get();
    Optional<String> exact = found.action(name).map(ActionInfo::name);
    if (exact.isPresent()) {
      return Optional.of(found.prefix() + ':' + exact.get());
    }
    List<String> names = new ArrayList<>(found.actions().size());
    for (ActionInfo candidate : found.actions()) {
      names.add(candidate.name());
    }
    return Spelling.closest(name, names).map(closest -> found.prefix() + ':' + closest);
  }

  /**
   * A known condition key close to an unknown one ({@code aws:SourceIP4} -> {@code aws:SourceIp},
   * {@code aws:ResourceTags/team} -> {@code aws:ResourceTag/team}); empty if the key exists or
   * nothing is close.
   */
  public Optional<String> suggestConditionKey(String key) {
    if (conditionKey(key).isPresent()) {
      return Optional.empty();
    }
    List<String> candidates = new ArrayList<>();
    String prefix = key.substring(0, colon(key));
    Optional<Service> owner = service(prefix);
    if (prefix.equalsIgnoreCase("aws")) {
      globalKeys.forEach(k -> candidates.add(k.name()));
    } else if (owner.isPresent()) {
      owner.get().conditionKeys().forEach(k -> candidates.add(k.name()));
    } else {
      Set<String> all = new LinkedHashSet<>();
      globalKeys.forEach(k -> all.add(k.name()));
      for (Service service : services) {
        service.conditionKeys().forEach(k -> all.add(k.name()));
      }
      candidates.addAll(all);
    }
    int slash = key.indexOf('/');
    if (slash > 0) {
      // A tag-style key: correct the part before the slash and keep the tag key as written.
      List<String> stems = new ArrayList<>();
      for (String candidate : candidates) {
        int candidateSlash = candidate.indexOf('/');
        if (candidateSlash > 0 && KeyPattern.hasPlaceholder(candidate.substring(candidateSlash))) {
          stems.add(candidate.substring(0, candidateSlash));
        }
      }
      Optional<String> stem = Spelling.closest(key.substring(0, slash), stems);
      if (stem.isPresent()) {
        return stem.map(s -> s + key.substring(slash));
      }
    }
    return Spelling.closest(key, candidates);
  }

  @Override
  public String toString() {
    return "Catalog[" + source.summary() + "]";
  }
}
