package dev.arbiter.iac.terraform;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The statement Lambda writes into a function's resource-based policy for an {@code
 * aws_lambda_permission} (the AddPermission API): the principal as Lambda stores it, {@code
 * lambda:InvokeFunction} or the given action on the function's ARN, and one condition per source
 * restriction. Each element has the position of the attribute it comes from.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html">Viewing
 *     resource-based IAM policies in Lambda</a>
 * @see <a
 *     href="https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html">AddPermission</a>
 */
final class LambdaPermission {
  private LambdaPermission() {}

  /** What a value unknown at plan time reads as in a synthesized document. */
  static final String UNKNOWN = "(known after apply)";

  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern PARTIAL_ARN = Pattern.compile("[0-9]{12}:function:.+");

  /** One attribute: its value if known, where it is, and whether the plan leaves it unknown. */
  private record Field(@Nullable String value, SourcePosition position, boolean unknown) {
    boolean present() {
      return unknown || (value != null && !value.isEmpty());
    }
  }

  static EmbeddedPolicy policy(
      String address,
      String type,
      JsonPointer valuesPointer,
      Json.Obj values,
      Json.@Nullable Obj unknown,
      JsonPointer unknownPointer,
      Placeholders placeholders) {
    Set<JsonPointer> unknowns = new HashSet<>();
    JsonPointer statementAt = JsonPointer.ROOT.child("Statement").child(0);
    SourcePosition at = values.position();
    List<Json.Member> statement = new ArrayList<>();

    Field sid = field(values, unknown, "statement_id");
    if (!sid.unknown() && sid.present()) {
      statement.add(member("Sid", str(sid)));
    }
    statement.add(member("Effect", new Json.Str("Allow", at)));

    Field principal = field(values, unknown, "principal");
    statement.add(member("Principal", principal(principal, placeholders)));
    if (!principal.present()) {
      unknowns.add(statementAt.child("Principal"));
    }

    Field action = field(values, unknown, "action");
    statement.add(member("Action", str(action)));
    if (!action.present()) {
      unknowns.add(statementAt.child("Action"));
    }

    Field function = field(values, unknown, "function_name");
    Field qualifier = field(values, unknown, "qualifier");
    if (function.unknown() || qualifier.unknown()) {
      statement.add(
          member(
              "Resource",
              new Json.Str(
                  UNKNOWN, function.unknown() ? function.position() : qualifier.position())));
      unknowns.add(statementAt.child("Resource"));
    } else {
      statement.add(
          member(
              "Resource",
              new Json.Str(
                  functionArn(
                      function.value() == null ? "" : function.value(),
                      qualifier.value(),
                      placeholders),
                  function.position())));
    }

    List<Json.Member> stringEquals = new ArrayList<>();
    List<Json.Member> arnLike = new ArrayList<>();
    JsonPointer condition = statementAt.child("Condition");
    condition(
        values,
        unknown,
        "source_account",
        "AWS:SourceAccount",
        stringEquals,
        condition.child("StringEquals"),
        unknowns);
    condition(
        values,
        unknown,
        "principal_org_id",
        "aws:PrincipalOrgID",
        stringEquals,
        condition.child("StringEquals"),
        unknowns);
    condition(
        values,
        unknown,
        "function_url_auth_type",
        "lambda:FunctionUrlAuthType",
        stringEquals,
        condition.child("StringEquals"),
        unknowns);
    condition(
        values,
        unknown,
        "event_source_token",
        "lambda:EventSourceToken",
        stringEquals,
        condition.child("StringEquals"),
        unknowns);
    condition(
        values,
        unknown,
        "source_arn",
        "AWS:SourceArn",
        arnLike,
        condition.child("ArnLike"),
        unknowns);
    List<Json.Member> operators = new ArrayList<>();
    if (!stringEquals.isEmpty()) {
      operators.add(
          member("StringEquals", new Json.Obj(stringEquals, stringEquals.get(0).namePosition())));
    }
    if (!arnLike.isEmpty()) {
      operators.add(member("ArnLike", new Json.Obj(arnLike, arnLike.get(0).namePosition())));
    }
    if (!operators.isEmpty()) {
      statement.add(member("Condition", new Json.Obj(operators, operators.get(0).namePosition())));
    }

    Json.Obj document =
        new Json.Obj(
            List.of(
                member("Version", new Json.Str("2012-10-17", at)),
                member("Statement", new Json.Arr(List.of(new Json.Obj(statement, at)), at))),
            at);
    return new EmbeddedPolicy(
        address,
        type,
        valuesPointer,
        PolicyType.RESOURCE,
        Optional.empty(),
        document,
        List.of(),
        unknowns);
  }

  private static void condition(
      Json.Obj values,
      Json.@Nullable Obj unknown,
      String attribute,
      String key,
      List<Json.Member> into,
      JsonPointer operatorAt,
      Set<JsonPointer> unknowns) {
    Field field = field(values, unknown, attribute);
    if (!field.present()) {
      return;
    }
    into.add(new Json.Member(key, field.position(), str(field)));
    if (field.unknown()) {
      unknowns.add(operatorAt.child(key));
    }
  }

  /**
   * The principal as Lambda stores it: {@code "*"} as is, an account ID as its root ARN, an ARN
   * under {@code AWS}, anything else (a service such as {@code s3.amazonaws.com}) under {@code
   * Service}.
   */
  private static Json principal(Field principal, Placeholders placeholders) {
    SourcePosition at = principal.position();
    String value = principal.unknown() || principal.value() == null ? UNKNOWN : principal.value();
    if (!principal.present()) {
      return new Json.Obj(List.of(new Json.Member("AWS", at, new Json.Str(UNKNOWN, at))), at);
    }
    if (value.equals("*")) {
      return new Json.Str("*", at);
    }
    String kind = "Service";
    if (ACCOUNT.matcher(value).matches()) {
      value = "arn:" + placeholders.partition() + ":iam::" + value + ":root";
      kind = "AWS";
    } else if (value.startsWith("arn:")) {
      kind = "AWS";
    }
    return new Json.Obj(List.of(new Json.Member(kind, at, new Json.Str(value, at))), at);
  }

  /** The function's ARN from a name, a partial ARN ({@code ACCOUNT:function:NAME}) or an ARN. */
  static String functionArn(
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

  private static Field field(Json.Obj values, Json.@Nullable Obj unknown, String name) {
    if (unknown != null && unknown.get(name).orElse(null) instanceof Json.Bool b && b.value()) {
      return new Field(null, b.position(), true);
    }
    Json value = values.get(name).orElse(null);
    if (value instanceof Json.Str s) {
      return new Field(s.value(), s.position(), false);
    }
    return new Field(null, value == null ? values.position() : value.position(), false);
  }

  private static Json.Str str(Field field) {
    String value = field.unknown() || field.value() == null ? UNKNOWN : field.value();
    return new Json.Str(value, field.position());
  }

  private static Json.Member member(String name, Json value) {
    return new Json.Member(name, value.position(), value);
  }
}
