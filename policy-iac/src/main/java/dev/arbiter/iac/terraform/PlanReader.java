package dev.arbiter.iac.terraform;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.iac.S3PublicAccessBlock;
import dev.arbiter.iac.Templates;
import dev.arbiter.iac.internal.LambdaPermissions;
import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReadException;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.PolicyReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Finds the policy documents of one plan. See {@link TerraformPlans} for what is read; the comments
 * here say how.
 */
final class PlanReader {
  private final PlanText text;
  private final Json.Obj root;
  private final Placeholders placeholders;

  /** The configuration's resources by {@link #configKey}; empty if the plan has none. */
  private final Map<String, Json.Obj> configuration = new HashMap<>();

  private final boolean hasConfiguration;

  /** For each data source (by {@link #configKey}), the attributes configured from it. */
  private final Map<String, List<Consumer>> consumers = new LinkedHashMap<>();

  /** Addresses already read, so that each instance is read from its most complete source. */
  private final Set<String> seen = new HashSet<>();

  private final List<Instance> instances = new ArrayList<>();

  private final List<Templates.Problem> problems = new ArrayList<>();

  /** What a value unknown at plan time reads as in a synthesized Lambda statement. */
  static final String UNKNOWN = "(known after apply)";

  /** An attribute of a configured resource that takes its value from a data source. */
  private record Consumer(String resourceKey, String attribute, ResourceTable.Attribute spec) {}

  /**
   * One resource instance as the plan says it will be.
   *
   * @param modules the module call names from the root, without instance keys
   * @param values the attribute values ({@code change.after}, or {@code values})
   * @param unknown {@code change.after_unknown}, or null where the plan gives none
   */
  private record Instance(
      String address,
      String mode,
      String type,
      String name,
      List<String> modules,
      Json.Obj values,
      JsonPointer valuesPointer,
      Json.@Nullable Obj unknown,
      JsonPointer unknownPointer) {

    String configKey() {
      return PlanReader.configKey(modules, mode, type, name);
    }
  }

  /** A document found, with where it came from, kept until data sources are decided. */
  private record Found(
      EmbeddedPolicy policy, @Nullable String resourceKey, @Nullable String attribute) {
    boolean known() {
      return !policy.unknowns().contains(JsonPointer.ROOT);
    }
  }

  PlanReader(PlanText text, Json.Obj root, Placeholders placeholders) {
    this.text = text;
    this.root = root;
    this.placeholders = placeholders;
    Optional<Json> config = root.get("configuration").flatMap(c -> object(c).get("root_module"));
    hasConfiguration = config.isPresent();
    config.ifPresent(c -> configuration(object(c), List.of()));
  }

  List<EmbeddedPolicy> read() {
    collect();
    Map<String, List<EmbeddedPolicy>> lambda = lambdaPolicies();
    List<Found> found = new ArrayList<>();
    List<Instance> dataSources = new ArrayList<>();
    for (Instance instance : instances) {
      if (instance.mode().equals("data")) {
        if (instance.type().equals(ResourceTable.POLICY_DOCUMENT)) {
          dataSources.add(instance);
        }
      } else if (instance.type().equals(ResourceTable.LAMBDA_PERMISSION)) {
        for (EmbeddedPolicy policy : lambda.getOrDefault(instance.address(), List.of())) {
          found.add(new Found(policy, null, null));
        }
      } else if (instance.type().equals(ResourceTable.ORGANIZATIONS_POLICY)) {
        Optional<ResourceTable.Attribute> content = organizationsContent(instance);
        content.ifPresent(spec -> attribute(instance, spec, found));
      } else {
        for (ResourceTable.Attribute spec : ResourceTable.attributes(instance.type())) {
          attribute(instance, spec, found);
        }
      }
    }
    List<EmbeddedPolicy> out = new ArrayList<>();
    for (Found f : found) {
      out.add(f.policy());
    }
    for (Instance data : dataSources) {
      dataSource(data, found).ifPresent(out::add);
    }
    return blockPublicAccess(out);
  }

  // ---- S3 Block Public Access ----

  /** The account-wide settings resource; it has no bucket. */
  static final String ACCOUNT_BLOCK = "aws_s3_account_public_access_block";

  /** A bucket's settings resource, tied to the bucket by its {@code bucket} attribute. */
  static final String BUCKET_BLOCK = "aws_s3_bucket_public_access_block";

  /**
   * Gives each S3 bucket policy the Block Public Access settings the plan sets: those of every
   * {@code aws_s3_account_public_access_block} (the plan is taken to be one account's), and those
   * of each {@code aws_s3_bucket_public_access_block} on the same bucket: both {@code bucket}
   * values known and equal, or both configured from the same {@code aws_s3_bucket} ({@link
   * #sameBucket}). A setting unknown at plan time reads as off.
   */
  private List<EmbeddedPolicy> blockPublicAccess(List<EmbeddedPolicy> policies) {
    S3PublicAccessBlock account = S3PublicAccessBlock.NONE;
    List<Instance> blocks = new ArrayList<>();
    Map<String, Instance> byAddress = new HashMap<>();
    for (Instance instance : instances) {
      if (!instance.mode().equals("managed")) {
        continue;
      }
      byAddress.putIfAbsent(instance.address(), instance);
      if (instance.type().equals(ACCOUNT_BLOCK)) {
        account = account.and(settings(instance, instance.address() + " (account)"));
      } else if (instance.type().equals(BUCKET_BLOCK)) {
        blocks.add(instance);
      }
    }
    if (!account.any() && blocks.isEmpty()) {
      return policies;
    }
    List<EmbeddedPolicy> out = new ArrayList<>();
    for (EmbeddedPolicy policy : policies) {
      Instance holder = byAddress.get(policy.resource());
      if (holder == null
          || !policy.attachedTo().equals(Optional.of(PolicyResourceType.S3_BUCKET))
          || !(holder.type().equals("aws_s3_bucket_policy")
              || holder.type().equals("aws_s3_bucket"))) {
        out.add(policy);
        continue;
      }
      S3PublicAccessBlock settings = account;
      for (Instance block : blocks) {
        if (sameBucket(holder, block)) {
          settings = settings.and(settings(block, block.address()));
        }
      }
      out.add(settings.any() ? policy.withS3PublicAccessBlock(settings) : policy);
    }
    return out;
  }

  private static S3PublicAccessBlock settings(Instance instance, String label) {
    boolean block = knownTrue(instance, "block_public_policy");
    boolean restrict = knownTrue(instance, "restrict_public_buckets");
    return new S3PublicAccessBlock(block, restrict, block || restrict ? List.of(label) : List.of());
  }

  private static boolean knownTrue(Instance instance, String name) {
    return !isUnknown(instance.unknown(), name)
        && instance.values().get(name).orElse(null) instanceof Json.Bool b
        && b.value();
  }

  /**
   * Whether settings resource {@code block} is on the bucket of {@code holder} (a bucket policy
   * resource, or a bucket with a legacy {@code policy}): their bucket names are known and equal, or
   * both sit in the same module instance, are not themselves instances of a {@code count} or {@code
   * for_each}, and the configuration sets their {@code bucket} from the same {@code aws_s3_bucket}
   * (only references to it).
   */
  private boolean sameBucket(Instance holder, Instance block) {
    String holderName = knownString(holder, "bucket");
    String blockName = knownString(block, "bucket");
    if (holderName != null && blockName != null) {
      return holderName.equals(blockName);
    }
    String holderModule = moduleOf(holder);
    String blockModule = moduleOf(block);
    if (holderModule == null || !holderModule.equals(blockModule)) {
      return false;
    }
    Set<String> blockRefs = bucketReferences(block);
    if (blockRefs.isEmpty()) {
      return false;
    }
    if (holder.type().equals("aws_s3_bucket")) {
      String self = "aws_s3_bucket." + holder.name();
      return blockRefs.stream()
          .allMatch(r -> r.equals(self) || r.equals(self + ".id") || r.equals(self + ".bucket"));
    }
    return blockRefs.equals(bucketReferences(holder));
  }

  /**
   * The references of the configured {@code bucket} expression of {@code instance}, when they are
   * all to an {@code aws_s3_bucket}; else empty.
   */
  private Set<String> bucketReferences(Instance instance) {
    Json.Obj resource = configuration.get(instance.configKey());
    if (resource == null) {
      return Set.of();
    }
    Json.Obj expression =
        object(object(resource.get("expressions").orElse(null)).get("bucket").orElse(null));
    Set<String> refs = new HashSet<>();
    for (Json reference : array(expression.get("references").orElse(null)).elements()) {
      String ref = reference.scalarText().orElse("");
      if (!ref.startsWith("aws_s3_bucket.")) {
        return Set.of(); // also a variable, a local, count.index, each.key: not one bucket
      }
      refs.add(ref);
    }
    return refs;
  }

  /**
   * The module instance part of {@code instance}'s address ({@code module.a["x"].}, or "" at the
   * root), or null when the resource itself is an instance of a {@code count} or {@code for_each}.
   */
  private static @Nullable String moduleOf(Instance instance) {
    String own = instance.type() + "." + instance.name();
    String address = instance.address();
    if (!address.endsWith(own)) {
      return null;
    }
    return address.substring(0, address.length() - own.length());
  }

  /**
   * The policies of the plan's Lambda functions, by the address of the first permission of each:
   * the permissions on one function and qualifier are the statements of one policy, as Lambda keeps
   * them; a permission whose function is unknown at plan time is a policy of its own.
   */
  private Map<String, List<EmbeddedPolicy>> lambdaPolicies() {
    List<LambdaPermissions.Statement> statements = new ArrayList<>();
    for (Instance instance : instances) {
      if (!instance.mode().equals("data")
          && instance.type().equals(ResourceTable.LAMBDA_PERMISSION)) {
        statements.add(LambdaPermissions.statement(permission(instance), placeholders));
      }
    }
    Map<String, List<EmbeddedPolicy>> out = new HashMap<>();
    for (List<LambdaPermissions.Statement> group : LambdaPermissions.byTarget(statements)) {
      EmbeddedPolicy policy = LambdaPermissions.policy(group, List.of());
      out.computeIfAbsent(policy.resource(), k -> new ArrayList<>()).add(policy);
    }
    return out;
  }

  /** What an {@code aws_lambda_permission} sets, with unknown values as {@link #UNKNOWN}. */
  private static LambdaPermissions.Permission permission(Instance instance) {
    Map<LambdaPermissions.Property, LambdaPermissions.Field> fields =
        new EnumMap<>(LambdaPermissions.Property.class);
    field(fields, LambdaPermissions.Property.STATEMENT_ID, instance, "statement_id");
    field(fields, LambdaPermissions.Property.PRINCIPAL, instance, "principal");
    field(fields, LambdaPermissions.Property.ACTION, instance, "action");
    field(fields, LambdaPermissions.Property.TARGET, instance, "function_name");
    field(fields, LambdaPermissions.Property.QUALIFIER, instance, "qualifier");
    field(fields, LambdaPermissions.Property.SOURCE_ACCOUNT, instance, "source_account");
    field(fields, LambdaPermissions.Property.PRINCIPAL_ORG_ID, instance, "principal_org_id");
    field(
        fields,
        LambdaPermissions.Property.FUNCTION_URL_AUTH_TYPE,
        instance,
        "function_url_auth_type");
    field(fields, LambdaPermissions.Property.EVENT_SOURCE_TOKEN, instance, "event_source_token");
    field(fields, LambdaPermissions.Property.SOURCE_ARN, instance, "source_arn");
    return new LambdaPermissions.Permission(
        instance.address(),
        instance.type(),
        false,
        instance.valuesPointer(),
        instance.values().position(),
        fields);
  }

  private static void field(
      Map<LambdaPermissions.Property, LambdaPermissions.Field> fields,
      LambdaPermissions.Property property,
      Instance instance,
      String name) {
    JsonPointer origin = instance.valuesPointer().child(name);
    if (isUnknown(instance.unknown(), name)) {
      fields.put(
          property,
          new LambdaPermissions.Field(
              new Json.Str(UNKNOWN, unknownPosition(instance.unknown(), name)), origin, true));
    } else if (instance.values().get(name).orElse(null) instanceof Json.Str value) {
      fields.put(property, new LambdaPermissions.Field(value, origin, false));
    }
  }

  // ---- collecting instances ----

  private void collect() {
    Json.Arr changes = array(root.get("resource_changes").orElse(null));
    for (int i = 0; i < changes.elements().size(); i++) {
      Json.Obj change = object(changes.elements().get(i));
      JsonPointer at = JsonPointer.ROOT.child("resource_changes").child(i);
      String address = string(change, "address");
      if (address == null || !seen.add(address)) {
        continue;
      }
      Json.Obj detail = object(change.get("change").orElse(null));
      Json after = detail.get("after").orElse(null);
      if (!(after instanceof Json.Obj values)) {
        continue; // deleted (or forgotten): the plan leaves no policy behind
      }
      Json unknown = detail.get("after_unknown").orElse(null);
      instances.add(
          new Instance(
              address,
              orEmpty(string(change, "mode")),
              orEmpty(string(change, "type")),
              orEmpty(string(change, "name")),
              modules(orEmpty(string(change, "module_address"))),
              values,
              at.child("change").child("after"),
              unknown instanceof Json.Obj u ? u : null,
              at.child("change").child("after_unknown")));
    }
    module(root, "planned_values", JsonPointer.ROOT.child("planned_values"));
    root.get("prior_state")
        .ifPresent(
            prior ->
                module(
                    object(prior),
                    "values",
                    JsonPointer.ROOT.child("prior_state").child("values")));
    module(root, "values", JsonPointer.ROOT.child("values")); // terraform show -json of a state
  }

  /** Reads {@code holder.member.root_module} and its child modules. */
  private void module(Json.Obj holder, String member, JsonPointer at) {
    Json values = holder.get(member).orElse(null);
    if (values instanceof Json.Obj v && v.get("root_module").orElse(null) instanceof Json.Obj m) {
      moduleTree(m, at.child("root_module"));
    }
  }

  private void moduleTree(Json.Obj module, JsonPointer at) {
    List<String> modules = modules(orEmpty(string(module, "address")));
    Json.Arr resources = array(module.get("resources").orElse(null));
    for (int i = 0; i < resources.elements().size(); i++) {
      Json.Obj resource = object(resources.elements().get(i));
      String address = string(resource, "address");
      if (address == null
          || !(resource.get("values").orElse(null) instanceof Json.Obj values)
          || !seen.add(address)) {
        continue;
      }
      instances.add(
          new Instance(
              address,
              orEmpty(string(resource, "mode")),
              orEmpty(string(resource, "type")),
              orEmpty(string(resource, "name")),
              modules,
              values,
              at.child("resources").child(i).child("values"),
              null,
              JsonPointer.ROOT));
    }
    Json.Arr children = array(module.get("child_modules").orElse(null));
    for (int i = 0; i < children.elements().size(); i++) {
      moduleTree(object(children.elements().get(i)), at.child("child_modules").child(i));
    }
  }

  // ---- configuration ----

  private void configuration(Json.Obj module, List<String> modules) {
    Json.Arr resources = array(module.get("resources").orElse(null));
    for (Json element : resources.elements()) {
      Json.Obj resource = object(element);
      String key =
          configKey(
              modules,
              orEmpty(string(resource, "mode")),
              orEmpty(string(resource, "type")),
              orEmpty(string(resource, "name")));
      configuration.put(key, resource);
      consumers(key, modules, resource);
    }
    Json calls = module.get("module_calls").orElse(null);
    if (calls instanceof Json.Obj c) {
      for (Json.Member call : c.members()) {
        List<String> inner = new ArrayList<>(modules);
        inner.add(call.name());
        object(call.value()).get("module").ifPresent(m -> configuration(object(m), inner));
      }
    }
  }

  /** Notes which data sources a configured resource's policy attributes read. */
  private void consumers(String key, List<String> modules, Json.Obj resource) {
    if (!"managed".equals(string(resource, "mode"))) {
      return;
    }
    String type = orEmpty(string(resource, "type"));
    List<ResourceTable.Attribute> specs = new ArrayList<>(ResourceTable.attributes(type));
    Json.Obj expressions = object(resource.get("expressions").orElse(null));
    if (type.equals(ResourceTable.ORGANIZATIONS_POLICY)) {
      String kind =
          expressions
              .get("type")
              .flatMap(t -> object(t).get("constant_value"))
              .flatMap(Json::scalarText)
              .orElse("SERVICE_CONTROL_POLICY");
      ResourceTable.organizationsContent(kind).ifPresent(specs::add);
    }
    for (ResourceTable.Attribute spec : specs) {
      List<Json> expressionsOfAttribute = new ArrayList<>();
      Json expression = expressions.get(spec.name()).orElse(null);
      if (spec.nested() == null) {
        if (expression != null) {
          expressionsOfAttribute.add(expression);
        }
      } else {
        for (Json block : array(expression).elements()) {
          object(block).get(spec.nested()).ifPresent(expressionsOfAttribute::add);
        }
      }
      for (Json e : expressionsOfAttribute) {
        for (Json reference : array(object(e).get("references").orElse(null)).elements()) {
          String ref = reference.scalarText().orElse("");
          String prefix = "data." + ResourceTable.POLICY_DOCUMENT + ".";
          if (!ref.startsWith(prefix)) {
            continue;
          }
          String rest = ref.substring(prefix.length());
          int end = rest.length();
          for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == '.' || rest.charAt(i) == '[') {
              end = i;
              break;
            }
          }
          String dataKey =
              configKey(modules, "data", ResourceTable.POLICY_DOCUMENT, rest.substring(0, end));
          List<Consumer> list = consumers.computeIfAbsent(dataKey, k -> new ArrayList<>());
          Consumer consumer = new Consumer(key, spec.path(), spec);
          if (!list.contains(consumer)) {
            list.add(consumer);
          }
        }
      }
    }
  }

  /**
   * Whether the configuration sets {@code attribute} of the resource. An attribute that is unknown
   * but not configured is one the provider computes (a bucket's {@code policy} mirrors a separate
   * {@code aws_s3_bucket_policy}; a role's {@code inline_policy} lists what the role has): no
   * policy is written there. Without the configuration this cannot be told, so it counts as set.
   */
  private boolean configured(Instance instance, String attribute) {
    if (!hasConfiguration) {
      return true;
    }
    Json.Obj resource = configuration.get(instance.configKey());
    if (resource == null) {
      return true;
    }
    return object(resource.get("expressions").orElse(null)).member(attribute) != null;
  }

  // ---- attributes ----

  private Optional<ResourceTable.Attribute> organizationsContent(Instance instance) {
    if (isUnknown(instance.unknown(), "type")) {
      return Optional.empty(); // the kind decides how to read it; see TerraformPlans
    }
    Json kind = instance.values().get("type").orElse(null);
    return ResourceTable.organizationsContent(
        kind instanceof Json.Str s ? s.value() : "SERVICE_CONTROL_POLICY");
  }

  private void attribute(Instance instance, ResourceTable.Attribute spec, List<Found> found) {
    String nested = spec.nested();
    if (nested == null) {
      one(
          instance,
          spec,
          instance.values().get(spec.name()).orElse(null),
          instance.valuesPointer().child(spec.name()),
          isUnknown(instance.unknown(), spec.name()),
          unknownPosition(instance.unknown(), spec.name()),
          instance.unknownPointer().child(spec.name()),
          spec.path(),
          found);
      return;
    }
    Json blocksUnknown =
        instance.unknown() == null ? null : instance.unknown().get(spec.name()).orElse(null);
    if (blocksUnknown instanceof Json.Bool b && b.value()) {
      if (configured(instance, spec.name())) {
        found.add(unknown(instance, spec, instance.unknownPointer().child(spec.name()), b));
      }
      return;
    }
    Json blocks = instance.values().get(spec.name()).orElse(null);
    List<Json> elements = array(blocks).elements();
    List<Json> unknownElements = array(blocksUnknown).elements();
    for (int i = 0; i < elements.size(); i++) {
      Json.Obj block = object(elements.get(i));
      Json.Obj blockUnknown =
          i < unknownElements.size() ? object(unknownElements.get(i)) : object(null);
      one(
          instance,
          spec,
          block.get(nested).orElse(null),
          instance.valuesPointer().child(spec.name()).child(i).child(nested),
          isUnknown(blockUnknown, nested),
          unknownPosition(blockUnknown, nested),
          instance.unknownPointer().child(spec.name()).child(i).child(nested),
          spec.path(),
          found);
    }
  }

  private void one(
      Instance instance,
      ResourceTable.Attribute spec,
      @Nullable Json value,
      JsonPointer valuePointer,
      boolean unknown,
      SourcePosition unknownPosition,
      JsonPointer unknownPointer,
      String path,
      List<Found> found) {
    if (unknown) {
      if (configured(instance, spec.name())) {
        found.add(unknown(instance, spec, unknownPointer, new Json.Null(unknownPosition)));
      }
      return;
    }
    if (!(value instanceof Json.Str string) || string.value().isBlank()) {
      return; // not set: null, absent, or the empty string the provider keeps for "none"
    }
    Optional<Json> tree = policyTree(instance.address(), valuePointer, string);
    if (tree.isEmpty()) {
      return;
    }
    Json document = tree.get();
    EmbeddedPolicy policy =
        new EmbeddedPolicy(
            instance.address(),
            instance.type(),
            valuePointer,
            spec.type(),
            attachment(instance, spec),
            document,
            List.of(),
            Set.of());
    found.add(new Found(policy, instance.configKey(), path));
  }

  private Found unknown(
      Instance instance, ResourceTable.Attribute spec, JsonPointer pointer, Json at) {
    EmbeddedPolicy policy =
        new EmbeddedPolicy(
            instance.address(),
            instance.type(),
            pointer,
            spec.type(),
            attachment(instance, spec),
            new Json.Null(at.position()),
            List.of(),
            Set.of(JsonPointer.ROOT));
    return new Found(policy, instance.configKey(), spec.path());
  }

  private static Optional<PolicyResourceType> attachment(
      Instance instance, ResourceTable.Attribute spec) {
    return spec.attachment(knownString(instance, "bucket"), knownString(instance, "resource_arn"));
  }

  private static @Nullable String knownString(Instance instance, String name) {
    if (isUnknown(instance.unknown(), name)) {
      return null;
    }
    return instance.values().get(name).orElse(null) instanceof Json.Str s ? s.value() : null;
  }

  /**
   * The policy in {@code string} (at {@code pointer}), read as JSON, with positions in the plan; a
   * string that is not JSON is a problem of the resource {@code address}, at the place of the
   * syntax error.
   */
  private Optional<Json> policyTree(String address, JsonPointer pointer, Json.Str string) {
    UnaryOperator<SourcePosition> positions = text.positionsIn(string);
    Json tree;
    try {
      tree = JsonReader.read(string.value(), PolicyReader.LIMITS);
    } catch (JsonReadException e) {
      problems.add(
          new Templates.Problem(
              address,
              pointer,
              positions.apply(e.problem().position()),
              "the policy is not JSON: " + e.problem().message()));
      return Optional.empty();
    }
    return Optional.of(tree.relocated(positions));
  }

  /** The parts of the plan that could not be read, in plan order. */
  List<Templates.Problem> problems() {
    return List.copyOf(problems);
  }

  // ---- data sources ----

  /**
   * The document of an {@code aws_iam_policy_document} data source, unless the plan already gives
   * it where it is used: a resource attribute configured from it (known, or unknown when the data
   * source is unknown too), or any document found with the same content (a data source passed
   * through a module variable). Otherwise it is read as the kind of policy its first consumer
   * holds, or, with none, as the kind its content shows ({@link PolicyType#detect}).
   */
  private Optional<EmbeddedPolicy> dataSource(Instance data, List<Found> found) {
    List<Consumer> users = consumers.getOrDefault(data.configKey(), List.of());
    boolean unknown = isUnknown(data.unknown(), "json");
    Json document = null;
    if (!unknown) {
      if (!(data.values().get("json").orElse(null) instanceof Json.Str value)
          || value.value().isBlank()) {
        return Optional.empty();
      }
      Optional<Json> tree = policyTree(data.address(), data.valuesPointer().child("json"), value);
      if (tree.isEmpty()) {
        return Optional.empty();
      }
      document = tree.get();
    }
    for (Found f : found) {
      if (f.resourceKey() == null) {
        continue;
      }
      boolean reads = matching(users, f) != null;
      if (reads && (unknown || f.known())) {
        return Optional.empty();
      }
      if (document != null && f.known() && same(document, f.policy().document())) {
        return Optional.empty();
      }
    }
    PolicyType type;
    Optional<PolicyResourceType> attachedTo = Optional.empty();
    if (!users.isEmpty()) {
      ResourceTable.Attribute spec = users.get(0).spec();
      type = spec.type();
      attachedTo = spec.attachment(null, null);
    } else if (document != null) {
      type = detect(document);
    } else {
      type = PolicyType.IDENTITY;
    }
    if (unknown) {
      JsonPointer pointer = data.unknownPointer().child("json");
      return Optional.of(
          new EmbeddedPolicy(
              data.address(),
              data.type(),
              pointer,
              type,
              attachedTo,
              new Json.Null(unknownPosition(data.unknown(), "json")),
              List.of(),
              Set.of(JsonPointer.ROOT)));
    }
    return Optional.of(
        new EmbeddedPolicy(
            data.address(),
            data.type(),
            data.valuesPointer().child("json"),
            type,
            attachedTo,
            java.util.Objects.requireNonNull(document),
            List.of(),
            Set.of()));
  }

  private static @Nullable Consumer matching(List<Consumer> users, Found f) {
    for (Consumer c : users) {
      if (c.resourceKey().equals(f.resourceKey()) && c.attribute().equals(f.attribute())) {
        return c;
      }
    }
    return null;
  }

  private static PolicyType detect(Json document) {
    try {
      return PolicyType.detect(PolicyReader.read(document));
    } catch (PolicyParseException e) {
      return PolicyType.IDENTITY;
    }
  }

  /** Whether two trees hold the same JSON, member order aside. */
  static boolean same(Json a, Json b) {
    if (a instanceof Json.Obj x && b instanceof Json.Obj y) {
      if (x.members().size() != y.members().size()) {
        return false;
      }
      for (Json.Member member : x.members()) {
        Json.Member other = y.member(member.name());
        if (other == null || !same(member.value(), other.value())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Json.Arr x && b instanceof Json.Arr y) {
      if (x.elements().size() != y.elements().size()) {
        return false;
      }
      for (int i = 0; i < x.elements().size(); i++) {
        if (!same(x.elements().get(i), y.elements().get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.typeName().equals(b.typeName()) && a.scalarText().equals(b.scalarText());
  }

  // ---- small helpers ----

  static String configKey(List<String> modules, String mode, String type, String name) {
    return String.join("/", modules) + "|" + mode + "|" + type + "|" + name;
  }

  /**
   * The module call names in a module address such as {@code module.a["x"].module.b[0]}, instance
   * keys dropped: {@code [a, b]}.
   */
  static List<String> modules(String address) {
    List<String> names = new ArrayList<>();
    int i = 0;
    while (address.startsWith("module.", i)) {
      int start = i + "module.".length();
      int end = start;
      while (end < address.length() && address.charAt(end) != '.' && address.charAt(end) != '[') {
        end++;
      }
      names.add(address.substring(start, end));
      i = end;
      if (i < address.length() && address.charAt(i) == '[') {
        i = afterKey(address, i);
      }
      if (i < address.length() && address.charAt(i) == '.') {
        i++;
      }
    }
    return names;
  }

  /** The index just after the instance key that starts at {@code open} (a {@code [}). */
  private static int afterKey(String address, int open) {
    boolean quoted = false;
    for (int i = open + 1; i < address.length(); i++) {
      char c = address.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == ']') {
        return i + 1;
      }
    }
    return address.length();
  }

  private static boolean isUnknown(Json.@Nullable Obj unknown, String name) {
    return unknown != null && unknown.get(name).orElse(null) instanceof Json.Bool b && b.value();
  }

  private static SourcePosition unknownPosition(Json.@Nullable Obj unknown, String name) {
    return unknown == null
        ? SourcePosition.UNKNOWN
        : unknown.get(name).map(Json::position).orElse(SourcePosition.UNKNOWN);
  }

  static Json.Obj object(@Nullable Json json) {
    return json instanceof Json.Obj o ? o : new Json.Obj(List.of(), SourcePosition.UNKNOWN);
  }

  static Json.Arr array(@Nullable Json json) {
    return json instanceof Json.Arr a ? a : new Json.Arr(List.of(), SourcePosition.UNKNOWN);
  }

  static @Nullable String string(Json.Obj object, String name) {
    return object.get(name).orElse(null) instanceof Json.Str s ? s.value() : null;
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }
}
