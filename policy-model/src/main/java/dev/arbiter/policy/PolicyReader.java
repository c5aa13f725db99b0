package dev.arbiter.policy;

import dev.arbiter.policy.internal.Spelling;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Policy} from a {@link Json} tree. It reports every problem it can find in one
 * pass, skipping the element at fault and going on, and throws once at the end.
 */
final class PolicyReader {

  private static final List<String> POLICY_ELEMENTS = List.of("Version", "Id", "Statement");
  private static final List<String> STATEMENT_ELEMENTS =
      List.of(
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition");
  private static final int MAX_PROBLEMS = 100;

  private final List<PolicyProblem> problems = new ArrayList<>();
  private boolean variables;

  private PolicyReader() {}

  static Policy read(Json root) {
    PolicyReader reader = new PolicyReader();
    Policy policy = reader.policy(root);
    if (!reader.problems.isEmpty() || policy == null) {
      throw new PolicyParseException(reader.problems);
    }
    return policy;
  }

  private @Nullable Policy policy(Json root) {
    SourceLocation location = SourceLocation.of(JsonPointer.ROOT, root.position());
    if (!(root instanceof Json.Obj object)) {
      problem(
          "DATA_TYPE_MISMATCH",
          location,
          "a policy must be a JSON object, got " + article(root.typeName()));
      return null;
    }
    unknownMembers(object, JsonPointer.ROOT, POLICY_ELEMENTS, "the policy");

    Optional<PolicyVersion> version = Optional.empty();
    Json.Member versionMember = object.member("Version");
    if (versionMember != null) {
      String text = string(versionMember, JsonPointer.ROOT.child("Version"));
      if (text != null) {
        version = PolicyVersion.fromJson(text);
        if (version.isEmpty()) {
          problem(
              "INVALID_VERSION",
              at(JsonPointer.ROOT.child("Version"), versionMember.value()),
              "Version must be \"2012-10-17\" or \"2008-10-17\", got " + Text.quote(text));
        }
      }
    }
    variables = version.orElse(null) == PolicyVersion.V2012_10_17;

    Optional<String> id = Optional.empty();
    Json.Member idMember = object.member("Id");
    if (idMember != null) {
      id = Optional.ofNullable(string(idMember, JsonPointer.ROOT.child("Id")));
    }

    List<Statement> statements = new ArrayList<>();
    Json.Member statementMember = object.member("Statement");
    JsonPointer statementPointer = JsonPointer.ROOT.child("Statement");
    if (statementMember == null) {
      problem("MISSING_STATEMENT", location, "the policy has no Statement element");
    } else if (statementMember.value() instanceof Json.Obj single) {
      addStatement(statements, single, statementPointer);
    } else if (statementMember.value() instanceof Json.Arr array) {
      for (int i = 0; i < array.elements().size(); i++) {
        Json element = array.elements().get(i);
        JsonPointer pointer = statementPointer.child(i);
        if (element instanceof Json.Obj statementObject) {
          addStatement(statements, statementObject, pointer);
        } else {
          problem(
              "DATA_TYPE_MISMATCH",
              at(pointer, element),
              "a statement must be a JSON object, got " + article(element.typeName()));
        }
      }
    } else {
      problem(
          "DATA_TYPE_MISMATCH",
          at(statementPointer, statementMember.value()),
          "Statement must be an object or an array of objects, got "
              + article(statementMember.value().typeName()));
    }
    return new Policy(version, id, statements, location);
  }

  private void addStatement(List<Statement> statements, Json.Obj object, JsonPointer pointer) {
    int before = problems.size();
    Statement statement = statement(object, pointer);
    if (statement != null && problems.size() == before) {
      statements.add(statement);
    }
  }

  private @Nullable Statement statement(Json.Obj object, JsonPointer pointer) {
    SourceLocation location = SourceLocation.of(pointer, object.position());
    unknownMembers(object, pointer, STATEMENT_ELEMENTS, "a statement");

    Optional<String> sid = Optional.empty();
    Json.Member sidMember = object.member("Sid");
    if (sidMember != null) {
      sid = Optional.ofNullable(string(sidMember, pointer.child("Sid")));
    }

    Effect effect = null;
    Json.Member effectMember = object.member("Effect");
    if (effectMember == null) {
      problem(
          "MISSING_EFFECT",
          location,
          "the statement has no Effect; add \"Effect\": \"Allow\" or \"Deny\"");
    } else {
      String text = string(effectMember, pointer.child("Effect"));
      if (text != null) {
        effect = Effect.fromJson(text).orElse(null);
        if (effect == null) {
          problem(
              "INVALID_EFFECT",
              at(pointer.child("Effect"), effectMember.value()),
              "Effect must be \"Allow\" or \"Deny\", got " + Text.quote(text));
        }
      }
    }

    Json.Member principalMember = exclusive(object, pointer, "Principal", "NotPrincipal");
    Optional<Principals> principals =
        principalMember == null
            ? Optional.empty()
            : Optional.ofNullable(principals(principalMember, pointer));

    Json.Member actionMember = exclusive(object, pointer, "Action", "NotAction");
    Actions actions = null;
    if (actionMember == null) {
      if (object.member("Action") == null && object.member("NotAction") == null) {
        problem("MISSING_ACTION", location, "the statement has neither Action nor NotAction");
      }
    } else {
      actions = actions(actionMember, pointer);
    }

    Json.Member resourceMember = exclusive(object, pointer, "Resource", "NotResource");
    Optional<Resources> resources =
        resourceMember == null
            ? Optional.empty()
            : Optional.ofNullable(resources(resourceMember, pointer));

    Optional<ConditionBlock> condition = Optional.empty();
    Json.Member conditionMember = object.member("Condition");
    if (conditionMember != null) {
      condition = Optional.ofNullable(conditionBlock(conditionMember, pointer.child("Condition")));
    }

    if (effect == null || actions == null) {
      return null;
    }
    return new Statement(sid, effect, principals, actions, resources, condition, location);
  }

  /** The one member of a mutually exclusive pair that is present, or null (reporting both). */
  private Json.@Nullable Member exclusive(
      Json.Obj object, JsonPointer pointer, String name, String negatedName) {
    Json.Member plain = object.member(name);
    Json.Member negated = object.member(negatedName);
    if (plain != null && negated != null) {
      problem(
          "UNSUPPORTED_ELEMENT_COMBINATION",
          SourceLocation.of(pointer.child(negatedName), negated.namePosition()),
          "a statement may have " + name + " or " + negatedName + ", not both");
      return null;
    }
    return plain != null ? plain : negated;
  }

  private @Nullable Actions actions(Json.Member member, JsonPointer statement) {
    JsonPointer pointer = statement.child(member.name());
    List<Located> values = strings(member.value(), pointer, member.name());
    if (values == null) {
      return null;
    }
    List<ActionPattern> patterns = new ArrayList<>(values.size());
    for (Located value : values) {
      patterns.add(new ActionPattern(value.text, value.location));
    }
    return new Actions(member.name().equals("NotAction"), patterns, at(pointer, member.value()));
  }

  private @Nullable Resources resources(Json.Member member, JsonPointer statement) {
    JsonPointer pointer = statement.child(member.name());
    List<Located> values = strings(member.value(), pointer, member.name());
    if (values == null) {
      return null;
    }
    List<ResourcePattern> patterns = new ArrayList<>(values.size());
    for (Located value : values) {
      Template template = template(value.text, variables, value.location);
      if (template != null) {
        patterns.add(new ResourcePattern(value.text, template, value.location));
      }
    }
    return new Resources(
        member.name().equals("NotResource"), patterns, at(pointer, member.value()));
  }

  private @Nullable Principals principals(Json.Member member, JsonPointer statement) {
    JsonPointer pointer = statement.child(member.name());
    boolean negated = member.name().equals("NotPrincipal");
    Json value = member.value();
    SourceLocation location = at(pointer, value);
    if (value instanceof Json.Str text) {
      if (text.value().equals("*")) {
        return new Principals(negated, true, Map.of(), location);
      }
      problem(
          "INVALID_PRINCIPAL_FORMAT",
          location,
          member.name()
              + " must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}, got "
              + Text.quote(text.value()));
      return null;
    }
    if (!(value instanceof Json.Obj object)) {
      problem(
          "INVALID_PRINCIPAL_FORMAT",
          location,
          member.name() + " must be \"*\" or an object, got " + article(value.typeName()));
      return null;
    }
    Map<PrincipalType, List<Principal>> values = new EnumMap<>(PrincipalType.class);
    boolean ok = true;
    for (Json.Member entry : object.members()) {
      JsonPointer entryPointer = pointer.child(entry.name());
      Optional<PrincipalType> type = PrincipalType.fromJson(entry.name());
      if (type.isEmpty()) {
        problem(
            "INVALID_PRINCIPAL_KEY",
            SourceLocation.of(entryPointer, entry.namePosition()),
            "unknown principal type "
                + Text.quote(entry.name())
                + suggestion(entry.name(), List.of("AWS", "Service", "Federated", "CanonicalUser"))
                + "; expected AWS, Service, Federated or CanonicalUser");
        ok = false;
        continue;
      }
      List<Located> strings =
          strings(entry.value(), entryPointer, member.name() + "/" + entry.name());
      if (strings == null) {
        ok = false;
        continue;
      }
      List<Principal> list = new ArrayList<>(strings.size());
      for (Located string : strings) {
        list.add(new Principal(type.get(), string.text, string.location));
      }
      values.put(type.get(), list);
    }
    return ok ? new Principals(negated, false, values, location) : null;
  }

  private @Nullable ConditionBlock conditionBlock(Json.Member member, JsonPointer pointer) {
    if (!(member.value() instanceof Json.Obj block)) {
      problem(
          "DATA_TYPE_MISMATCH",
          at(pointer, member.value()),
          "Condition must be an object of operators, got " + article(member.value().typeName()));
      return null;
    }
    List<Condition> conditions = new ArrayList<>();
    int before = problems.size();
    for (Json.Member operatorMember : block.members()) {
      JsonPointer operatorPointer = pointer.child(operatorMember.name());
      SourceLocation operatorLocation =
          SourceLocation.of(operatorPointer, operatorMember.namePosition());
      ConditionOperator operator = ConditionOperator.parse(operatorMember.name());
      if (!(operatorMember.value() instanceof Json.Obj keys)) {
        problem(
            "DATA_TYPE_MISMATCH",
            at(operatorPointer, operatorMember.value()),
            "the value of condition operator "
                + Text.quote(operatorMember.name())
                + " must be an object of condition keys, got "
                + article(operatorMember.value().typeName()));
        continue;
      }
      for (Json.Member keyMember : keys.members()) {
        JsonPointer keyPointer = operatorPointer.child(keyMember.name());
        List<ConditionValue> values = conditionValues(operator, keyMember.value(), keyPointer);
        if (values != null) {
          conditions.add(
              new Condition(
                  operator,
                  new ConditionKey(keyMember.name()),
                  values,
                  operatorLocation,
                  SourceLocation.of(keyPointer, keyMember.namePosition())));
        }
      }
    }
    return problems.size() == before ? new ConditionBlock(conditions, at(pointer, block)) : null;
  }

  private @Nullable List<ConditionValue> conditionValues(
      ConditionOperator operator, Json value, JsonPointer pointer) {
    List<Json> elements;
    List<JsonPointer> pointers = new ArrayList<>();
    if (value instanceof Json.Arr array) {
      elements = array.elements();
      for (int i = 0; i < elements.size(); i++) {
        pointers.add(pointer.child(i));
      }
    } else {
      elements = List.of(value);
      pointers.add(pointer);
    }
    List<ConditionValue> values = new ArrayList<>(elements.size());
    boolean ok = true;
    for (int i = 0; i < elements.size(); i++) {
      Json element = elements.get(i);
      SourceLocation location = at(pointers.get(i), element);
      String text;
      ConditionValue.JsonType type;
      if (element instanceof Json.Str string) {
        text = string.value();
        type = ConditionValue.JsonType.STRING;
      } else if (element instanceof Json.Num number) {
        text = number.text();
        type = ConditionValue.JsonType.NUMBER;
      } else if (element instanceof Json.Bool bool) {
        text = Boolean.toString(bool.value());
        type = ConditionValue.JsonType.BOOLEAN;
      } else {
        problem(
            "DATA_TYPE_MISMATCH",
            location,
            "a condition value must be a string, number or boolean (or an array of them), got "
                + article(element.typeName()));
        ok = false;
        continue;
      }
      Template template = conditionTemplate(operator, text, location);
      if (template == null) {
        ok = false;
        continue;
      }
      values.add(new ConditionValue(text, type, template, location));
    }
    return ok ? values : null;
  }

  private @Nullable Template conditionTemplate(
      ConditionOperator operator, String text, SourceLocation location) {
    BaseOperator.Family family = operator.base().family();
    if (family == BaseOperator.Family.STRING
        || family == BaseOperator.Family.ARN
        || family == BaseOperator.Family.BOOL) {
      return template(text, variables && operator.base().supportsVariables(), location);
    }
    // Numeric, Date, Binary, IP and Null values take neither wildcards nor variables.
    return Template.literal(text);
  }

  private @Nullable Template template(String text, boolean withVariables, SourceLocation location) {
    try {
      return TemplateReader.parse(text, withVariables, location);
    } catch (PolicyParseException e) {
      e.problems().forEach(p -> problem(p.code(), p.location(), p.message()));
      return null;
    }
  }

  /** A string or array of strings; null (after reporting) for any other shape. */
  private @Nullable List<Located> strings(Json value, JsonPointer pointer, String elementName) {
    if (value instanceof Json.Str string) {
      return List.of(new Located(string.value(), at(pointer, value)));
    }
    if (value instanceof Json.Arr array) {
      List<Located> out = new ArrayList<>(array.elements().size());
      boolean ok = true;
      for (int i = 0; i < array.elements().size(); i++) {
        Json element = array.elements().get(i);
        if (element instanceof Json.Str string) {
          out.add(new Located(string.value(), at(pointer.child(i), element)));
        } else {
          problem(
              "DATA_TYPE_MISMATCH",
              at(pointer.child(i), element),
              "each entry of "
                  + elementName
                  + " must be a string, got "
                  + article(element.typeName()));
          ok = false;
        }
      }
      return ok ? out : null;
    }
    problem(
        "DATA_TYPE_MISMATCH",
        at(pointer, value),
        elementName + " must be a string or an array of strings, got " + article(value.typeName()));
    return null;
  }

  private @Nullable String string(Json.Member member, JsonPointer pointer) {
    if (member.value() instanceof Json.Str string) {
      return string.value();
    }
    problem(
        "DATA_TYPE_MISMATCH",
        at(pointer, member.value()),
        member.name() + " must be a string, got " + article(member.value().typeName()));
    return null;
  }

  private void unknownMembers(
      Json.Obj object, JsonPointer pointer, List<String> known, String what) {
    for (Json.Member member : object.members()) {
      if (!known.contains(member.name())) {
        problem(
            "INVALID_POLICY_ELEMENT",
            SourceLocation.of(pointer.child(member.name()), member.namePosition()),
            "unknown element "
                + Text.quote(member.name())
                + " in "
                + what
                + suggestion(member.name(), known)
                + "; expected "
                + String.join(", ", known));
      }
    }
  }

  private static String suggestion(String input, List<String> candidates) {
    return Spelling.closest(input, candidates)
        .map(s -> " (did you mean \"" + s + "\"?)")
        .orElse("");
  }

  private static String article(String typeName) {
    if (typeName.equals("null")) {
      return "null";
    }
    return (typeName.startsWith("a") || typeName.startsWith("o") ? "an " : "a ") + typeName;
  }

  private static SourceLocation at(JsonPointer pointer, Json value) {
    return SourceLocation.of(pointer, value.position());
  }

  private void problem(String code, SourceLocation location, String message) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(new PolicyProblem(code, location, message));
    }
  }

  private record Located(String text, SourceLocation location) {}
}
