package dev.arbiter.eval;

import dev.arbiter.policy.Template;
import dev.arbiter.policy.value.ArnPattern;
import dev.arbiter.policy.value.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Template} (text with wildcards and policy variables) prepared for matching. Variables
 * exist only in policies whose Version is 2012-10-17; otherwise (Version 2008-10-17 or absent,
 * docs/semantics.md §12.8) the model reads {@code ${...}} as literal text. Without variables
 * everything is compiled once; with variables the values are substituted per request, as literals:
 * a {@code *} inside a user name is not a wildcard (docs/semantics.md §7.4).
 */
final class CompiledTemplate {

  /** One part of a template: literal {@link Text}, a {@link Wild wildcard} or a {@link Var}. */
  sealed interface Part permits Text, Wild, Var {
    /**
     * The part's text in this request, a wildcard taken as its plain character; null for a variable
     * without a value, and for every variable when {@code context} is null.
     */
    @Nullable String resolve(@Nullable RequestContext context);

    /** Appends the part as it is written in the policy. */
    void appendSource(StringBuilder out);
  }

  /** Literal text. */
  record Text(String text) implements Part {
    @Override
    public String resolve(@Nullable RequestContext context) {
      return text;
    }

    @Override
    public void appendSource(StringBuilder out) {
      out.append(text);
    }
  }

  /** A wildcard; {@code inSegment} wildcards do not match {@code ':'} (resource ARNs, §4.6). */
  record Wild(char symbol, boolean inSegment) implements Part {
    @Override
    public String resolve(@Nullable RequestContext context) {
      return symbol == '*' ? "*" : "?";
    }

    @Override
    public void appendSource(StringBuilder out) {
      out.append(symbol);
    }
  }

  /** A policy variable: lower-case key, the key as written, and its default (or null). */
  record Var(String key, String name, @Nullable String defaultValue) implements Part {
    /**
     * The variable's value in this request (docs/semantics.md §7.5, §7.6): the key's value, else
     * the default, else null ("no value"). A multivalued key cannot be a variable (§7.1), so it
     * counts as absent.
     */
    @Override
    public @Nullable String resolve(@Nullable RequestContext context) {
      if (context == null) {
        return null;
      }
      RequestContext.Entry entry = context.entry(key);
      if (entry != null && !entry.multivalued()) {
        return entry.values().get(0);
      }
      return defaultValue;
    }

    @Override
    public void appendSource(StringBuilder out) {
      out.append("${").append(name);
      if (defaultValue != null) {
        out.append(", '").append(defaultValue).append('\'');
      }
      out.append('}');
    }
  }

  private final Part[] parts;

  /** The parts that are variables, in order; empty for a template compiled once. */
  private final Var[] variables;

  /** Whether there are variables; a field, so that the per-request test reads no array. */
  private final boolean hasVariables;

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

  static final int CACHE_LIMIT = 1024;

  private CompiledTemplate(List<Part> parts, boolean forArn) {
    this.parts = parts.toArray(new Part[0]);
    this.variables =
        parts.stream().filter(Var.class::isInstance).map(Var.class::cast).toArray(Var[]::new);
    this.hasVariables = variables.length > 0;
    boolean fixed = !hasVariables;
    this.glob = fixed ? buildGlob(null) : null;
    this.literal = fixed ? buildLiteral(null) : null;
    this.arn = fixed && forArn ? buildArn(null) : null;
  }

  /** Wildcards that match any character, as in StringLike and Action. */
  static CompiledTemplate of(Template template) {
    return new CompiledTemplate(convert(template), false);
  }

  /** The same, also prepared for per-segment ARN matching (ArnLike, ArnEquals). */
  static CompiledTemplate forArn(Template template) {
    return new CompiledTemplate(convert(template), true);
  }

  /**
   * A Resource ARN pattern (docs/semantics.md §4.6): in the first five colon-separated segments a
   * wildcard does not match {@code ':'} — except a {@code *} that ends its segment, which may
   * stretch over colons (§4.5; the reading of §12.2 that the Resource page documents, {@code
   * arn:aws:iam::*} covering every IAM ARN). In the resource segment both match anything.
   */
  static CompiledTemplate forResource(Template template) {
    List<Template.Part> source = template.parts();
    List<Part> parts = convert(template);
    int colons = 0;
    for (int i = 0; i < source.size(); i++) {
      Template.Part part = source.get(i);
      if (part instanceof Template.Wildcard wildcard && colons < 5) {
        boolean endsSegment = wildcard.symbol() == '*' && endsSegment(source, i + 1);
        parts.set(i, new Wild(wildcard.symbol(), !endsSegment));
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

  /** The template's parts, wildcards matching any character. */
  private static List<Part> convert(Template template) {
    List<Part> parts = new ArrayList<>();
    for (Template.Part part : template.parts()) {
      parts.add(convert(part));
    }
    return parts;
  }

  private static Part convert(Template.Part part) {
    if (part instanceof Template.Literal text) {
      return new Text(text.text());
    }
    if (part instanceof Template.Wildcard wildcard) {
      return new Wild(wildcard.symbol(), false);
    }
    Template.Variable variable = (Template.Variable) part;
    return new Var(
        RequestContext.normalize(variable.key().name()),
        variable.key().name(),
        variable.defaultValue().orElse(null));
  }

  boolean hasVariables() {
    return hasVariables;
  }

  /** The text with wildcards as plain characters; null if a variable has no value. */
  @Nullable String literal(RequestContext context) {
    return hasVariables() ? buildLiteral(context) : literal;
  }

  /**
   * Whether the text, variables substituted and wildcards taken as plain characters, equals {@code
   * value} (ignoring case if asked, as {@link String#equalsIgnoreCase} does); false if a variable
   * has no value. Builds nothing.
   */
  boolean literalEquals(RequestContext context, String value, boolean ignoreCase) {
    if (!hasVariables()) {
      String text = literal;
      return text != null && (ignoreCase ? text.equalsIgnoreCase(value) : text.equals(value));
    }
    int at = 0;
    for (Part part : parts) {
      String piece = part.resolve(context);
      if (piece == null || !value.regionMatches(ignoreCase, at, piece, 0, piece.length())) {
        return false;
      }
      at += piece.length();
    }
    return at == value.length();
  }

  /** The wildcard pattern; null if a variable has no value. */
  @Nullable Glob glob(RequestContext context) {
    if (!hasVariables()) {
      return glob;
    }
    return cached(globs, context, this::buildGlob);
  }

  /** The per-segment ARN pattern; null if a variable has no value. */
  @Nullable ArnPattern arn(RequestContext context) {
    if (!hasVariables()) {
      return arn;
    }
    return cached(arns, context, this::buildArn);
  }

  /** How a pattern is built for the values of the template's variables. */
  private interface PatternBuilder<T> {
    @Nullable T build(RequestContext context);
  }

  /**
   * The pattern for the variables' values in {@code context}, from {@code cache} or built and kept
   * there while it has room; null if a variable has no value.
   */
  private <T> @Nullable T cached(
      Map<String, T> cache, RequestContext context, PatternBuilder<T> builder) {
    String key = valuesKey(context);
    if (key == null) {
      return null;
    }
    T known = cache.get(key);
    if (known != null) {
      return known;
    }
    T built = builder.build(context);
    if (built != null && cache.size() < CACHE_LIMIT) {
      cache.putIfAbsent(key, built);
    }
    return built;
  }

  /**
   * The values of the variables in this request, as one string that differs whenever one of them
   * does (the value itself for one variable; length-prefixed values for several); null if a
   * variable has no value.
   */
  private @Nullable String valuesKey(RequestContext context) {
    if (variables.length == 1) {
      return variables[0].resolve(context);
    }
    StringBuilder key = new StringBuilder();
    for (Var variable : variables) {
      String value = variable.resolve(context);
      if (value == null) {
        return null;
      }
      key.append(value.length()).append(':').append(value);
    }
    return key.toString();
  }

  private @Nullable String buildLiteral(@Nullable RequestContext context) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      String text = part.resolve(context);
      if (text == null) {
        return null;
      }
      out.append(text);
    }
    return out.toString();
  }

  private @Nullable Glob buildGlob(@Nullable RequestContext context) {
    Glob.Builder builder = Glob.builder();
    for (Part part : parts) {
      if (part instanceof Wild wild) {
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
        continue;
      }
      String text = part.resolve(context);
      if (text == null) {
        return null;
      }
      builder.literal(text);
    }
    return builder.build();
  }

  private @Nullable ArnPattern buildArn(@Nullable RequestContext context) {
    ArnPattern.Builder builder = ArnPattern.builder();
    for (Part part : parts) {
      if (part instanceof Wild wild) {
        builder.wildcard(wild.symbol());
        continue;
      }
      String text = part.resolve(context);
      if (text == null) {
        return null;
      }
      builder.literal(text);
    }
    return builder.build();
  }

  /** Returns the template's source form. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      part.appendSource(out);
    }
    return out.toString();
  }
}
