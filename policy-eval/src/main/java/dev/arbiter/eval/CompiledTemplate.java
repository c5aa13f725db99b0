package dev.arbiter.eval;

import dev.arbiter.eval.internal.Glob;
import dev.arbiter.policy.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Template} (text with wildcards and policy variables) prepared for matching. Variables
 * exist only in policies whose Version is 2012-10-17; otherwise (Version 2008-10-17 or absent,
 * §12.8) the model reads {@code ${...}} as literal text. Without variables everything is compiled
 * once; with variables the values are substituted per request, as literals: a {@code *} inside a
 * user name is not a wildcard (docs/semantics.md §7.4).
 */
final class CompiledTemplate {

  /** A policy variable: lower-case key, the key as written, and its default (or null). */
  record Var(String key, String name, @Nullable String defaultValue) {}

  /** A wildcard; {@code inSegment} wildcards do not match {@code ':'} (resource ARNs, §4.6). */
  record Wild(char symbol, boolean inSegment) {}

  /** Parts: {@link String} literals, {@link Wild} and {@link Var}. */
  private final List<Object> parts;

  private final boolean variables;
  private final @Nullable Glob glob;
  private final @Nullable String literal;
  private final @Nullable ArnPattern arn;

  /**
   * With variables: the patterns built so far, by the variables' values ({@link #valuesKey}). The
   * values a policy variable takes are few in practice (user names, tags), so each request finds
   * its pattern built; at most {@link #CACHE_LIMIT} are kept, beyond that they are built per use.
   */
  private final Map<String, Glob> globs = new ConcurrentHashMap<>();

  private final Map<String, ArnPattern> arns = new ConcurrentHashMap<>();
  private final Object[] partArray;
  private final int variableCount;

  static final int CACHE_LIMIT = 1024;

  private CompiledTemplate(List<Object> parts, boolean forArn) {
    this.parts = List.copyOf(parts);
    this.partArray = parts.toArray();
    this.variableCount = (int) parts.stream().filter(Var.class::isInstance).count();
    this.variables = variableCount > 0;
    this.glob = variables ? null : buildGlob(parts, null);
    this.literal = variables ? null : buildLiteral(parts, null);
    this.arn = variables || !forArn ? null : buildArn(parts, null);
  }

  /** Wildcards that match any character, as in StringLike and Action. */
  static CompiledTemplate of(Template template) {
    List<Object> parts = new ArrayList<>();
    for (Template.Part part : template.parts()) {
      parts.add(convert(part, false));
    }
    return new CompiledTemplate(parts, false);
  }

  /** The same, also prepared for per-segment ARN matching (ArnLike, ArnEquals). */
  static CompiledTemplate forArn(Template template) {
    List<Object> parts = new ArrayList<>();
    for (Template.Part part : template.parts()) {
      parts.add(convert(part, false));
    }
    return new CompiledTemplate(parts, true);
  }

  /**
   * A Resource ARN pattern (docs/semantics.md §4.6): in the first five colon-separated segments a
   * wildcard does not match {@code ':'} — except a {@code *} that ends its segment, which may
   * stretch over colons (§4.5; the reading of §12.2 that the Resource page documents, {@code
   * arn:aws:iam::*} covering every IAM ARN). In the resource segment both match anything.
   */
  static CompiledTemplate forResource(Template template) {
    List<Template.Part> source = template.parts();
    List<Object> parts = new ArrayList<>();
    int colons = 0;
    for (int i = 0; i < source.size(); i++) {
      Template.Part part = source.get(i);
      if (part instanceof Template.Wildcard wildcard && colons < 5) {
        boolean endsSegment = wildcard.symbol() == '*' && endsSegment(source, i + 1);
        parts.add(new Wild(wildcard.symbol(), !endsSegment));
      } else {
        parts.add(convert(part, false));
      }
      if (part instanceof Template.Literal text) {
        colons += (int) text.text().chars().filter(c -> c == ':').count();
      }
    }
    return new CompiledTemplate(parts, false);
  }

  private static boolean endsSegment(List<Template.Part> parts, int next) {
    if (next >= parts.size()) {
      return true;
    }
    Template.Part part = parts.get(next);
    return part instanceof Template.Literal text && text.text().startsWith(":");
  }

  private static Object convert(Template.Part part, boolean inSegment) {
    if (part instanceof Template.Literal text) {
      return text.text();
    }
    if (part instanceof Template.Wildcard wildcard) {
      return new Wild(wildcard.symbol(), inSegment);
    }
    Template.Variable variable = (Template.Variable) part;
    return new Var(
        RequestContext.normalize(variable.key().name()),
        variable.key().name(),
        variable.defaultValue().orElse(null));
  }

  boolean hasVariables() {
    return variables;
  }

  /** The parts, for messages. */
  List<Object> parts() {
    return parts;
  }

  /**
   * The value of a variable in this request (docs/semantics.md §7.5, §7.6): the key's value, else
   * the default, else null ("no value"). A multivalued key cannot be a variable (§7.1), so it
   * counts as absent.
   */
  static @Nullable String resolve(Var variable, RequestContext context) {
    RequestContext.Entry entry = context.entry(variable.key());
    if (entry != null && !entry.multivalued()) {
      return entry.values().get(0);
    }
    return variable.defaultValue();
  }

  /** The text with wildcards as plain characters; null if a variable has no value. */
  @Nullable String literal(RequestContext context) {
    return variables ? buildLiteral(parts, context) : literal;
  }

  /**
   * Whether the text, variables substituted and wildcards taken as plain characters, equals {@code
   * value} (ignoring case if asked, as {@link String#equalsIgnoreCase} does); false if a variable
   * has no value. Builds nothing.
   */
  boolean literalEquals(RequestContext context, String value, boolean ignoreCase) {
    if (!variables) {
      String text = literal;
      return text != null && (ignoreCase ? text.equalsIgnoreCase(value) : text.equals(value));
    }
    int at = 0;
    for (Object part : partArray) {
      String piece;
      if (part instanceof String text) {
        piece = text;
      } else if (part instanceof Wild wild) {
        piece = wild.symbol() == '*' ? "*" : "?";
      } else {
        piece = resolve((Var) part, context);
        if (piece == null) {
          return false;
        }
      }
      if (!value.regionMatches(ignoreCase, at, piece, 0, piece.length())) {
        return false;
      }
      at += piece.length();
    }
    return at == value.length();
  }

  /** The wildcard pattern; null if a variable has no value. */
  @Nullable Glob glob(RequestContext context) {
    if (!variables) {
      return glob;
    }
    String key = valuesKey(context);
    if (key == null) {
      return null;
    }
    Glob known = globs.get(key);
    if (known != null) {
      return known;
    }
    Glob built = buildGlob(parts, context);
    if (built != null && globs.size() < CACHE_LIMIT) {
      globs.putIfAbsent(key, built);
    }
    return built;
  }

  /** The per-segment ARN pattern; null if a variable has no value. */
  @Nullable ArnPattern arn(RequestContext context) {
    if (!variables) {
      return arn;
    }
    String key = valuesKey(context);
    if (key == null) {
      return null;
    }
    ArnPattern known = arns.get(key);
    if (known != null) {
      return known;
    }
    ArnPattern built = buildArn(parts, context);
    if (built != null && arns.size() < CACHE_LIMIT) {
      arns.putIfAbsent(key, built);
    }
    return built;
  }

  /**
   * The values of the variables in this request, as one string that differs whenever one of them
   * does (the value itself for one variable; length-prefixed values for several); null if a
   * variable has no value.
   */
  private @Nullable String valuesKey(RequestContext context) {
    if (variableCount == 1) {
      for (Object part : partArray) {
        if (part instanceof Var variable) {
          return resolve(variable, context);
        }
      }
    }
    StringBuilder key = new StringBuilder();
    for (Object part : partArray) {
      if (part instanceof Var variable) {
        String value = resolve(variable, context);
        if (value == null) {
          return null;
        }
        key.append(value.length()).append(':').append(value);
      }
    }
    return key.toString();
  }

  private static @Nullable String buildLiteral(List<Object> parts, @Nullable RequestContext ctx) {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof String text) {
        out.append(text);
      } else if (part instanceof Wild wild) {
        out.append(wild.symbol());
      } else {
        String value = ctx == null ? null : resolve((Var) part, ctx);
        if (value == null) {
          return null;
        }
        out.append(value);
      }
    }
    return out.toString();
  }

  private static @Nullable Glob buildGlob(List<Object> parts, @Nullable RequestContext ctx) {
    Glob.Builder builder = Glob.builder();
    for (Object part : parts) {
      if (part instanceof String text) {
        builder.literal(text);
      } else if (part instanceof Wild wild) {
        if (wild.symbol() == '*') {
          if (wild.inSegment()) {
            builder.starInSegment();
          } else {
            builder.star();
          }
        } else if (wild.inSegment()) {
          builder.oneInSegment();
        } else {
          builder.one();
        }
      } else {
        String value = ctx == null ? null : resolve((Var) part, ctx);
        if (value == null) {
          return null;
        }
        builder.literal(value);
      }
    }
    return builder.build();
  }

  private static @Nullable ArnPattern buildArn(List<Object> parts, @Nullable RequestContext ctx) {
    ArnPattern.Builder builder = ArnPattern.builder();
    for (Object part : parts) {
      if (part instanceof String text) {
        builder.literal(text);
      } else if (part instanceof Wild wild) {
        builder.wildcard(wild.symbol());
      } else {
        String value = ctx == null ? null : resolve((Var) part, ctx);
        if (value == null) {
          return null;
        }
        builder.literal(value);
      }
    }
    return builder.build();
  }

  /** Returns the template's source form. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Var variable) {
        out.append("${").append(variable.name());
        if (variable.defaultValue() != null) {
          out.append(", '").append(variable.defaultValue()).append('\'');
        }
        out.append('}');
      } else if (part instanceof Wild wild) {
        out.append(wild.symbol());
      } else {
        out.append(part);
      }
    }
    return out.toString();
  }
}
