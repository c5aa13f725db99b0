package dev.arbiter.iac.cloudformation;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The statement AWS Lambda writes into a function's (or layer version's) resource-based policy for
 * an {@code AWS::Lambda::Permission} (or {@code AWS::Lambda::LayerVersionPermission}), as the
 * Lambda developer guide shows it for {@code AddPermission}: the principal as a service or an
 * account, the function's ARN as the resource, {@code SourceAccount} as {@code StringEquals
 * aws:SourceAccount}, {@code SourceArn} as {@code ArnLike aws:SourceArn}, {@code PrincipalOrgID} as
 * {@code StringEquals aws:PrincipalOrgID}, {@code FunctionUrlAuthType} as {@code StringEquals
 * lambda:FunctionUrlAuthType}. Each element keeps the position of the property it comes from.
 */
final class LambdaPermissions {
  private LambdaPermissions() {}

  /** A synthesized document with the template pointers of its elements. */
  record Synthesized(
      Json document, Set<JsonPointer> unknowns, Map<JsonPointer, JsonPointer> origins) {}

  private static final class Builder {
    final Resolver resolver;
    final Json.Obj properties;
    final JsonPointer at;
    final Set<JsonPointer> unknowns = new LinkedHashSet<>();
    final Map<JsonPointer, JsonPointer> origins = new HashMap<>();

    Builder(Resolver resolver, Json.Obj properties, JsonPointer at) {
      this.resolver = resolver;
      this.properties = properties;
      this.at = at;
    }

    /** The resolved property, noted at {@code placed} (a pointer in the document). */
    @Nullable Json property(String name, JsonPointer placed) {
      Optional<Json> raw = properties.get(name);
      if (raw.isEmpty()) {
        return null;
      }
      Json value = resolver.resolve(raw.get(), at.child(name));
      if (value == null) {
        return null;
      }
      origins.put(placed, at.child(name));
      if (resolver.isUnknown(value)) {
        unknowns.add(placed);
      }
      return value;
    }
  }

  static Optional<Synthesized> synthesize(
      String id, String type, Json.Obj properties, JsonPointer at, Resolver resolver) {
    boolean layer = type.equals("AWS::Lambda::LayerVersionPermission");
    Builder b = new Builder(resolver, properties, at);
    JsonPointer statementAt = JsonPointer.ROOT.child("Statement").child(0);
    SourcePosition where = properties.position();
    List<Json.Member> statement = new ArrayList<>();
    statement.add(new Json.Member("Sid", where, new Json.Str(id, where)));
    statement.add(new Json.Member("Effect", where, new Json.Str("Allow", where)));

    Json principal = b.property("Principal", statementAt.child("Principal"));
    if (principal == null) {
      return Optional.empty();
    }
    String text = principal.scalarText().orElse("");
    Json principalValue;
    if (text.equals("*")) {
      principalValue = principal;
    } else {
      String kind = !layer && text.contains(".") && !text.startsWith("arn:") ? "Service" : "AWS";
      principalValue =
          new Json.Obj(
              List.of(new Json.Member(kind, principal.position(), principal)),
              principal.position());
      b.origins.put(statementAt.child("Principal").child(kind), at.child("Principal"));
      if (b.unknowns.remove(statementAt.child("Principal"))) {
        b.unknowns.add(statementAt.child("Principal").child(kind));
      }
    }
    statement.add(new Json.Member("Principal", principal.position(), principalValue));

    Json action = b.property("Action", statementAt.child("Action"));
    if (action == null) {
      return Optional.empty();
    }
    statement.add(new Json.Member("Action", action.position(), action));

    String target = layer ? "LayerVersionArn" : "FunctionName";
    Json function = b.property(target, statementAt.child("Resource"));
    if (function == null) {
      return Optional.empty();
    }
    Json resource = function;
    String name = function.scalarText().orElse("");
    if (!layer && !name.startsWith("arn:") && !resolver.isUnknown(function)) {
      // A name, or a partial ARN (123456789012:function:name).
      // AddPermission takes a name for a function in the stack's account and region.
      dev.arbiter.iac.Placeholders p = resolver.placeholders();
      String prefix = "arn:" + p.partition() + ":lambda:" + p.region() + ":";
      String arn =
          name.matches("[0-9]{12}:function:.*")
              ? prefix + name
              : prefix + p.account() + ":function:" + name;
      resource = new Json.Str(arn, function.position());
    }
    statement.add(new Json.Member("Resource", function.position(), resource));

    Map<String, List<Json.Member>> conditions = new java.util.LinkedHashMap<>();
    condition(b, conditions, "SourceAccount", "StringEquals", "aws:SourceAccount");
    condition(b, conditions, "SourceArn", "ArnLike", "aws:SourceArn");
    condition(
        b,
        conditions,
        layer ? "OrganizationId" : "PrincipalOrgID",
        "StringEquals",
        "aws:PrincipalOrgID");
    if (!layer) {
      condition(b, conditions, "FunctionUrlAuthType", "StringEquals", "lambda:FunctionUrlAuthType");
      condition(b, conditions, "EventSourceToken", "StringEquals", "lambda:EventSourceToken");
    }
    if (!conditions.isEmpty()) {
      List<Json.Member> operators = new ArrayList<>();
      conditions.forEach(
          (operator, keys) ->
              operators.add(
                  new Json.Member(
                      operator,
                      keys.get(0).namePosition(),
                      new Json.Obj(keys, keys.get(0).namePosition()))));
      statement.add(new Json.Member("Condition", where, new Json.Obj(operators, where)));
    }
    Json document =
        new Json.Obj(
            List.of(
                new Json.Member("Version", where, new Json.Str("2012-10-17", where)),
                new Json.Member(
                    "Statement",
                    where,
                    new Json.Arr(List.of(new Json.Obj(statement, where)), where))),
            where);
    b.origins.put(JsonPointer.ROOT, at);
    return Optional.of(new Synthesized(document, b.unknowns, b.origins));
  }

  private static void condition(
      Builder b,
      Map<String, List<Json.Member>> conditions,
      String property,
      String operator,
      String key) {
    JsonPointer placed =
        JsonPointer.ROOT.child("Statement").child(0).child("Condition").child(operator).child(key);
    Json value = b.property(property, placed);
    if (value != null) {
      conditions
          .computeIfAbsent(operator, o -> new ArrayList<>())
          .add(new Json.Member(key, value.position(), value));
    }
  }
}
