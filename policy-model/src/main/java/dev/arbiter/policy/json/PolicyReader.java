package dev.arbiter.policy.json;

import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Actions;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionBlock;
import dev.arbiter.policy.ConditionKey;
import dev.arbiter.policy.ConditionOperator;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyVersion;
import dev.arbiter.policy.Principal;
import dev.arbiter.policy.PrincipalType;
import dev.arbiter.policy.Principals;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Resources;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.Template;
import dev.arbiter.policy.internal.OneLine;
import dev.arbiter.policy.internal.Spelling;
import dev.arbiter.policy.internal.TemplateReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Policy} from a {@link Json} tree: a whole document, or the sub-tree of a policy
 * embedded in a larger file (a scenario, an account snapshot), whose positions are then positions
 * in that file while its pointers start at the policy. It reports every problem it can find in one
 * pass, skipping the element at fault and going on, and throws once at the end.
 */
public final class PolicyReader {

  /**
   * What a policy document may be: {@link Policy#MAX_DOCUMENT_BYTES}, and about six levels deep.
   */
  public static final Limits LIMITS = new Limits(Policy.MAX_DOCUMENT_BYTES, 32);

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

  /**
   * Parses a policy document from text.
   *
   * @throws PolicyParseException if it is not JSON or not a policy
   */
  public static Policy parse(String json) {
    Json tree;
    try {
      tree = JsonReader.read(json, LIMITS);
    } catch (JsonReadException e) {
      throw problems(e);
    }
    return read(tree);
  }

  /**
   * Parses a policy document from UTF-8 bytes.
   *
   * @throws PolicyParseException if they are not UTF-8 JSON or not a policy
   */
  public static Policy parse(byte[] utf8) {
    Json tree;
    try {
      tree = JsonReader.read(utf8, LIMITS);
    } catch (JsonReadException e) {
      throw problems(e);
    }
    return read(tree);
  }

  /** The problems of a document that is not JSON, as a policy reader words them. */
  public static PolicyParseException problems(JsonReadException e) {
    List<PolicyProblem> problems = new ArrayList<>();
    for (JsonReadException.Problem problem : e.problems()) {
      problems.add(new PolicyProblem("JSON_SYNTAX_ERROR", problem.location(), message(problem)));
    }
    return new PolicyParseException(problems);
  }

  /**
   * A size in bytes as a reader would say it: {@code 2.4 MiB}. Readers stop one byte past the
   * limit, so that count means "over 1 MiB", not an exact size.
   */
  private static String size(String bytes) {
    long n;
    try {
      n = Long.parseLong(bytes);
    } catch (NumberFormatException e) {
      return bytes + " bytes";
    }
    if (n == Policy.MAX_DOCUMENT_BYTES + 1L) {
      return "over 1 MiB";
    }
    return String.format(java.util.Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024.0));
  }

  private static String message(JsonReadException.Problem problem) {
    return switch (problem.kind()) {
      case EMPTY -> "document is empty; a policy is a JSON object";
      case TOO_LARGE ->
          "document is "
              + size(problem.detail())
              + "; the limit is "
              + Policy.MAX_DOCUMENT_BYTES
              + " bytes (1 MiB), and the largest policy IAM accepts is far smaller";
      case BYTE_ORDER_MARK ->
          "document starts with a byte-order mark; save it as UTF-8 without a BOM";
      case UTF16 ->
          "document is UTF-16 (it starts with a UTF-16 byte-order mark); IAM policies are UTF-8";
      case INVALID_UTF8 ->
          "invalid UTF-8 at byte " + problem.detail() + "; IAM policies are UTF-8 text";
      case SYNTAX -> problem.detail();
      case TOO_DEEP ->
          "JSON nests deeper than " + problem.detail() + " levels; a policy needs about six";
      case DUPLICATE_NAME ->
          "duplicate member "
              + OneLine.quote(problem.detail())
              + "; each name may appear once in an object";
      case TRAILING_CONTENT ->
          "unexpected content after the end of the policy object; a file holds one policy";
    };
  }

  /**
   * Reads a policy from a tree: positions come from the tree, pointers start at {@code root}.
   *
   * @throws PolicyParseException if the tree is not a policy, with every problem found
   */
  public static Policy read(Json root) {
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
          "DATA_TYPE_MISMATCH", location, "a policy must be a JSON object, got " + root.describe());
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
              "Version must be \"2012-10-17\" or \"2008-10-17\", got " + OneLine.quote(text));
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
              "a statement must be a JSON object, got " + element.describe());
        }
      }
    } else {
      problem(
          "DATA_TYPE_MISMATCH",
          at(statementPointer, statementMember.value()),
          "Statement must be an object or an array of objects, got "
              + statementMember.value().describe());
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
              "Effect must be \"Allow\" or \"Deny\", got " + OneLine.quote(text));
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
    List<LocatedText> values = strings(member.value(), pointer, member.name());
    if (values == null) {
      return null;
    }
    List<ActionPattern> patterns = new ArrayList<>(values.size());
    for (LocatedText value : values) {
      patterns.add(new ActionPattern(value.text, value.location));
    }
    return new Actions(member.name().equals("NotAction"), patterns, at(pointer, member.value()));
  }

  private @Nullable Resources resources(Json.Member member, JsonPointer statement) {
    JsonPointer pointer = statement.child(member.name());
    List<LocatedText> values = strings(member.value(), pointer, member.name());
    if (values == null) {
      return null;
    }
    List<ResourcePattern> patterns = new ArrayList<>(values.size());
    for (LocatedText value : values) {
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
              + OneLine.quote(text.value()));
      return null;
    }
    if (!(value instanceof Json.Obj object)) {
      problem(
          "INVALID_PRINCIPAL_FORMAT",
          location,
          member.name() + " must be \"*\" or an object, got " + value.describe());
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
                + OneLine.quote(entry.name())
                + suggestion(entry.name(), List.of("AWS", "Service", "Federated", "CanonicalUser"))
                + "; expected AWS, Service, Federated or CanonicalUser");
        ok = false;
        continue;
      }
      List<LocatedText> strings =
          strings(entry.value(), entryPointer, member.name() + "/" + entry.name());
      if (strings == null) {
        ok = false;
        continue;
      }
      List<Principal> list = new ArrayList<>(strings.size());
      for (LocatedText string : strings) {
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
          "Condition must be an object of operators, got " + member.value().describe());
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
                + OneLine.quote(operatorMember.name())
                + " must be an object of condition keys, got "
                + operatorMember.value().describe());
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
                + element.describe());
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
  private @Nullable List<LocatedText> strings(Json value, JsonPointer pointer, String elementName) {
    if (value instanceof Json.Str string) {
      return List.of(new LocatedText(string.value(), at(pointer, value)));
    }
    if (value instanceof Json.Arr array) {
      List<LocatedText> out = new ArrayList<>(array.elements().size());
      boolean ok = true;
      for (int i = 0; i < array.elements().size(); i++) {
        Json element = array.elements().get(i);
        if (element instanceof Json.Str string) {
          out.add(new LocatedText(string.value(), at(pointer.child(i), element)));
        } else {
          problem(
              "DATA_TYPE_MISMATCH",
              at(pointer.child(i), element),
              "each entry of " + elementName + " must be a string, got " + element.describe());
          ok = false;
        }
      }
      return ok ? out : null;
    }
    problem(
        "DATA_TYPE_MISMATCH",
        at(pointer, value),
        elementName + " must be a string or an array of strings, got " + value.describe());
    return null;
  }

  private @Nullable String string(Json.Member member, JsonPointer pointer) {
    if (member.value() instanceof Json.Str string) {
      return string.value();
    }
    problem(
        "DATA_TYPE_MISMATCH",
        at(pointer, member.value()),
        member.name() + " must be a string, got " + member.value().describe());
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
                + OneLine.quote(member.name())
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

  private static SourceLocation at(JsonPointer pointer, Json value) {
    return SourceLocation.of(pointer, value.position());
  }

  private void problem(String code, SourceLocation location, String message) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(new PolicyProblem(code, location, message));
    }
  }

  private record LocatedText(String text, SourceLocation location) {}
}
