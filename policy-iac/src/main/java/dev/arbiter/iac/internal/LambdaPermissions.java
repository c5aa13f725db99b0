package dev.arbiter.iac.internal;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The resource-based policy Lambda keeps for a function (or layer version), built from the
 * permission resources of a template or plan ({@code AWS::Lambda::Permission}, {@code
 * AWS::Lambda::LayerVersionPermission}, {@code aws_lambda_permission}). Each permission is one
 * statement, as {@code AddPermission} writes it: its statement ID as {@code Sid}, the principal as
 * Lambda stores it ({@code "*"} as is, an account ID as its root ARN under {@code AWS}, an ARN
 * under {@code AWS}, anything else, a service, under {@code Service}), the action on the function's
 * ARN (a name or partial ARN completed with the placeholders, plus the qualifier), and {@code
 * StringEquals} {@code AWS:SourceAccount}, {@code aws:PrincipalOrgID}, {@code
 * lambda:FunctionUrlAuthType}, {@code lambda:EventSourceToken} and {@code ArnLike} {@code
 * AWS:SourceArn}, spelled as Lambda writes them. All the statements on one function and qualifier
 * (one layer version) are one policy, as Lambda keeps one policy per function (docs/templates.md,
 * "Lambda permissions"); a permission whose target is not known offline is a policy of its own.
 *
 * <p>Every element has the position of the property it comes from, and its origin is that
 * property's pointer in the file. Not API: shared by the CloudFormation and Terraform readers.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html">Viewing
 *     resource-based IAM policies in Lambda</a>
 * @see <a
 *     href="https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html">AddPermission</a>
 */
public final class LambdaPermissions {
  private LambdaPermissions() {}

  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern PARTIAL_ARN = Pattern.compile("[0-9]{12}:function:.+");

  /** What a permission sets, by what {@code AddPermission} calls it. */
  public enum Property {
    /** {@code StatementId}; CloudFormation has none and uses the logical ID. */
    STATEMENT_ID,
    PRINCIPAL,
    ACTION,
    /** The function's name or ARN, or the layer version's ARN. */
    TARGET,
    /** The function's version or alias, when given apart from the name. */
    QUALIFIER,
    SOURCE_ACCOUNT,
    SOURCE_ARN,
    /** {@code PrincipalOrgID}, or a layer permission's {@code OrganizationId}. */
    PRINCIPAL_ORG_ID,
    FUNCTION_URL_AUTH_TYPE,
    EVENT_SOURCE_TOKEN
  }

  /**
   * One property as the reader resolved it.
   *
   * @param value the value, with its position in the file
   * @param origin where the property is in the file
   * @param unknown whether the value is not known offline
   */
  public record Field(Json value, JsonPointer origin, boolean unknown) {
    /** Checks that nothing is null. */
    public Field {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(origin, "origin");
    }

    String text() {
      return value.scalarText().orElse("");
    }

    boolean present() {
      return unknown || !text().isEmpty();
    }
  }

  /**
   * One permission resource.
   *
   * @param resource its logical ID or address
   * @param resourceType its type
   * @param layer whether it grants use of a layer version rather than a function
   * @param at where its properties (or values) are in the file
   * @param position where they start
   * @param fields what it sets
   */
  public record Permission(
      String resource,
      String resourceType,
      boolean layer,
      JsonPointer at,
      SourcePosition position,
      Map<Property, Field> fields) {
    /** Copies the fields. */
    public Permission {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(resourceType, "resourceType");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(position, "position");
      fields = fields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(fields));
    }

    @Nullable Field field(Property property) {
      return fields.get(property);
    }
  }

  /**
   * The statement Lambda writes for one permission.
   *
   * @param permission the permission
   * @param statement the statement
   * @param unknowns pointers, relative to the statement, of values not known offline
   * @param origins where in the file each element comes from, by pointer relative to the statement
   * @param target the function's ARN with its qualifier (or the layer version's ARN), or "" when it
   *     is not known offline
   */
  public record Statement(
      Permission permission,
      Json.Obj statement,
      Set<JsonPointer> unknowns,
      Map<JsonPointer, JsonPointer> origins,
      String target) {
    /** Copies the collections. */
    public Statement {
      unknowns = Set.copyOf(unknowns);
      origins = Map.copyOf(origins);
    }
  }

  /** The statement Lambda writes for {@code permission}. */
  public static Statement statement(Permission permission, Placeholders placeholders) {
    Builder b = new Builder(permission);
    SourcePosition where = permission.position();
    Field sid = permission.field(Property.STATEMENT_ID);
    if (sid != null && !sid.unknown() && !sid.text().isEmpty()) {
      b.add("Sid", sid);
    }
    b.members.add(new Json.Member("Effect", where, new Json.Str("Allow", where)));
    principal(b, b.required(Property.PRINCIPAL), placeholders);
    b.add("Action", b.required(Property.ACTION));
    String target = resource(b, placeholders);
    List<Json.Member> operators = new ArrayList<>();
    condition(
        b,
        operators,
        "StringEquals",
        List.of(
            Map.entry(Property.SOURCE_ACCOUNT, "AWS:SourceAccount"),
            Map.entry(Property.PRINCIPAL_ORG_ID, "aws:PrincipalOrgID"),
            Map.entry(Property.FUNCTION_URL_AUTH_TYPE, "lambda:FunctionUrlAuthType"),
            Map.entry(Property.EVENT_SOURCE_TOKEN, "lambda:EventSourceToken")));
    condition(b, operators, "ArnLike", List.of(Map.entry(Property.SOURCE_ARN, "AWS:SourceArn")));
    if (!operators.isEmpty()) {
      SourcePosition at = operators.get(0).namePosition();
      b.members.add(new Json.Member("Condition", at, new Json.Obj(operators, at)));
    }
    return new Statement(permission, new Json.Obj(b.members, where), b.unknowns, b.origins, target);
  }

  /**
   * The statements grouped into the policies Lambda keeps: one per target, in the order each target
   * first appears; a statement whose target is not known is a group of its own.
   */
  public static List<List<Statement>> byTarget(List<Statement> statements) {
    Map<String, List<Statement>> groups = new LinkedHashMap<>();
    for (int i = 0; i < statements.size(); i++) {
      Statement s = statements.get(i);
      String key = s.target().isEmpty() ? "\n" + i : s.target();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
    return List.copyOf(groups.values());
  }

  /**
   * One policy of {@code statements} (of one target), named after the first one's resource; each
   * statement keeps its own resource ({@link EmbeddedPolicy#resourceAt}) and origins.
   */
  public static EmbeddedPolicy policy(List<Statement> statements, List<String> branches) {
    Statement first = statements.get(0);
    SourcePosition where = first.permission().position();
    List<Json> elements = new ArrayList<>();
    Set<JsonPointer> unknowns = new LinkedHashSet<>();
    Map<JsonPointer, JsonPointer> origins = new HashMap<>();
    Map<JsonPointer, String> resources = new HashMap<>();
    origins.put(JsonPointer.ROOT, first.permission().at());
    for (int i = 0; i < statements.size(); i++) {
      Statement s = statements.get(i);
      JsonPointer at = JsonPointer.ROOT.child("Statement").child(i);
      elements.add(s.statement());
      origins.put(at, s.permission().at());
      s.origins().forEach((k, v) -> origins.put(under(at, k), v));
      s.unknowns().forEach(u -> unknowns.add(under(at, u)));
      if (!s.permission().resource().equals(first.permission().resource())) {
        resources.put(at, s.permission().resource());
      }
    }
    Json document =
        new Json.Obj(
            List.of(
                new Json.Member("Version", where, new Json.Str("2012-10-17", where)),
                new Json.Member("Statement", where, new Json.Arr(elements, where))),
            where);
    return new EmbeddedPolicy(
        first.permission().resource(),
        first.permission().resourceType(),
        first.permission().at(),
        PolicyType.RESOURCE,
        Optional.empty(),
        document,
        branches,
        unknowns,
        origins,
        resources);
  }

  /** The function's ARN from a name, a partial ARN ({@code ACCOUNT:function:NAME}) or an ARN. */
  public static String functionArn(
      String function, @Nullable String qualifier, Placeholders placeholders) {
    String arn;
    if (function.startsWith("arn:")) {
      arn = function;
    } else if (PARTIAL_ARN.matcher(function).matches()) {
      arn = "arn:" + placeholders.partition() + ":lambda:" + placeholders.region() + ":" + function;
    } else {
      arn =
          "arn:"
              + placeholders.partition()
              + ":lambda:"
              + placeholders.region()
              + ":"
              + placeholders.account()
              + ":function:"
              + function;
    }
    return qualifier == null || qualifier.isEmpty() ? arn : arn + ":" + qualifier;
  }

  private static JsonPointer under(JsonPointer prefix, JsonPointer pointer) {
    List<String> tokens = new ArrayList<>(prefix.tokens());
    tokens.addAll(pointer.tokens());
    return new JsonPointer(tokens);
  }

  private static void principal(Builder b, Field principal, Placeholders placeholders) {
    JsonPointer at = JsonPointer.ROOT.child("Principal");
    SourcePosition position = principal.value().position();
    String value = principal.text();
    b.origins.put(at, principal.origin());
    if (!principal.unknown() && value.equals("*")) {
      b.members.add(new Json.Member("Principal", position, new Json.Str("*", position)));
      return;
    }
    String kind = "Service";
    if (principal.unknown()) {
      kind = "AWS";
    } else if (ACCOUNT.matcher(value).matches()) {
      value = "arn:" + placeholders.partition() + ":iam::" + value + ":root";
      kind = "AWS";
    } else if (value.startsWith("arn:")) {
      kind = "AWS";
    }
    b.origins.put(at.child(kind), principal.origin());
    if (principal.unknown()) {
      b.unknowns.add(at.child(kind));
    }
    b.members.add(
        new Json.Member(
            "Principal",
            position,
            new Json.Obj(
                List.of(new Json.Member(kind, position, new Json.Str(value, position))),
                position)));
  }

  /** Adds {@code Resource}; returns the target, or "" when it is not known. */
  private static String resource(Builder b, Placeholders placeholders) {
    Field target = b.required(Property.TARGET);
    Field qualifier = b.permission.field(Property.QUALIFIER);
    if (target.unknown()) {
      b.add("Resource", target);
      return "";
    }
    if (qualifier != null && qualifier.unknown()) {
      b.add("Resource", qualifier);
      return "";
    }
    String arn =
        b.permission.layer()
            ? target.text()
            : functionArn(target.text(), qualifier == null ? null : qualifier.text(), placeholders);
    SourcePosition position = target.value().position();
    b.members.add(new Json.Member("Resource", position, new Json.Str(arn, position)));
    b.origins.put(JsonPointer.ROOT.child("Resource"), target.origin());
    return arn;
  }

  private static void condition(
      Builder b,
      List<Json.Member> operators,
      String operator,
      List<Map.Entry<Property, String>> keys) {
    List<Json.Member> members = new ArrayList<>();
    JsonPointer at = JsonPointer.ROOT.child("Condition").child(operator);
    for (Map.Entry<Property, String> key : keys) {
      Field field = b.permission.field(key.getKey());
      if (field == null || !field.present()) {
        continue;
      }
      SourcePosition position = field.value().position();
      members.add(new Json.Member(key.getValue(), position, new Json.Str(field.text(), position)));
      b.origins.put(at.child(key.getValue()), field.origin());
      if (field.unknown()) {
        b.unknowns.add(at.child(key.getValue()));
      }
    }
    if (!members.isEmpty()) {
      SourcePosition position = members.get(0).namePosition();
      operators.add(new Json.Member(operator, position, new Json.Obj(members, position)));
    }
  }

  /** One statement being built. */
  private static final class Builder {
    final Permission permission;
    final List<Json.Member> members = new ArrayList<>();
    final Set<JsonPointer> unknowns = new LinkedHashSet<>();
    final Map<JsonPointer, JsonPointer> origins = new HashMap<>();

    Builder(Permission permission) {
      this.permission = permission;
    }

    /** The field, or an unknown stand-in at the resource when the permission does not set it. */
    Field required(Property property) {
      Field field = permission.field(property);
      if (field != null && field.present()) {
        return field;
      }
      return new Field(new Json.Str("(not set)", permission.position()), permission.at(), true);
    }

    /** Adds member {@code name} with the field's text, position, origin and unknown flag. */
    void add(String name, Field field) {
      SourcePosition position = field.value().position();
      members.add(new Json.Member(name, position, new Json.Str(field.text(), position)));
      origins.put(JsonPointer.ROOT.child(name), field.origin());
      if (field.unknown()) {
        unknowns.add(JsonPointer.ROOT.child(name));
      }
    }
  }
}
