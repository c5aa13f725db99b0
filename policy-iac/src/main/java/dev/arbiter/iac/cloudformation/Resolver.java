package dev.arbiter.iac.cloudformation;

import dev.arbiter.iac.TemplateException;
import dev.arbiter.iac.Templates;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a template's intrinsic functions offline (docs/templates.md): pseudo parameters from the
 * placeholders, parameters from the user's values, else their {@code Default}, else a stand-in;
 * resource names and ARNs from {@link PhysicalIds}; {@code Fn::If} on a condition that is not
 * decided by the user's values takes the branch the current assignment gives it.
 *
 * <p>Every value it builds takes the position of the function that built it, and is remembered with
 * the template pointer it came from ({@link #origin}); values not known offline are remembered too
 * ({@link #isUnknown}). Results are compared by identity, so one resolver serves one policy
 * document at a time ({@link #reset}).
 */
final class Resolver {
  /** Thrown while deciding a condition when a value depends on something the user did not give. */
  private static final class Undecided extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Undecided() {
      super(null, null, false, false);
    }
  }

  private static final Json.Obj EMPTY = new Json.Obj(List.of(), new SourcePosition(1, 1));

  private final Templates.Options options;
  private final Json.Obj parameters;
  private final Json.Obj mappings;
  private final Json.Obj conditions;
  private final Json.Obj resources;
  private final Map<String, Optional<Boolean>> decided = new HashMap<>();
  private final Set<String> deciding = new HashSet<>();
  private final Set<String> naming = new HashSet<>();

  private Map<String, Boolean> assignment = Map.of();
  private Set<String> contradicted = new HashSet<>();
  private boolean strict;
  private boolean defaults;
  private Set<Json> unknown = Collections.newSetFromMap(new IdentityHashMap<Json, Boolean>());
  private IdentityHashMap<Json, JsonPointer> origins = new IdentityHashMap<>();

  /** The error a node of the template stands for (an unknown tag), or null for any other node. */
  private final Function<Json, @Nullable TemplateException> marked;

  Resolver(
      Json.Obj template,
      Templates.Options options,
      Function<Json, @Nullable TemplateException> marked) {
    this.options = options;
    this.marked = marked;
    this.parameters = section(template, "Parameters");
    this.mappings = section(template, "Mappings");
    this.conditions = section(template, "Conditions");
    this.resources = section(template, "Resources");
  }

  private static Json.Obj section(Json.Obj template, String name) {
    return template
        .get(name)
        .filter(Json.Obj.class::isInstance)
        .map(Json.Obj.class::cast)
        .orElse(EMPTY);
  }

  /** Starts a new document under {@code assignment} of the undecided conditions. */
  void reset(Map<String, Boolean> assignment) {
    this.assignment = Map.of();
    this.contradicted = new HashSet<>();
    this.unknown = Collections.newSetFromMap(new IdentityHashMap<Json, Boolean>());
    this.origins = new IdentityHashMap<>();
    // A branch the defaults contradict is taken with other values: the parameters its condition
    // reads are then unknown, rather than their defaults (which would describe the other branch).
    for (Map.Entry<String, Boolean> entry : assignment.entrySet()) {
      Optional<Json> definition = conditions.get(entry.getKey());
      if (definition.isEmpty()) {
        continue;
      }
      Boolean withDefaults = withDefaults(entry.getKey(), new HashSet<>());
      if (withDefaults != null && !withDefaults.equals(entry.getValue())) {
        parametersIn(definition.get(), contradicted, new HashSet<>());
      }
    }
    this.unknown = Collections.newSetFromMap(new IdentityHashMap<Json, Boolean>());
    this.origins = new IdentityHashMap<>();
    this.assignment = Map.copyOf(assignment);
  }

  /** The parameters a condition reads, through the conditions it names. */
  private void parametersIn(Json node, Set<String> out, Set<String> seen) {
    if (node instanceof Json.Obj object) {
      for (Json.Member member : object.members()) {
        if (member.name().equals("Ref")
            && member.value() instanceof Json.Str name
            && parameters.get(name.value()).isPresent()) {
          out.add(name.value());
        } else if (member.name().equals("Condition")
            && member.value() instanceof Json.Str name
            && seen.add(name.value())) {
          conditions.get(name.value()).ifPresent(d -> parametersIn(d, out, seen));
        } else if (member.name().equals("Fn::Sub")) {
          String text =
              member.value() instanceof Json.Arr list && !list.elements().isEmpty()
                  ? list.elements().get(0).scalarText().orElse("")
                  : member.value().scalarText().orElse("");
          for (Json.Member parameter : parameters.members()) {
            if (text.contains("${" + parameter.name() + "}")) {
              out.add(parameter.name());
            }
          }
          parametersIn(member.value(), out, seen);
        } else {
          parametersIn(member.value(), out, seen);
        }
      }
    } else if (node instanceof Json.Arr array) {
      array.elements().forEach(e -> parametersIn(e, out, seen));
    }
  }

  /** A named condition's value with every parameter at its default (or given) value. */
  private @Nullable Boolean withDefaults(String name, Set<String> seen) {
    Optional<Json> definition = conditions.get(name);
    if (definition.isEmpty() || !seen.add(name)) {
      return null;
    }
    boolean outer = defaults;
    defaults = true;
    try {
      return condition(definition.get(), JsonPointer.ROOT.child("Conditions").child(name), false);
    } catch (TemplateException e) {
      return null;
    } finally {
      defaults = outer;
    }
  }

  dev.arbiter.iac.Placeholders placeholders() {
    return options.placeholders();
  }

  boolean isUnknown(Json value) {
    return unknown.contains(value);
  }

  /** The template pointer {@code value} came from, if it was resolved by this resolver. */
  Optional<JsonPointer> origin(Json value) {
    return Optional.ofNullable(origins.get(value));
  }

  // ------------------------------------------------------------------ values

  /** The value of {@code node} (at {@code at} in the template); null when it is AWS::NoValue. */
  @Nullable Json resolve(Json node, JsonPointer at) {
    TemplateException error = marked.apply(node);
    if (error != null) {
      throw error;
    }
    if (node instanceof Json.Obj object) {
      if (object.members().size() == 1) {
        Json.Member only = object.members().get(0);
        if (only.name().startsWith("Rain::")) {
          if (strict) {
            throw new Undecided();
          }
          return unknown(only.name(), object.position(), at);
        }
        if (only.name().equals("Ref") || only.name().startsWith("Fn::")) {
          return function(only.name(), only.value(), object.position(), at);
        }
      }
      List<Json.Member> members = new ArrayList<>();
      for (Json.Member member : object.members()) {
        Json value = resolve(member.value(), at.child(member.name()));
        if (value != null) {
          members.add(new Json.Member(member.name(), member.namePosition(), value));
        }
      }
      return note(new Json.Obj(members, object.position()), at);
    }
    if (node instanceof Json.Arr array) {
      List<Json> elements = new ArrayList<>();
      for (int i = 0; i < array.elements().size(); i++) {
        Json value = resolve(array.elements().get(i), at.child(i));
        if (value != null) {
          elements.add(value);
        }
      }
      return note(new Json.Arr(elements, array.position()), at);
    }
    if (node instanceof Json.Str string && string.value().contains("{{resolve:")) {
      if (strict) {
        throw new Undecided();
      }
      return unknown(string.value(), string.position(), at);
    }
    return note(node, at);
  }

  private Json note(Json value, JsonPointer at) {
    origins.putIfAbsent(value, at);
    return value;
  }

  private Json str(String text, SourcePosition position, JsonPointer at) {
    return note(new Json.Str(text, position), at);
  }

  private Json unknown(String what, SourcePosition position, JsonPointer at) {
    Json value = str("{{unknown: " + what + "}}", position, at);
    unknown.add(value);
    return value;
  }

  private TemplateException error(JsonPointer at, SourcePosition position, String problem) {
    return new TemplateException(at, position, problem);
  }

  private @Nullable Json function(
      String name, Json argument, SourcePosition position, JsonPointer at) {
    JsonPointer argAt = at.child(name);
    switch (name) {
      case "Ref" -> {
        return ref(text(argument, argAt, "Ref"), position, at);
      }
      case "Fn::GetAtt" -> {
        return getAtt(argument, position, at);
      }
      case "Fn::Sub" -> {
        return sub(argument, position, at);
      }
      case "Fn::Join" -> {
        return join(argument, position, at);
      }
      case "Fn::Select" -> {
        return select(argument, position, at);
      }
      case "Fn::Split" -> {
        return split(argument, position, at);
      }
      case "Fn::FindInMap" -> {
        return findInMap(argument, position, at);
      }
      case "Fn::Base64" -> {
        Json value = required(argument, argAt);
        if (isUnknown(value)) {
          return unknown("Fn::Base64", position, at);
        }
        return str(
            Base64.getEncoder()
                .encodeToString(text(value, argAt, name).getBytes(StandardCharsets.UTF_8)),
            position,
            at);
      }
      case "Fn::GetAZs" -> {
        Json value = required(argument, argAt);
        String region = text(value, argAt, name);
        if (region.isEmpty()) {
          region = options.placeholders().region();
        }
        List<Json> zones = new ArrayList<>();
        for (String suffix : List.of("a", "b", "c")) {
          zones.add(str(region + suffix, position, at));
        }
        return note(new Json.Arr(zones, position), at);
      }
      case "Fn::Cidr" -> {
        return cidr(argument, position, at);
      }
      case "Fn::ImportValue" -> {
        if (strict) {
          throw new Undecided();
        }
        Json value = resolve(argument, argAt);
        String what = value == null || isUnknown(value) ? "" : " " + value.scalarText().orElse("");
        return unknown("Fn::ImportValue" + what, position, at);
      }
      case "Fn::If" -> {
        return ifFunction(argument, position, at);
      }
      case "Fn::ToJsonString" -> {
        Json value = required(argument, argAt);
        if (containsUnknown(value)) {
          return unknown("Fn::ToJsonString", position, at);
        }
        return str(JsonWriter.compact(value), position, at);
      }
      case "Fn::Length" -> {
        Json value = required(argument, argAt);
        if (!(value instanceof Json.Arr list) || containsUnknown(value)) {
          return unknown("Fn::Length", position, at);
        }
        return note(new Json.Num(Integer.toString(list.elements().size()), position), at);
      }
      case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not" -> {
        Boolean value =
            condition(
                new Json.Obj(List.of(new Json.Member(name, position, argument)), position),
                at,
                true);
        return value == null
            ? unknown(name, position, at)
            : note(new Json.Bool(value, position), at);
      }
      default -> {
        if (strict) {
          throw new Undecided();
        }
        return unknown(name, position, at);
      }
    }
  }

  private Json required(Json argument, JsonPointer at) {
    Json value = resolve(argument, at);
    if (value == null) {
      throw error(at, argument.position(), "AWS::NoValue cannot be a function's argument");
    }
    return value;
  }

  /** The text of a resolved scalar, or an error naming {@code function}. */
  private String text(Json value, JsonPointer at, String function) {
    Json resolved = value instanceof Json.Obj ? required(value, at) : value;
    Optional<String> text = resolved.scalarText();
    if (text.isEmpty()) {
      throw error(
          at, value.position(), function + " takes a string here, got " + resolved.describe());
    }
    return text.get();
  }

  private boolean containsUnknown(Json value) {
    if (isUnknown(value)) {
      return true;
    }
    if (value instanceof Json.Obj object) {
      return object.members().stream().anyMatch(m -> containsUnknown(m.value()));
    }
    if (value instanceof Json.Arr array) {
      return array.elements().stream().anyMatch(this::containsUnknown);
    }
    return false;
  }

  private List<Json> arguments(Json argument, JsonPointer at, String function, int min, int max) {
    if (!(argument instanceof Json.Arr array)
        || array.elements().size() < min
        || array.elements().size() > max) {
      throw error(
          at,
          argument.position(),
          function
              + " takes a list of "
              + (min == max ? Integer.toString(min) : min + " to " + max)
              + " items, got "
              + argument.describe());
    }
    return array.elements();
  }

  // ------------------------------------------------------------------ Ref and GetAtt

  private @Nullable Json ref(String name, SourcePosition position, JsonPointer at) {
    if (name.startsWith("AWS::")) {
      return pseudo(name, position, at);
    }
    Optional<Json> parameter = parameters.get(name);
    if (parameter.isPresent()) {
      return parameter(name, parameter.get(), position, at);
    }
    Optional<Json> resource = resources.get(name);
    if (resource.isPresent()) {
      if (strict) {
        throw new Undecided();
      }
      return physical(name, resource.get(), Optional.empty(), position, at);
    }
    throw error(
        at.child("Ref"),
        position,
        "Ref to \"" + name + "\", which is neither a parameter, a resource nor a pseudo parameter");
  }

  private @Nullable Json pseudo(String name, SourcePosition position, JsonPointer at) {
    if (name.equals("AWS::NoValue")) {
      return null;
    }
    if (strict && !options.givenPseudoParameters().contains(name)) {
      throw new Undecided();
    }
    String account = options.placeholders().account();
    String region = options.placeholders().region();
    String partition = options.placeholders().partition();
    String stack = "arbiter-stack";
    switch (name) {
      case "AWS::AccountId" -> {
        return str(account, position, at);
      }
      case "AWS::Region" -> {
        return str(region, position, at);
      }
      case "AWS::Partition" -> {
        return str(partition, position, at);
      }
      case "AWS::URLSuffix" -> {
        return str(urlSuffix(), position, at);
      }
      case "AWS::StackName" -> {
        return str(stack, position, at);
      }
      case "AWS::StackId" -> {
        return str(
            "arn:"
                + partition
                + ":cloudformation:"
                + region
                + ":"
                + account
                + ":stack/"
                + stack
                + "/00000000-0000-0000-0000-000000000000",
            position,
            at);
      }
      case "AWS::NotificationARNs" -> {
        return note(new Json.Arr(List.of(), position), at);
      }
      default -> {
        throw error(at.child("Ref"), position, "unknown pseudo parameter " + name);
      }
    }
  }

  private String urlSuffix() {
    return options.placeholders().partition().equals("aws-cn")
        ? "amazonaws.com.cn"
        : "amazonaws.com";
  }

  private Json parameter(String name, Json declaration, SourcePosition position, JsonPointer at) {
    Json.Obj declared = declaration instanceof Json.Obj o ? o : EMPTY;
    String type = declared.get("Type").flatMap(Json::scalarText).orElse("String");
    boolean list = type.equals("CommaDelimitedList") || type.startsWith("List<");
    String given = options.parameters().get(name);
    if (given != null) {
      return typed(given, list, false, position, at);
    }
    if (strict) {
      throw new Undecided();
    }
    if (contradicted.contains(name)) {
      return typed(standIn(name, type), list, true, position, at);
    }
    if (type.startsWith("AWS::SSM::Parameter::Value<")) {
      return unknown("the SSM parameter behind " + name, position, at);
    }
    Optional<Json> defaultValue = declared.get("Default");
    if (defaultValue.isPresent()) {
      Json value = defaultValue.get();
      if (value instanceof Json.Arr array && list) {
        List<Json> items = new ArrayList<>();
        for (Json item : array.elements()) {
          items.add(str(item.scalarText().orElse(""), position, at));
        }
        return note(new Json.Arr(items, position), at);
      }
      return typed(value.scalarText().orElse(""), list, false, position, at);
    }
    Optional<Json> allowed = declared.get("AllowedValues");
    if (allowed.isPresent()
        && allowed.get() instanceof Json.Arr values
        && !values.elements().isEmpty()) {
      return typed(values.elements().get(0).scalarText().orElse(""), list, false, position, at);
    }
    return typed(standIn(name, type), list, true, position, at);
  }

  /** A value of the parameter's type that no rule should take as given: it stays unknown. */
  private static String standIn(String name, String type) {
    String element = type.startsWith("List<") ? type.substring(5, type.length() - 1) : type;
    return switch (element) {
      case "Number" -> "0";
      case "AWS::EC2::VPC::Id" -> "vpc-0123456789abcdef0";
      case "AWS::EC2::Subnet::Id" -> "subnet-0123456789abcdef0";
      case "AWS::EC2::SecurityGroup::Id" -> "sg-0123456789abcdef0";
      case "AWS::EC2::Image::Id" -> "ami-0123456789abcdef0";
      case "AWS::EC2::Instance::Id" -> "i-0123456789abcdef0";
      case "AWS::EC2::KeyPair::KeyName" -> "key-pair";
      case "AWS::EC2::AvailabilityZone::Name" -> "us-east-1a";
      case "AWS::Route53::HostedZone::Id" -> "Z0123456789ABCDEFGHIJ";
      default -> name;
    };
  }

  private Json typed(
      String value, boolean list, boolean isUnknown, SourcePosition position, JsonPointer at) {
    if (!list) {
      Json result = str(value, position, at);
      if (isUnknown) {
        unknown.add(result);
      }
      return result;
    }
    List<Json> items = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      Json element = str(item.trim(), position, at);
      if (isUnknown) {
        unknown.add(element);
      }
      items.add(element);
    }
    return note(new Json.Arr(items, position), at);
  }

  private Json getAtt(Json argument, SourcePosition position, JsonPointer at) {
    JsonPointer argAt = at.child("Fn::GetAtt");
    String resourceName;
    String attribute;
    if (argument instanceof Json.Str dotted && dotted.value().indexOf('.') > 0) {
      int dot = dotted.value().indexOf('.');
      resourceName = dotted.value().substring(0, dot);
      attribute = dotted.value().substring(dot + 1);
    } else {
      List<Json> items = arguments(argument, argAt, "Fn::GetAtt", 2, 2);
      resourceName = text(items.get(0), argAt.child(0), "Fn::GetAtt");
      attribute = text(items.get(1), argAt.child(1), "Fn::GetAtt");
    }
    Optional<Json> resource = resources.get(resourceName);
    if (resource.isEmpty()) {
      throw error(
          argAt,
          position,
          "Fn::GetAtt of \"" + resourceName + "\", which is not a resource of the template");
    }
    if (strict) {
      throw new Undecided();
    }
    Json value = physical(resourceName, resource.get(), Optional.of(attribute), position, at);
    return value == null
        ? unknown("Fn::GetAtt " + resourceName + "." + attribute, position, at)
        : value;
  }

  /** What Ref (no attribute) or GetAtt returns for a resource, or an unknown value. */
  private @Nullable Json physical(
      String logicalId,
      Json resource,
      Optional<String> attribute,
      SourcePosition position,
      JsonPointer at) {
    String what =
        attribute.map(a -> "Fn::GetAtt " + logicalId + "." + a).orElse("Ref " + logicalId);
    String type =
        resource instanceof Json.Obj r ? r.get("Type").flatMap(Json::scalarText).orElse("") : "";
    Optional<PhysicalIds.Type> known = PhysicalIds.of(type);
    if (known.isEmpty()) {
      return unknown(what, position, at);
    }
    String pattern =
        attribute.isPresent() ? known.get().attributes().get(attribute.get()) : known.get().ref();
    if (pattern == null) {
      return unknown(what, position, at);
    }
    Json.Obj properties =
        resource instanceof Json.Obj r
            ? r.get("Properties")
                .filter(Json.Obj.class::isInstance)
                .map(Json.Obj.class::cast)
                .orElse(EMPTY)
            : EMPTY;
    JsonPointer propertiesAt =
        JsonPointer.ROOT.child("Resources").child(logicalId).child("Properties");
    boolean isUnknown = false;
    String name = known.get().lowerCase() ? logicalId.toLowerCase(Locale.ROOT) : logicalId;
    String nameProperty = known.get().nameProperty();
    if (!nameProperty.isEmpty()
        && properties.get(nameProperty).isPresent()
        && pattern.contains("{name}")) {
      if (!naming.add(logicalId)) {
        return unknown(what, position, at); // the name depends on itself
      }
      try {
        Json value = resolve(properties.get(nameProperty).get(), propertiesAt.child(nameProperty));
        if (value != null) {
          isUnknown = containsUnknown(value);
          name = value.scalarText().orElse(name);
        }
      } finally {
        naming.remove(logicalId);
      }
    }
    String path = "/";
    if (pattern.contains("{path}") && properties.get("Path").isPresent()) {
      Json value = resolve(properties.get("Path").get(), propertiesAt.child("Path"));
      if (value != null) {
        isUnknown |= containsUnknown(value);
        path = value.scalarText().orElse(path);
      }
    }
    String id = UUID.nameUUIDFromBytes(logicalId.getBytes(StandardCharsets.UTF_8)).toString();
    String text =
        pattern
            .replace("{partition}", options.placeholders().partition())
            .replace("{region}", options.placeholders().region())
            .replace("{account}", options.placeholders().account())
            .replace("{urlsuffix}", urlSuffix())
            .replace("{path}", path)
            .replace("{id}", id)
            .replace("{name}", name);
    Json result = str(text, position, at);
    if (isUnknown) {
      unknown.add(result);
    }
    return result;
  }

  // ------------------------------------------------------------------ string functions

  private Json sub(Json argument, SourcePosition position, JsonPointer at) {
    JsonPointer argAt = at.child("Fn::Sub");
    String template;
    Map<String, Json> variables = new HashMap<>();
    if (argument instanceof Json.Arr) {
      List<Json> items = arguments(argument, argAt, "Fn::Sub", 1, 2);
      template = text(items.get(0), argAt.child(0), "Fn::Sub");
      if (items.size() == 2) {
        if (!(items.get(1) instanceof Json.Obj map)) {
          throw error(
              argAt.child(1),
              items.get(1).position(),
              "Fn::Sub takes a map of variables as its second item");
        }
        for (Json.Member member : map.members()) {
          Json value = resolve(member.value(), argAt.child(1).child(member.name()));
          if (value != null) {
            variables.put(member.name(), value);
          }
        }
      }
    } else {
      template = text(argument, argAt, "Fn::Sub");
    }
    StringBuilder out = new StringBuilder();
    boolean isUnknown = false;
    int i = 0;
    while (i < template.length()) {
      int start = template.indexOf("${", i);
      if (start < 0) {
        out.append(template, i, template.length());
        break;
      }
      out.append(template, i, start);
      int end = template.indexOf('}', start);
      if (end < 0) {
        out.append(template, start, template.length());
        break;
      }
      String name = template.substring(start + 2, end);
      i = end + 1;
      if (name.startsWith("!")) {
        out.append("${").append(name.substring(1)).append('}'); // ${!Literal} is written ${Literal}
        continue;
      }
      name = name.trim();
      Json value;
      if (variables.containsKey(name)) {
        value = variables.get(name);
      } else if (name.contains(".") && !name.startsWith("AWS::")) {
        int dot = name.indexOf('.');
        value =
            getAtt(
                new Json.Arr(
                    List.of(
                        new Json.Str(name.substring(0, dot), position),
                        new Json.Str(name.substring(dot + 1), position)),
                    position),
                position,
                at);
      } else {
        value = ref(name, position, at);
      }
      if (value == null) {
        continue;
      }
      if (containsUnknown(value) || value.scalarText().isEmpty()) {
        isUnknown = true;
        out.append("{{unknown: ").append(name).append("}}");
      } else {
        out.append(value.scalarText().get());
      }
    }
    Json result = str(out.toString(), position, at);
    if (isUnknown) {
      unknown.add(result);
    }
    return result;
  }

  private Json join(Json argument, SourcePosition position, JsonPointer at) {
    JsonPointer argAt = at.child("Fn::Join");
    List<Json> items = arguments(argument, argAt, "Fn::Join", 2, 2);
    String delimiter = text(items.get(0), argAt.child(0), "Fn::Join");
    Json list = required(items.get(1), argAt.child(1));
    if (isUnknown(list)) {
      return unknown("Fn::Join", position, at);
    }
    if (!(list instanceof Json.Arr array)) {
      throw error(
          argAt.child(1),
          items.get(1).position(),
          "Fn::Join takes a list to join, got " + list.describe());
    }
    StringBuilder out = new StringBuilder();
    boolean isUnknown = false;
    for (int i = 0; i < array.elements().size(); i++) {
      Json element = array.elements().get(i);
      if (i > 0) {
        out.append(delimiter);
      }
      if (containsUnknown(element) || element.scalarText().isEmpty()) {
        isUnknown = true;
        out.append("{{unknown}}");
      } else {
        out.append(element.scalarText().get());
      }
    }
    Json result = str(out.toString(), position, at);
    if (isUnknown) {
      unknown.add(result);
    }
    return result;
  }

  private @Nullable Json select(Json argument, SourcePosition position, JsonPointer at) {
    JsonPointer argAt = at.child("Fn::Select");
    List<Json> items = arguments(argument, argAt, "Fn::Select", 2, 2);
    Json indexValue = required(items.get(0), argAt.child(0));
    Json list = required(items.get(1), argAt.child(1));
    if (isUnknown(indexValue) || isUnknown(list)) {
      return unknown("Fn::Select", position, at);
    }
    String index = text(indexValue, argAt.child(0), "Fn::Select");
    if (!index.matches("[0-9]{1,9}")) {
      throw error(
          argAt.child(0),
          items.get(0).position(),
          "Fn::Select takes an index, got \"" + index + "\"");
    }
    if (!(list instanceof Json.Arr array)) {
      throw error(
          argAt.child(1),
          items.get(1).position(),
          "Fn::Select takes a list, got " + list.describe());
    }
    int n = Integer.parseInt(index);
    if (n >= array.elements().size()) {
      throw error(
          argAt.child(0),
          items.get(0).position(),
          "Fn::Select index " + n + " is past the end of a list of " + array.elements().size());
    }
    return array.elements().get(n);
  }

  private Json split(Json argument, SourcePosition position, JsonPointer at) {
    JsonPointer argAt = at.child("Fn::Split");
    List<Json> items = arguments(argument, argAt, "Fn::Split", 2, 2);
    String delimiter = text(items.get(0), argAt.child(0), "Fn::Split");
    Json source = required(items.get(1), argAt.child(1));
    if (isUnknown(source)) {
      return unknown("Fn::Split", position, at);
    }
    String text = text(source, argAt.child(1), "Fn::Split");
    List<Json> parts = new ArrayList<>();
    if (delimiter.isEmpty()) {
      parts.add(str(text, position, at));
    } else {
      int from = 0;
      while (true) {
        int next = text.indexOf(delimiter, from);
        if (next < 0) {
          parts.add(str(text.substring(from), position, at));
          break;
        }
        parts.add(str(text.substring(from, next), position, at));
        from = next + delimiter.length();
      }
    }
    return note(new Json.Arr(parts, position), at);
  }

  private Json findInMap(Json argument, SourcePosition position, JsonPointer at) {
    JsonPointer argAt = at.child("Fn::FindInMap");
    List<Json> items = arguments(argument, argAt, "Fn::FindInMap", 3, 4);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Json key = required(items.get(i), argAt.child(i));
      if (containsUnknown(key)) {
        return unknown("Fn::FindInMap", position, at);
      }
      keys.add(text(key, argAt.child(i), "Fn::FindInMap"));
    }
    Optional<Json> found =
        mappings
            .get(keys.get(0))
            .filter(Json.Obj.class::isInstance)
            .flatMap(m -> ((Json.Obj) m).get(keys.get(1)))
            .filter(Json.Obj.class::isInstance)
            .flatMap(m -> ((Json.Obj) m).get(keys.get(2)));
    if (found.isEmpty()) {
      if (items.size() == 4 && items.get(3) instanceof Json.Obj options) {
        Optional<Json> fallback = options.get("DefaultValue");
        if (fallback.isPresent()) {
          Json value = required(fallback.get(), argAt.child(3).child("DefaultValue"));
          return relocate(value, position, at);
        }
      }
      throw error(argAt, position, "Fn::FindInMap finds nothing at " + String.join(" / ", keys));
    }
    return relocate(found.get(), position, at);
  }

  /** A copy of a mapping's value, at the function's position. */
  private Json relocate(Json value, SourcePosition position, JsonPointer at) {
    Json copy;
    if (value instanceof Json.Obj object) {
      List<Json.Member> members = new ArrayList<>();
      for (Json.Member member : object.members()) {
        members.add(
            new Json.Member(member.name(), position, relocate(member.value(), position, at)));
      }
      copy = new Json.Obj(members, position);
    } else if (value instanceof Json.Arr array) {
      List<Json> elements = new ArrayList<>();
      for (Json element : array.elements()) {
        elements.add(relocate(element, position, at));
      }
      copy = new Json.Arr(elements, position);
    } else if (value instanceof Json.Str s) {
      copy = new Json.Str(s.value(), position);
    } else if (value instanceof Json.Num n) {
      copy = new Json.Num(n.text(), position);
    } else if (value instanceof Json.Bool b) {
      copy = new Json.Bool(b.value(), position);
    } else {
      copy = new Json.Null(position);
    }
    if (isUnknown(value)) {
      unknown.add(copy);
    }
    return note(copy, at);
  }

  private Json cidr(Json argument, SourcePosition position, JsonPointer at) {
    JsonPointer argAt = at.child("Fn::Cidr");
    List<Json> items = arguments(argument, argAt, "Fn::Cidr", 3, 3);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Json value = required(items.get(i), argAt.child(i));
      if (containsUnknown(value) || value.scalarText().isEmpty()) {
        return unknown("Fn::Cidr", position, at);
      }
      values.add(value.scalarText().get());
    }
    Optional<List<String>> blocks = Cidrs.split(values.get(0), values.get(1), values.get(2));
    if (blocks.isEmpty()) {
      throw error(
          argAt,
          position,
          "Fn::Cidr cannot split "
              + values.get(0)
              + " into "
              + values.get(1)
              + " blocks of "
              + values.get(2)
              + " host bits");
    }
    List<Json> out = new ArrayList<>();
    for (String block : blocks.get()) {
      out.add(str(block, position, at));
    }
    return note(new Json.Arr(out, position), at);
  }

  // ------------------------------------------------------------------ conditions

  private @Nullable Json ifFunction(Json argument, SourcePosition position, JsonPointer at) {
    JsonPointer argAt = at.child("Fn::If");
    List<Json> items = arguments(argument, argAt, "Fn::If", 3, 3);
    String name = text(items.get(0), argAt.child(0), "Fn::If");
    if (conditions.get(name).isEmpty()) {
      throw error(
          argAt.child(0),
          items.get(0).position(),
          "Fn::If on \"" + name + "\", which is not a condition of the template");
    }
    Boolean value =
        assignment.containsKey(name) ? assignment.get(name) : decided(name).orElse(null);
    if (value == null) {
      if (strict) {
        throw new Undecided();
      }
      return unknown("Fn::If " + name, position, at);
    }
    int branch = value ? 1 : 2;
    return resolve(items.get(branch), argAt.child(branch));
  }

  /**
   * The value of a named condition from the user's values and given pseudo parameters alone; empty
   * when it depends on anything else.
   */
  Optional<Boolean> decided(String name) {
    Optional<Boolean> known = decided.get(name);
    if (known != null) {
      return known;
    }
    Optional<Json> definition = conditions.get(name);
    if (definition.isEmpty() || !deciding.add(name)) {
      return Optional.empty();
    }
    Map<String, Boolean> saved = assignment;
    assignment = Map.of();
    Boolean value;
    try {
      value = condition(definition.get(), JsonPointer.ROOT.child("Conditions").child(name), false);
    } finally {
      assignment = saved;
      deciding.remove(name);
    }
    Optional<Boolean> result = Optional.ofNullable(value);
    decided.put(name, result);
    return result;
  }

  /**
   * Whether {@code assignment} of undecided conditions can happen: no condition in it is defined,
   * through the others' assigned values, as the opposite of its assigned value.
   */
  boolean consistent(Map<String, Boolean> candidate) {
    Map<String, Boolean> saved = assignment;
    assignment = Map.copyOf(candidate);
    try {
      for (Map.Entry<String, Boolean> entry : candidate.entrySet()) {
        Optional<Json> definition = conditions.get(entry.getKey());
        if (definition.isEmpty()) {
          continue;
        }
        Map<String, Boolean> others = new HashMap<>(candidate);
        others.remove(entry.getKey());
        assignment = others;
        Boolean implied =
            condition(
                definition.get(), JsonPointer.ROOT.child("Conditions").child(entry.getKey()), true);
        if (implied != null && !implied.equals(entry.getValue())) {
          return false;
        }
      }
      return true;
    } finally {
      assignment = saved;
    }
  }

  /** A condition expression's value, or null when it is not decided. */
  private @Nullable Boolean condition(Json expression, JsonPointer at, boolean useAssignment) {
    if (!(expression instanceof Json.Obj object) || object.members().size() != 1) {
      throw error(
          at,
          expression.position(),
          "a condition is one of Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition");
    }
    Json.Member only = object.members().get(0);
    JsonPointer argAt = at.child(only.name());
    switch (only.name()) {
      case "Condition" -> {
        String name = text(only.value(), argAt, "Condition");
        if (useAssignment && assignment.containsKey(name)) {
          return assignment.get(name);
        }
        if (defaults) {
          return withDefaults(name, new HashSet<>());
        }
        return decided(name).orElse(null);
      }
      case "Fn::Not" -> {
        List<Json> items = arguments(only.value(), argAt, "Fn::Not", 1, 1);
        Boolean value = condition(items.get(0), argAt.child(0), useAssignment);
        return value == null ? null : !value;
      }
      case "Fn::And", "Fn::Or" -> {
        boolean and = only.name().equals("Fn::And");
        List<Json> items = arguments(only.value(), argAt, only.name(), 1, 10);
        boolean undecided = false;
        for (int i = 0; i < items.size(); i++) {
          Boolean value = condition(items.get(i), argAt.child(i), useAssignment);
          if (value == null) {
            undecided = true;
          } else if (value != and) {
            return !and;
          }
        }
        return undecided ? null : and;
      }
      case "Fn::Equals" -> {
        List<Json> items = arguments(only.value(), argAt, "Fn::Equals", 2, 2);
        boolean outer = strict;
        strict = !defaults;
        try {
          Json left = resolve(items.get(0), argAt.child(0));
          Json right = resolve(items.get(1), argAt.child(1));
          if (left == null || right == null || containsUnknown(left) || containsUnknown(right)) {
            return null;
          }
          Optional<String> l = left.scalarText();
          Optional<String> r = right.scalarText();
          if (l.isPresent() && r.isPresent()) {
            return l.get().equals(r.get());
          }
          return JsonWriter.compact(left).equals(JsonWriter.compact(right));
        } catch (Undecided e) {
          return null;
        } finally {
          strict = outer;
        }
      }
      default -> {
        throw error(
            argAt,
            only.namePosition(),
            "a condition is one of Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition, got "
                + only.name());
      }
    }
  }
}
