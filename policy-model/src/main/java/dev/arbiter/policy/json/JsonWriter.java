package dev.arbiter.policy.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Writes a {@link Json} tree back as compact JSON text (no white space), numbers as written. A
 * policy found inside a larger file (a CloudFormation template) is measured and re-read in this
 * form.
 */
public final class JsonWriter {
  private JsonWriter() {}

  /** The tree as compact JSON. */
  public static String compact(Json value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Json value, StringBuilder out) {
    if (value instanceof Json.Obj object) {
      out.append('{');
      boolean first = true;
      for (Json.Member member : object.members()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(member.name(), out);
        out.append(':');
        write(member.value(), out);
      }
      out.append('}');
    } else if (value instanceof Json.Arr array) {
      out.append('[');
      boolean first = true;
      for (Json element : array.elements()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(element, out);
      }
      out.append(']');
    } else if (value instanceof Json.Str string) {
      string(string.value(), out);
    } else if (value instanceof Json.Num number) {
      out.append(number.text());
    } else if (value instanceof Json.Bool bool) {
      out.append(bool.value());
    } else {
      out.append("null");
    }
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append('"');
  }
}
