package dev.arbiter.iac.terraform;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small plans written by hand for the tests. */
final class Plans {
  private Plans() {}

  /** {@code text} as a JSON string literal, quotes included. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * A plan with one created resource: {@code after} and {@code afterUnknown} are JSON objects,
   * {@code expressions} the configuration's expressions of the resource (null: no configuration).
   */
  static String oneResource(
      String type,
      String after,
      String afterUnknown,
      @org.jspecify.annotations.Nullable String expressions) {
    String address = type + ".r";
    String configuration =
        expressions == null
            ? ""
            : ",\n \"configuration\": {\"root_module\": {\"resources\": [{\"address\": \""
                + address
                + "\", \"mode\": \"managed\", \"type\": \""
                + type
                + "\", \"name\": \"r\", \"expressions\": "
                + expressions
                + "}]}}";
    return "{\"format_version\": \"1.2\",\n \"resource_changes\": [{\"address\": \""
        + address
        + "\", \"mode\": \"managed\", \"type\": \""
        + type
        + "\", \"name\": \"r\",\n  \"change\": {\"actions\": [\"create\"], \"before\": null,\n   \"after\": "
        + after
        + ",\n   \"after_unknown\": "
        + afterUnknown
        + "}}]"
        + configuration
        + "}";
  }

  /** The value {@code pointer} names in {@code root}; it must exist. */
  static Json resolve(Json root, JsonPointer pointer) {
    Json current = root;
    for (String token : pointer.tokens()) {
      current =
          current instanceof Json.Obj o
              ? o.get(token).orElseThrow()
              : ((Json.Arr) current).elements().get(Integer.parseInt(token));
    }
    return current;
  }

  static List<EmbeddedPolicy> read(String plan) {
    return TerraformPlans.read(plan.getBytes(StandardCharsets.UTF_8), Placeholders.DEFAULT)
        .policies();
  }
}
