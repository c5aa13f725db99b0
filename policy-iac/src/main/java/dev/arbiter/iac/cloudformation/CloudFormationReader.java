package dev.arbiter.iac.cloudformation;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.S3PublicAccessBlock;
import dev.arbiter.iac.TemplateException;
import dev.arbiter.iac.Templates;
import dev.arbiter.iac.internal.LambdaPermissions;
import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReadException;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.JsonWriter;
import dev.arbiter.policy.json.Limits;
import dev.arbiter.policy.json.PolicyReader;
import dev.arbiter.policy.json.Utf8;
import dev.arbiter.policy.json.YamlReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CloudFormation template (JSON or YAML) and finds its policies. Called by {@link
 * Templates}; not API.
 */
public final class CloudFormationReader {
  /** A template: 1 MB, and deep enough for any template CloudFormation accepts. */
  static final Limits LIMITS = new Limits(Templates.MAX_TEMPLATE_BYTES, 200);

  /** Undecided conditions enumerated per property; more are left unknown. */
  static final int MAX_BRANCH_CONDITIONS = 6;

  private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z0-9]+::[A-Za-z0-9]+(::.+)?");

  private CloudFormationReader() {}

  /**
   * The template's policies, or empty when the input is not a CloudFormation template.
   *
   * @param forced whether the user said the input is a template, so that anything else is an error
   * @throws TemplateException if it is (or is forced to be) a template that cannot be read
   */
  public static Optional<Templates.Template> read(
      byte[] bytes, boolean forced, Templates.Options options) {
    ShortForms tags = new ShortForms();
    Optional<Json> root = parse(bytes, forced, tags);
    if (root.isEmpty()) {
      return Optional.empty();
    }
    if (!(root.get() instanceof Json.Obj template) || !isTemplate(template)) {
      if (forced) {
        throw new TemplateException(
            JsonPointer.ROOT,
            root.get().position(),
            "not a CloudFormation template: no Resources object whose entries have a Type");
      }
      return Optional.empty();
    }
    String text = Utf8.decode(strip(bytes)); // decoded once more, only when it is a template
    return Optional.of(new CloudFormationReader.Extraction(template, options, tags, text).run());
  }

  private static byte[] strip(byte[] bytes) {
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      return java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
    }
    return bytes;
  }

  private static Optional<Json> parse(byte[] input, boolean forced, ShortForms tags) {
    byte[] bytes = strip(input);
    if (bytes.length > Templates.MAX_TEMPLATE_BYTES) {
      if (forced) {
        throw new TemplateException(
            JsonPointer.ROOT,
            new SourcePosition(1, 1),
            "the template is over CloudFormation's limit of "
                + Templates.MAX_TEMPLATE_BYTES
                + " bytes");
      }
      return Optional.empty();
    }
    if (Utf8.firstInvalid(bytes) >= 0) {
      if (forced) {
        throw new TemplateException(
            JsonPointer.ROOT, new SourcePosition(1, 1), "the template is not UTF-8 text");
      }
      return Optional.empty();
    }
    String text = Utf8.decode(bytes);
    String trimmed = text.stripLeading();
    try {
      if (trimmed.startsWith("{")) {
        return Optional.of(JsonReader.read(text, LIMITS));
      }
      return Optional.of(YamlReader.read(text, LIMITS, tags));
    } catch (JsonReadException e) {
      if (forced || mentionsTemplate(text)) {
        JsonReadException.Problem problem = e.problem();
        throw new TemplateException(problem.pointer(), problem.position(), problem.message());
      }
      return Optional.empty();
    } catch (TemplateException e) {
      if (forced || mentionsTemplate(text)) {
        throw e;
      }
      return Optional.empty();
    }
  }

  private static boolean mentionsTemplate(String text) {
    return text.contains("AWSTemplateFormatVersion")
        || (text.contains("Resources") && text.contains("AWS::"));
  }

  private static boolean isTemplate(Json.Obj root) {
    if (root.get("AWSTemplateFormatVersion").isPresent()) {
      return true;
    }
    Optional<Json> resources = root.get("Resources");
    if (resources.isEmpty()
        || !(resources.get() instanceof Json.Obj map)
        || map.members().isEmpty()) {
      return false;
    }
    boolean typed = false;
    for (Json.Member member : map.members()) {
      if (!(member.value() instanceof Json.Obj resource) || resource.get("Type").isEmpty()) {
        return false;
      }
      typed |=
          resource
              .get("Type")
              .flatMap(Json::scalarText)
              .filter(t -> TYPE_NAME.matcher(t).matches())
              .isPresent();
    }
    return typed;
  }

  /**
   * One template's extraction. A problem inside a resource (an unknown tag, a function that cannot
   * be resolved, a malformed {@code Metadata: arbiter} entry) leaves that property, or that
   * resource when it is in the resource's own {@code Condition} or {@code Metadata}, unread and is
   * kept as a {@link Templates.Problem}; the rest of the template is read.
   */
  static final class Extraction {
    private final Json.Obj template;
    private final Resolver resolver;
    private final ShortForms tags;

    /** The template's text, to find where a policy held as a string is written. */
    private final String text;

    private int @Nullable [] lineStarts;
    private final List<EmbeddedPolicy> policies = new ArrayList<>();
    private final List<Templates.Ignore> ignores = new ArrayList<>();
    private final Map<String, String> cdkPaths = new TreeMap<>();

    /**
     * The Lambda functions' policies, by the first permission of each ({@link #lambdaPolicies}).
     */
    private Map<String, List<EmbeddedPolicy>> lambda = Map.of();

    /** By where and what, so that one problem met in several branches is reported once. */
    private final Map<List<Object>, Templates.Problem> problems = new LinkedHashMap<>();

    Extraction(Json.Obj template, Templates.Options options, ShortForms tags, String text) {
      this.template = template;
      this.tags = tags;
      this.text = text;
      this.resolver = new Resolver(template, options, tags::error);
    }

    Templates.Template run() {
      try {
        ignores(template, "", JsonPointer.ROOT);
      } catch (TemplateException e) {
        problem("", e);
      }
      lambda = lambdaPolicies();
      Optional<Json> resources = template.get("Resources");
      if (resources.isPresent() && resources.get() instanceof Json.Obj map) {
        for (Json.Member member : map.members()) {
          if (member.value() instanceof Json.Obj resource) {
            try {
              resource(
                  member.name(),
                  resource,
                  JsonPointer.ROOT.child("Resources").child(member.name()));
            } catch (TemplateException e) {
              problem(member.name(), e);
            }
          }
        }
      }
      blockPublicAccess();
      // A tag error outside every policy is still one AWS would reject the template for.
      for (TemplateException e : tags.errors()) {
        List<String> tokens = e.location().pointer().tokens();
        problem(tokens.size() >= 2 && tokens.get(0).equals("Resources") ? tokens.get(1) : "", e);
      }
      List<Templates.Problem> found = new ArrayList<>(problems.values());
      found.sort(
          java.util.Comparator.comparingInt((Templates.Problem p) -> p.position().line())
              .thenComparingInt(p -> p.position().column()));
      return new Templates.Template(
          Templates.Kind.CLOUDFORMATION, policies, ignores, cdkPaths, found);
    }

    /**
     * Gives each bucket policy the S3 Block Public Access settings of its bucket, when its {@code
     * Bucket} names a bucket of this template: by {@code Ref}, or by a name known offline that is
     * the bucket's own known {@code BucketName}. A bucket not known offline, or outside the
     * template, has none: a value not known reads as off (docs/templates.md).
     */
    private void blockPublicAccess() {
      if (!(template.get("Resources").orElse(null) instanceof Json.Obj resources)) {
        return;
      }
      for (int i = 0; i < policies.size(); i++) {
        EmbeddedPolicy policy = policies.get(i);
        if (!policy.resourceType().equals("AWS::S3::BucketPolicy")
            || !policy.attachedTo().equals(Optional.of(PolicyResourceType.S3_BUCKET))) {
          continue;
        }
        try {
          Optional<String> bucket = bucketOf(policy.resource(), resources);
          if (bucket.isPresent()) {
            S3PublicAccessBlock settings = settings(bucket.get(), resources);
            if (settings.any()) {
              policies.set(i, policy.withS3PublicAccessBlock(settings));
            }
          }
        } catch (TemplateException e) {
          // a value that cannot be resolved: no setting is known; the problem is reported where
          // the bucket's own reading meets it
        }
      }
    }

    /** The logical ID of the template's bucket that bucket policy {@code id} is on, if known. */
    private Optional<String> bucketOf(String id, Json.Obj resources) {
      Optional<Json.Obj> properties = properties(resources, id);
      Optional<Json> raw = properties.flatMap(p -> p.get("Bucket"));
      if (raw.isEmpty()) {
        return Optional.empty();
      }
      if (raw.get() instanceof Json.Obj ref
          && ref.members().size() == 1
          && ref.members().get(0).name().equals("Ref")) {
        Optional<String> target = ref.members().get(0).value().scalarText();
        return target.filter(t -> isBucket(resources, t));
      }
      resolver.reset(Map.of());
      Json name =
          resolver.resolve(
              raw.get(),
              JsonPointer.ROOT.child("Resources").child(id).child("Properties").child("Bucket"));
      if (!(name instanceof Json.Str text) || resolver.isUnknown(name)) {
        return Optional.empty();
      }
      for (Json.Member member : resources.members()) {
        if (!isBucket(resources, member.name())) {
          continue;
        }
        Optional<Json> bucketName =
            properties(resources, member.name()).flatMap(p -> p.get("BucketName"));
        if (bucketName.isEmpty()) {
          continue;
        }
        resolver.reset(Map.of());
        Json value =
            resolver.resolve(
                bucketName.get(),
                JsonPointer.ROOT
                    .child("Resources")
                    .child(member.name())
                    .child("Properties")
                    .child("BucketName"));
        if (value instanceof Json.Str other
            && !resolver.isUnknown(value)
            && other.value().equals(text.value())) {
          return Optional.of(member.name());
        }
      }
      return Optional.empty();
    }

    /** The settings of bucket {@code id}'s {@code PublicAccessBlockConfiguration}. */
    private S3PublicAccessBlock settings(String id, Json.Obj resources) {
      Optional<Json> raw =
          properties(resources, id).flatMap(p -> p.get("PublicAccessBlockConfiguration"));
      if (raw.isEmpty()) {
        return S3PublicAccessBlock.NONE;
      }
      JsonPointer at =
          JsonPointer.ROOT
              .child("Resources")
              .child(id)
              .child("Properties")
              .child("PublicAccessBlockConfiguration");
      resolver.reset(Map.of());
      Json value = resolver.resolve(raw.get(), at);
      if (!(value instanceof Json.Obj configuration) || resolver.isUnknown(value)) {
        return S3PublicAccessBlock.NONE;
      }
      boolean block = on(configuration.get("BlockPublicPolicy"));
      boolean restrict = on(configuration.get("RestrictPublicBuckets"));
      return new S3PublicAccessBlock(
          block, restrict, block || restrict ? List.of(id + " " + at) : List.of());
    }

    /** Whether a resolved setting is a known true ({@code true}, or the string "true"). */
    private boolean on(Optional<Json> setting) {
      if (setting.isEmpty() || resolver.isUnknown(setting.get())) {
        return false;
      }
      Json value = setting.get();
      return (value instanceof Json.Bool b && b.value())
          || (value instanceof Json.Str s && s.value().equalsIgnoreCase("true"));
    }

    /**
     * Whether resource {@code id} is an {@code AWS::S3::Bucket} the values given do not rule out.
     */
    private boolean isBucket(Json.Obj resources, String id) {
      if (!(resources.get(id).orElse(null) instanceof Json.Obj resource)
          || !resource
              .get("Type")
              .flatMap(Json::scalarText)
              .equals(Optional.of("AWS::S3::Bucket"))) {
        return false;
      }
      Optional<String> condition = resource.get("Condition").flatMap(Json::scalarText);
      return condition.isEmpty() || !resolver.decided(condition.get()).equals(Optional.of(false));
    }

    private static Optional<Json.Obj> properties(Json.Obj resources, String id) {
      return resources
          .get(id)
          .filter(Json.Obj.class::isInstance)
          .flatMap(r -> ((Json.Obj) r).get("Properties"))
          .filter(Json.Obj.class::isInstance)
          .map(Json.Obj.class::cast);
    }

    private void problem(String resource, TemplateException e) {
      Templates.Problem problem = Templates.Problem.of(resource, e);
      problems.putIfAbsent(
          List.of(problem.pointer(), problem.position(), problem.message()), problem);
    }

    private void ignores(Json.Obj holder, String resource, JsonPointer at) {
      Optional<Json> metadata = holder.get("Metadata");
      if (metadata.isEmpty() || !(metadata.get() instanceof Json.Obj meta)) {
        return;
      }
      meta.get("aws:cdk:path").flatMap(Json::scalarText).ifPresent(p -> cdkPaths.put(resource, p));
      Optional<Json> arbiter = meta.get("arbiter");
      JsonPointer arbiterAt = at.child("Metadata").child("arbiter");
      if (arbiter.isEmpty()) {
        return;
      }
      if (!(arbiter.get() instanceof Json.Obj settings)
          || settings.get("ignore").isEmpty()
          || !(settings.get("ignore").get() instanceof Json.Arr list)) {
        throw new TemplateException(
            arbiterAt, arbiter.get().position(), "Metadata arbiter takes ignore: [{code, reason}]");
      }
      for (int i = 0; i < list.elements().size(); i++) {
        Json entry = list.elements().get(i);
        JsonPointer entryAt = arbiterAt.child("ignore").child(i);
        Optional<String> code =
            entry instanceof Json.Obj o
                ? o.get("code").flatMap(Json::scalarText)
                : Optional.empty();
        Optional<String> reason =
            entry instanceof Json.Obj o
                ? o.get("reason").flatMap(Json::scalarText)
                : Optional.empty();
        if (code.isEmpty() || reason.isEmpty() || reason.get().isBlank()) {
          throw new TemplateException(
              entryAt,
              entry.position(),
              "an arbiter ignore entry takes a code (or \"*\") and a reason");
        }
        ignores.add(
            new Templates.Ignore(resource, code.get(), reason.get(), entryAt, entry.position()));
      }
    }

    private void resource(String id, Json.Obj resource, JsonPointer at) {
      try {
        ignores(resource, id, at);
      } catch (TemplateException e) {
        problem(id, e); // the entry suppresses nothing; the resource is still read
      }
      String type = resource.get("Type").flatMap(Json::scalarText).orElse("");
      Optional<String> condition = resource.get("Condition").flatMap(Json::scalarText);
      if (condition.isPresent() && resolver.decided(condition.get()).equals(Optional.of(false))) {
        return; // not created with the values given
      }
      Json.Obj properties =
          resource
              .get("Properties")
              .filter(Json.Obj.class::isInstance)
              .map(Json.Obj.class::cast)
              .orElse(null);
      if (properties == null) {
        return;
      }
      JsonPointer propertiesAt = at.child("Properties");
      if (PolicyProperties.synthesized(type)) {
        // Read with the other permissions on its function, before the loop over resources.
        policies.addAll(lambda.getOrDefault(id, List.of()));
        return;
      }
      if (type.equals("AWS::Organizations::Policy")) {
        organizations(id, type, properties, propertiesAt);
        return;
      }
      for (PolicyProperties.Property property : PolicyProperties.of(type)) {
        try {
          property(
              id,
              type,
              properties,
              propertiesAt,
              property.path(),
              property.policyType(),
              property.attachedTo(),
              property.shape());
        } catch (TemplateException e) {
          problem(id, e); // this property is not read; the resource's others are
        }
      }
    }

    private void organizations(String id, String type, Json.Obj properties, JsonPointer at) {
      Optional<Json> kind = properties.get("Type");
      if (kind.isEmpty()) {
        return;
      }
      resolver.reset(Map.of());
      Json value = resolver.resolve(kind.get(), at.child("Type"));
      String name = value == null || resolver.isUnknown(value) ? "" : value.scalarText().orElse("");
      PolicyType policyType;
      if (name.equals("SERVICE_CONTROL_POLICY")) {
        policyType = PolicyType.SCP;
      } else if (name.equals("RESOURCE_CONTROL_POLICY")) {
        policyType = PolicyType.RCP;
      } else {
        return; // tag, backup and AI opt-out policies are not IAM policies
      }
      property(
          id,
          type,
          properties,
          at,
          List.of("Content"),
          policyType,
          Optional.empty(),
          PolicyProperties.Shape.DOCUMENT);
    }

    /** A document found under one assignment of the undecided conditions. */
    private record Found(
        List<String> tokens,
        Json document,
        JsonPointer property,
        Set<JsonPointer> unknowns,
        Map<JsonPointer, JsonPointer> origins,
        String key) {}

    private void property(
        String id,
        String type,
        Json.Obj properties,
        JsonPointer at,
        List<String> path,
        PolicyType policyType,
        Optional<PolicyResourceType> attachedTo,
        PolicyProperties.Shape shape) {
      Optional<Json> raw = properties.get(path.get(0));
      if (raw.isEmpty()) {
        return;
      }
      JsonPointer topAt = at.child(path.get(0));
      List<String> undecided = undecided(raw.get(), properties, shape);
      Map<String, List<Map<String, Boolean>>> assignmentsByKey = new LinkedHashMap<>();
      Map<String, Found> foundByKey = new LinkedHashMap<>();
      for (Map<String, Boolean> assignment : assignments(undecided)) {
        resolver.reset(assignment);
        Json value = resolver.resolve(raw.get(), topAt);
        if (value == null) {
          continue;
        }
        List<Map.Entry<List<String>, Json>> nodes = new ArrayList<>();
        expand(value, path.subList(1, path.size()), new ArrayList<>(List.of(path.get(0))), nodes);
        for (Map.Entry<List<String>, Json> node : nodes) {
          Found found = document(node.getKey(), node.getValue(), at, shape, properties);
          assignmentsByKey.computeIfAbsent(found.key(), k -> new ArrayList<>()).add(assignment);
          foundByKey.putIfAbsent(found.key(), found);
        }
      }
      for (Map.Entry<String, Found> entry : foundByKey.entrySet()) {
        Found found = entry.getValue();
        policies.add(
            new EmbeddedPolicy(
                id,
                type,
                found.property(),
                policyType,
                attachedTo,
                found.document(),
                branches(undecided, assignmentsByKey.getOrDefault(entry.getKey(), List.of())),
                found.unknowns(),
                found.origins()));
      }
    }

    /** The undecided conditions that an {@code Fn::If} in {@code raw} turns on, at most a few. */
    private List<String> undecided(Json raw, Json.Obj properties, PolicyProperties.Shape shape) {
      Set<String> names = new LinkedHashSet<>();
      conditionsIn(raw, names);
      if (shape == PolicyProperties.Shape.STATEMENT) {
        properties.get("StatementId").ifPresent(s -> conditionsIn(s, names));
      }
      List<String> out = new ArrayList<>();
      for (String name : names) {
        if (resolver.decided(name).isEmpty() && out.size() < MAX_BRANCH_CONDITIONS) {
          out.add(name);
        }
      }
      return out;
    }

    static void conditionsIn(Json node, Set<String> names) {
      if (node instanceof Json.Obj object) {
        for (Json.Member member : object.members()) {
          if (member.name().equals("Fn::If")
              && member.value() instanceof Json.Arr args
              && !args.elements().isEmpty()) {
            args.elements().get(0).scalarText().ifPresent(names::add);
          }
          conditionsIn(member.value(), names);
        }
      } else if (node instanceof Json.Arr array) {
        array.elements().forEach(e -> conditionsIn(e, names));
      }
    }

    private List<Map<String, Boolean>> assignments(List<String> undecided) {
      List<Map<String, Boolean>> out = new ArrayList<>();
      for (int bits = 0; bits < 1 << undecided.size(); bits++) {
        Map<String, Boolean> assignment = new LinkedHashMap<>();
        for (int i = 0; i < undecided.size(); i++) {
          assignment.put(undecided.get(i), (bits & 1 << i) == 0);
        }
        if (resolver.consistent(assignment)) {
          out.add(assignment);
        }
      }
      return out;
    }

    /** "IsProd is true" for each condition that has one value across {@code group}. */
    private static List<String> branches(List<String> undecided, List<Map<String, Boolean>> group) {
      List<String> out = new ArrayList<>();
      for (String name : undecided) {
        Set<Boolean> values = new LinkedHashSet<>();
        group.forEach(a -> values.add(a.get(name)));
        if (values.size() == 1 && group.size() < 1 << undecided.size()) {
          out.add(name + " is " + values.iterator().next());
        }
      }
      return out;
    }

    private static void expand(
        Json value,
        List<String> rest,
        List<String> tokens,
        List<Map.Entry<List<String>, Json>> out) {
      if (rest.isEmpty()) {
        out.add(Map.entry(List.copyOf(tokens), value));
        return;
      }
      String next = rest.get(0);
      if (next.equals("*")) {
        if (value instanceof Json.Arr array) {
          for (int i = 0; i < array.elements().size(); i++) {
            tokens.add(Integer.toString(i));
            expand(array.elements().get(i), rest.subList(1, rest.size()), tokens, out);
            tokens.remove(tokens.size() - 1);
          }
        }
        return;
      }
      if (value instanceof Json.Obj object) {
        Optional<Json> member = object.get(next);
        if (member.isPresent()) {
          tokens.add(next);
          expand(member.get(), rest.subList(1, rest.size()), tokens, out);
          tokens.remove(tokens.size() - 1);
        }
      }
    }

    private Found document(
        List<String> tokens,
        Json value,
        JsonPointer propertiesAt,
        PolicyProperties.Shape shape,
        Json.Obj properties) {
      JsonPointer property =
          resolver.origin(value).orElse(new JsonPointer(concat(propertiesAt.tokens(), tokens)));
      Json document = value;
      Set<JsonPointer> unknowns = new LinkedHashSet<>();
      Map<JsonPointer, JsonPointer> origins = new HashMap<>();
      if (value instanceof Json.Str string) {
        if (resolver.isUnknown(string)) {
          unknowns.add(JsonPointer.ROOT);
        } else {
          try {
            document =
                JsonReader.read(string.value(), PolicyReader.LIMITS).relocated(positionsIn(string));
          } catch (JsonReadException e) {
            throw new TemplateException(
                property,
                positionsIn(string).apply(e.problem().position()),
                "the policy is not JSON: " + e.problem().message());
          }
        }
      } else {
        walk(value, JsonPointer.ROOT, property, unknowns, origins);
      }
      if (shape == PolicyProperties.Shape.STATEMENT) {
        Json statement = document;
        if (statement instanceof Json.Obj object && object.get("Sid").isEmpty()) {
          Optional<Json> sid =
              properties
                  .get("StatementId")
                  .map(s -> resolver.resolve(s, propertiesAt.child("StatementId")));
          if (sid.isPresent() && sid.get() instanceof Json.Str text && !resolver.isUnknown(text)) {
            List<Json.Member> members = new ArrayList<>();
            members.add(new Json.Member("Sid", text.position(), text));
            members.addAll(object.members());
            statement = new Json.Obj(members, object.position());
            origins.put(JsonPointer.ROOT.child("Sid"), propertiesAt.child("StatementId"));
          }
        }
        document =
            new Json.Obj(
                List.of(
                    new Json.Member(
                        "Version", value.position(), new Json.Str("2012-10-17", value.position())),
                    new Json.Member(
                        "Statement",
                        value.position(),
                        new Json.Arr(List.of(statement), value.position()))),
                value.position());
        Set<JsonPointer> moved = new LinkedHashSet<>();
        for (JsonPointer u : unknowns) {
          moved.add(new JsonPointer(concat(List.of("Statement", "0"), u.tokens())));
        }
        Map<JsonPointer, JsonPointer> movedOrigins = new HashMap<>();
        origins.forEach(
            (k, v) ->
                movedOrigins.put(
                    new JsonPointer(concat(List.of("Statement", "0"), k.tokens())), v));
        movedOrigins.put(JsonPointer.ROOT.child("Statement").child(0), property);
        unknowns = moved;
        origins = movedOrigins;
      }
      String key =
          String.join("/", tokens)
              + "\n"
              + JsonWriter.compact(document)
              + "\n"
              + new java.util.TreeSet<>(unknowns.stream().map(JsonPointer::toString).toList());
      return new Found(tokens, document, property, unknowns, origins, key);
    }

    /**
     * Where the characters of a policy held as a string are written in the template, when the
     * string is written as itself on one line: a plain or single-quoted YAML scalar without {@code
     * ''}, or a quoted string without a backslash escape (docs/templates.md). Otherwise, and for a
     * string built by a function, every position is the string's own.
     */
    private java.util.function.UnaryOperator<SourcePosition> positionsIn(Json.Str string) {
      SourcePosition at = string.position();
      java.util.function.UnaryOperator<SourcePosition> fallback = p -> at;
      String value = string.value();
      int offset = offsetOf(at);
      if (offset < 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        return fallback;
      }
      char first = text.charAt(offset);
      boolean quoted = first == '\'' || first == '"';
      int start = quoted ? offset + 1 : offset;
      int end = start + value.length();
      if (!text.startsWith(value, start)
          || (quoted && (end >= text.length() || text.charAt(end) != first))) {
        return fallback; // written with escapes, or not where the reader says: not exact
      }
      int shift = start - offset;
      return p ->
          p.isKnown() && p.line() == 1
              ? new SourcePosition(at.line(), at.column() + shift + p.column() - 1)
              : at;
    }

    /** The 0-based offset of {@code position} in the text, or -1 outside it. */
    private int offsetOf(SourcePosition position) {
      int[] starts = lineStarts;
      if (starts == null) {
        List<Integer> found = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
          char c = text.charAt(i);
          if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
            found.add(i + 1);
          }
        }
        starts = found.stream().mapToInt(Integer::intValue).toArray();
        lineStarts = starts;
      }
      if (!position.isKnown() || position.line() > starts.length) {
        return -1;
      }
      int offset = starts[position.line() - 1] + position.column() - 1;
      return offset < text.length() ? offset : -1;
    }

    private void walk(
        Json node,
        JsonPointer at,
        JsonPointer property,
        Set<JsonPointer> unknowns,
        Map<JsonPointer, JsonPointer> origins) {
      if (resolver.isUnknown(node)) {
        unknowns.add(at);
      }
      Optional<JsonPointer> origin = resolver.origin(node);
      JsonPointer expected = new JsonPointer(concat(property.tokens(), at.tokens()));
      if (origin.isPresent() && !origin.get().equals(expected)) {
        origins.put(at, origin.get());
      }
      if (node instanceof Json.Obj object) {
        for (Json.Member member : object.members()) {
          walk(member.value(), at.child(member.name()), property, unknowns, origins);
        }
      } else if (node instanceof Json.Arr array) {
        for (int i = 0; i < array.elements().size(); i++) {
          walk(array.elements().get(i), at.child(i), property, unknowns, origins);
        }
      }
    }

    /** A permission resource, to be merged with the others on its function. */
    private record Candidate(
        String id, String type, Json.Obj properties, JsonPointer at, List<String> undecided) {}

    /**
     * The policies of the template's Lambda functions (and layer versions), by the logical ID of
     * the first permission of each: Lambda keeps one policy per function and qualifier, so the
     * permissions on one are the statements of one policy. Permissions that share a function under
     * some branch are enumerated together over all their undecided conditions, so that each policy
     * is one Lambda could hold; a permission whose function is not known offline is a policy of its
     * own.
     */
    private Map<String, List<EmbeddedPolicy>> lambdaPolicies() {
      List<Candidate> candidates = new ArrayList<>();
      List<Set<String>> targets = new ArrayList<>();
      Optional<Json> section = template.get("Resources");
      if (section.isEmpty() || !(section.get() instanceof Json.Obj resources)) {
        return Map.of();
      }
      for (Json.Member member : resources.members()) {
        String id = member.name();
        if (!(member.value() instanceof Json.Obj resource)) {
          continue;
        }
        String type = resource.get("Type").flatMap(Json::scalarText).orElse("");
        if (!PolicyProperties.synthesized(type)) {
          continue;
        }
        try {
          Optional<String> condition = resource.get("Condition").flatMap(Json::scalarText);
          if (condition.isPresent()
              && resolver.decided(condition.get()).equals(Optional.of(false))) {
            continue;
          }
          if (!(resource.get("Properties").orElse(null) instanceof Json.Obj properties)) {
            continue;
          }
          JsonPointer at = JsonPointer.ROOT.child("Resources").child(id).child("Properties");
          Set<String> names = new LinkedHashSet<>();
          conditionsIn(properties, names);
          List<String> undecided = new ArrayList<>();
          for (String name : names) {
            if (resolver.decided(name).isEmpty() && undecided.size() < MAX_BRANCH_CONDITIONS) {
              undecided.add(name);
            }
          }
          Candidate candidate = new Candidate(id, type, properties, at, undecided);
          Set<String> found = new LinkedHashSet<>();
          for (Map<String, Boolean> assignment : assignments(undecided)) {
            resolver.reset(assignment);
            String target =
                LambdaPermissions.statement(permission(candidate), placeholders()).target();
            found.add(target.isEmpty() ? "\n" + id : target);
          }
          candidates.add(candidate);
          targets.add(found);
        } catch (TemplateException e) {
          problem(id, e);
        }
      }
      // Permissions that share a function under any branch, transitively, are read together.
      int[] group = new int[candidates.size()];
      Map<String, Integer> first = new HashMap<>();
      for (int i = 0; i < candidates.size(); i++) {
        group[i] = i;
        for (String target : targets.get(i)) {
          Integer other = first.putIfAbsent(target, i);
          if (other != null) {
            int from = root(group, i);
            int to = root(group, other);
            group[Math.max(from, to)] = Math.min(from, to);
          }
        }
      }
      Map<Integer, List<Candidate>> components = new TreeMap<>();
      for (int i = 0; i < candidates.size(); i++) {
        components.computeIfAbsent(root(group, i), k -> new ArrayList<>()).add(candidates.get(i));
      }
      Map<String, List<EmbeddedPolicy>> out = new HashMap<>();
      for (List<Candidate> members : components.values()) {
        try {
          for (EmbeddedPolicy policy : merged(members)) {
            out.computeIfAbsent(policy.resource(), k -> new ArrayList<>()).add(policy);
          }
        } catch (TemplateException e) {
          problem(members.get(0).id(), e); // not met above; kept for safety
        }
      }
      return out;
    }

    private static int root(int[] group, int i) {
      int at = i;
      while (group[at] != at) {
        at = group[at];
      }
      return at;
    }

    /** The policies of permissions read together, one per function and branch. */
    private List<EmbeddedPolicy> merged(List<Candidate> members) {
      List<String> undecided = new ArrayList<>();
      for (Candidate member : members) {
        for (String name : member.undecided()) {
          if (!undecided.contains(name) && undecided.size() < MAX_BRANCH_CONDITIONS) {
            undecided.add(name);
          }
        }
      }
      Map<String, List<Map<String, Boolean>>> assignmentsByKey = new LinkedHashMap<>();
      Map<String, EmbeddedPolicy> byKey = new LinkedHashMap<>();
      for (Map<String, Boolean> assignment : assignments(undecided)) {
        List<LambdaPermissions.Statement> statements = new ArrayList<>();
        for (Candidate member : members) {
          resolver.reset(assignment);
          statements.add(LambdaPermissions.statement(permission(member), placeholders()));
        }
        for (List<LambdaPermissions.Statement> one : LambdaPermissions.byTarget(statements)) {
          EmbeddedPolicy p = LambdaPermissions.policy(one, List.of());
          String key =
              p.resource()
                  + "\n"
                  + JsonWriter.compact(p.document())
                  + "\n"
                  + new java.util.TreeSet<>(
                      p.unknowns().stream().map(JsonPointer::toString).toList());
          assignmentsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(assignment);
          byKey.putIfAbsent(key, p);
        }
      }
      List<EmbeddedPolicy> out = new ArrayList<>();
      for (Map.Entry<String, EmbeddedPolicy> entry : byKey.entrySet()) {
        EmbeddedPolicy p = entry.getValue();
        out.add(
            new EmbeddedPolicy(
                p.resource(),
                p.resourceType(),
                p.property(),
                p.policyType(),
                p.attachedTo(),
                p.document(),
                branches(undecided, assignmentsByKey.getOrDefault(entry.getKey(), List.of())),
                p.unknowns(),
                p.origins(),
                p.resources()));
      }
      return out;
    }

    private dev.arbiter.iac.Placeholders placeholders() {
      return resolver.placeholders();
    }

    private LambdaPermissions.Permission permission(Candidate c) {
      return permission(c.id(), c.type(), c.properties(), c.at());
    }

    /**
     * A permission resource's properties, resolved under the current assignment; its logical ID
     * stands for the statement ID, which CloudFormation generates.
     */
    private LambdaPermissions.Permission permission(
        String id, String type, Json.Obj properties, JsonPointer at) {
      boolean layer = type.equals("AWS::Lambda::LayerVersionPermission");
      Map<LambdaPermissions.Property, LambdaPermissions.Field> fields =
          new EnumMap<>(LambdaPermissions.Property.class);
      fields.put(
          LambdaPermissions.Property.STATEMENT_ID,
          new LambdaPermissions.Field(new Json.Str(id, properties.position()), at, false));
      field(fields, LambdaPermissions.Property.PRINCIPAL, properties, at, "Principal");
      field(fields, LambdaPermissions.Property.ACTION, properties, at, "Action");
      field(
          fields,
          LambdaPermissions.Property.TARGET,
          properties,
          at,
          layer ? "LayerVersionArn" : "FunctionName");
      field(fields, LambdaPermissions.Property.SOURCE_ACCOUNT, properties, at, "SourceAccount");
      field(fields, LambdaPermissions.Property.SOURCE_ARN, properties, at, "SourceArn");
      field(
          fields,
          LambdaPermissions.Property.PRINCIPAL_ORG_ID,
          properties,
          at,
          layer ? "OrganizationId" : "PrincipalOrgID");
      if (!layer) {
        field(
            fields,
            LambdaPermissions.Property.FUNCTION_URL_AUTH_TYPE,
            properties,
            at,
            "FunctionUrlAuthType");
        field(
            fields,
            LambdaPermissions.Property.EVENT_SOURCE_TOKEN,
            properties,
            at,
            "EventSourceToken");
      }
      return new LambdaPermissions.Permission(id, type, layer, at, properties.position(), fields);
    }

    private void field(
        Map<LambdaPermissions.Property, LambdaPermissions.Field> fields,
        LambdaPermissions.Property property,
        Json.Obj properties,
        JsonPointer at,
        String name) {
      Optional<Json> raw = properties.get(name);
      if (raw.isEmpty()) {
        return;
      }
      Json value = resolver.resolve(raw.get(), at.child(name));
      if (value != null) {
        fields.put(
            property,
            new LambdaPermissions.Field(value, at.child(name), resolver.isUnknown(value)));
      }
    }
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
