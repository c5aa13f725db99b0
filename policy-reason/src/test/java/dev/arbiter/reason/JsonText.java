package dev.arbiter.reason;

import dev.arbiter.policy.json.Json;

/** Writes a read JSON tree back as text, for tests that take policies out of JSON Lines files. */
final class JsonText {
  private JsonText() {}

  static String write(Json json) {
    StringBuilder out = new StringBuilder();
    write(json, out);
    return out.toString();
  }

  private static void write(Json json, StringBuilder out) {
    if (json instanceof Json.Obj object) {
      out.append('{');
      String comma = "";
      for (Json.Member member : object.members()) {
        out.append(comma);
        string(member.name(), out);
        out.append(':');
        write(member.value(), out);
        comma = ",";
      }
      out.append('}');
    } else if (json instanceof Json.Arr array) {
      out.append('[');
      String comma = "";
      for (Json element : array.elements()) {
        out.append(comma);
        write(element, out);
        comma = ",";
      }
      out.append(']');
    } else if (json instanceof Json.Str string) {
      string(string.value(), out);
    } else if (json instanceof Json.Num number) {
      out.append(number.text());
    } else if (json instanceof Json.Bool bool) {
      out.append(bool.value());
    } else {
      out.append("null");
    }
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
