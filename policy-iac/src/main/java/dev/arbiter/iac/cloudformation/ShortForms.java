package dev.arbiter.iac.cloudformation;

import dev.arbiter.iac.TemplateException;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.YamlReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * CloudFormation's YAML short forms: {@code !Ref x} and {@code !Condition x} become {@code {"Ref":
 * x}} and {@code {"Condition": x}}, every other {@code !X} becomes {@code {"Fn::X": ...}}, and a
 * scalar {@code !GetAtt A.B.C} becomes {@code ["A", "B.C"]}. The long form takes the tag's
 * position. Standard YAML tags ({@code !!str}) are left to the reader; the rain packager's
 * directives ({@code !Rain::Embed}) stay as {@code {"Rain::Embed": ...}}, whose value is unknown
 * until rain replaces it; any other tag, and a scalar {@code !GetAtt} without a dot, is an error.
 *
 * <p>An error does not stop the reading: it is kept ({@link #errors()}), and the value becomes a
 * marker node that the resolver rejects with the same error wherever a policy uses it ({@link
 * #error}), so that only the part of the template holding it is left unread. One instance reads one
 * template.
 */
final class ShortForms implements YamlReader.Tags {
  /** The marker nodes, by identity, with their error. */
  private final IdentityHashMap<Json, TemplateException> markers = new IdentityHashMap<>();

  private final List<TemplateException> errors = new ArrayList<>();

  /** The functions with a short form, as the template reference lists them (rules' too). */
  static final Set<String> FUNCTIONS =
      Set.of(
          "Base64",
          "Cidr",
          "FindInMap",
          "GetAtt",
          "GetAZs",
          "ImportValue",
          "Join",
          "Select",
          "Split",
          "Sub",
          "Transform",
          "And",
          "Equals",
          "If",
          "Not",
          "Or",
          "ToJsonString",
          "Length",
          "ForEach",
          "Contains",
          "EachMemberEquals",
          "EachMemberIn",
          "RefAll",
          "ValueOf",
          "ValueOfAll");

  ShortForms() {}

  /** The errors met, in reading order. */
  List<TemplateException> errors() {
    return List.copyOf(errors);
  }

  /** The error {@code node} stands for, if it is a marker of this reading. */
  @Nullable TemplateException error(Json node) {
    return markers.get(node);
  }

  private Json marker(String tag, Json value, TemplateException error) {
    Json node =
        new Json.Obj(
            List.of(new Json.Member("!" + tag, value.position(), value)), value.position());
    markers.put(node, error);
    errors.add(error);
    return node;
  }

  @Override
  public Json tagged(String tag, Json value, JsonPointer pointer) {
    if (tag.startsWith("tag:yaml.org,2002:")) {
      return value;
    }
    String key;
    if (tag.equals("Ref") || tag.equals("Condition")) {
      key = tag;
    } else if (tag.startsWith("Rain::")) {
      key = tag; // a directive of the rain packager, replaced before deployment: unknown here
    } else if (FUNCTIONS.contains(tag)) {
      key = "Fn::" + tag;
    } else {
      return marker(
          tag,
          value,
          new TemplateException(
              pointer,
              value.position(),
              "unknown tag !"
                  + tag
                  + "; CloudFormation's short forms are !Ref, !Condition and !"
                  + String.join(", !", FUNCTIONS.stream().sorted().toList())));
    }
    Json argument = value;
    if (tag.equals("GetAtt") && value instanceof Json.Str name) {
      int dot = name.value().indexOf('.');
      if (dot <= 0 || dot == name.value().length() - 1) {
        return marker(
            tag,
            value,
            new TemplateException(
                pointer,
                value.position(),
                "!GetAtt takes Resource.Attribute, got \"" + name.value() + "\""));
      }
      argument =
          new Json.Arr(
              List.of(
                  new Json.Str(name.value().substring(0, dot), value.position()),
                  new Json.Str(name.value().substring(dot + 1), value.position())),
              value.position());
    }
    return new Json.Obj(
        List.of(new Json.Member(key, value.position(), argument)), value.position());
  }
}
