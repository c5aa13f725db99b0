package dev.arbiter.reason;

import dev.arbiter.policy.Template;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import dk.brics.automaton.BasicOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The string sets of the request's dimensions as automata, built directly from IAM's wildcards
 * (never through regular-expression text), with exactly the evaluator's matching rules
 * (docs/semantics.md §3, §4.6, §6.4.1, §6.5; docs/reasoning.md).
 */
final class Strings {
  private Strings() {}

  static final Automaton ANY = BasicAutomata.makeAnyString();
  static final Automaton EMPTY = BasicAutomata.makeEmpty();
  static final Automaton ANY_CHAR = BasicAutomata.makeAnyChar();

  /** One character other than {@code ':'}. */
  static final Automaton NOT_COLON =
      BasicAutomata.makeCharRange('\u0000', (char) (':' - 1))
          .union(BasicAutomata.makeCharRange((char) (':' + 1), '\uffff'));

  static final Automaton NO_COLONS = NOT_COLON.repeat();

  /**
   * The alphabets counterexamples are drawn from, in order of preference, so that they read well:
   * lower-case letters with {@code :} and {@code /}; then digits and {@code . _ -}; then printable
   * ASCII; then anything.
   */
  private static final List<Automaton> READABLE =
      List.of(
          BasicAutomata.makeCharRange('a', 'z').union(BasicAutomata.makeCharSet(":/")).repeat(),
          BasicAutomata.makeCharRange('a', 'z')
              .union(BasicAutomata.makeCharRange('0', '9'))
              .union(BasicAutomata.makeCharSet(":/._-"))
              .repeat(),
          BasicAutomata.makeCharRange(' ', '~').repeat());

  /**
   * Every lower-cased action a request can have: text without {@code ':'} before the first colon,
   * some text after it (Request's rule), and no ASCII capital (the evaluator lower-cases actions
   * before matching, docs/semantics.md §3). A superset of the real set, so proofs stay sound.
   */
  static final Automaton ACTIONS;

  /** Every resource: any non-empty text. */
  static final Automaton RESOURCES = ANY_CHAR.repeat(1);

  static {
    Automaton notUpper =
        BasicAutomata.makeCharRange('\u0000', (char) ('A' - 1))
            .union(BasicAutomata.makeCharRange((char) ('Z' + 1), '\uffff'));
    ACTIONS =
        notUpper
            .intersection(NOT_COLON)
            .repeat(1)
            .concatenate(BasicAutomata.makeChar(':'))
            .concatenate(notUpper.repeat(1));
  }

  private static final Map<String, Automaton> ACTION_CACHE = new ConcurrentHashMap<>();

  /** An action pattern: the whole {@code service:name}, lower-cased, {@code *} and {@code ?}. */
  static Automaton action(String lowerPattern) {
    return ACTION_CACHE.computeIfAbsent(lowerPattern, Strings::glob);
  }

  /**
   * The lower-cased actions whose service (the text before the first colon) matches the service
   * part of an ARN pattern, lower-cased, with {@code *} and {@code ?} (ResourceMatcher's reading of
   * docs/semantics.md §12.16).
   */
  static Automaton serviceActions(String service) {
    Automaton prefix = and(glob(service.toLowerCase(java.util.Locale.ROOT)), NO_COLONS);
    return minimal(BasicOperations.concatenate(List.of(prefix, BasicAutomata.makeChar(':'), ANY)));
  }

  private static final Map<List<String>, Automaton> ACTION_LISTS = new ConcurrentHashMap<>();

  /**
   * The union of lower-cased action patterns, built at once: the literal ones and those whose only
   * wildcard is a final {@code *} as one shared trie ({@link Dfa#wordsAndPrefixes}), the others
   * joined to it. Cached by list, since a reference policy is read again for every candidate.
   */
  static Automaton actions(List<String> lowerPatterns) {
    Automaton cached = ACTION_LISTS.get(lowerPatterns);
    if (cached != null) {
      return cached;
    }
    List<String> literals = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    List<Automaton> parts = new ArrayList<>();
    for (String pattern : lowerPatterns) {
      int star = pattern.indexOf('*');
      if (pattern.indexOf('?') >= 0 || (star >= 0 && star != pattern.length() - 1)) {
        parts.add(action(pattern));
      } else if (star < 0) {
        literals.add(pattern);
      } else {
        prefixes.add(pattern.substring(0, star));
      }
    }
    parts.add(Dfa.wordsAndPrefixes(literals, prefixes));
    Automaton out = union(parts);
    if (ACTION_LISTS.size() < 4096) {
      ACTION_LISTS.put(List.copyOf(lowerPatterns), out);
    }
    return out;
  }

  /** Text in which every {@code *} matches any run and every {@code ?} one character. */
  static Automaton glob(String text) {
    List<Automaton> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?') {
        parts.add(BasicAutomata.makeString(literal.toString()));
        literal.setLength(0);
        parts.add(c == '*' ? ANY : ANY_CHAR);
      } else {
        literal.append(c);
      }
    }
    parts.add(BasicAutomata.makeString(literal.toString()));
    return minimal(BasicOperations.concatenate(parts));
  }

  /**
   * A template of a String operator read with wildcards ({@code StringLike}); null if it has a
   * policy variable.
   */
  static @Nullable Automaton like(Template template) {
    List<Automaton> parts = new ArrayList<>();
    for (Template.Part part : template.parts()) {
      if (part instanceof Template.Literal literal) {
        parts.add(BasicAutomata.makeString(literal.text()));
      } else if (part instanceof Template.Wildcard wildcard) {
        parts.add(wildcard.symbol() == '*' ? ANY : ANY_CHAR);
      } else {
        return null;
      }
    }
    return minimal(BasicOperations.concatenate(parts));
  }

  /**
   * The text of a template with wildcards taken as plain characters ({@code StringEquals}); null if
   * it has a policy variable.
   */
  static @Nullable String plain(Template template) {
    StringBuilder out = new StringBuilder();
    for (Template.Part part : template.parts()) {
      if (part instanceof Template.Literal literal) {
        out.append(literal.text());
      } else if (part instanceof Template.Wildcard wildcard) {
        out.append(wildcard.symbol());
      } else {
        return null;
      }
    }
    return out.toString();
  }

  /** Exactly the given strings. */
  static Automaton oneOf(List<? extends CharSequence> texts) {
    if (texts.isEmpty()) {
      return EMPTY;
    }
    // Daciuk's construction (which sorts the array it is given) refuses the empty string.
    CharSequence[] filled =
        texts.stream().filter(t -> t.length() > 0).distinct().toArray(CharSequence[]::new);
    Automaton out = filled.length == 0 ? EMPTY : BasicAutomata.makeStringUnion(filled);
    if (filled.length < texts.size() && texts.stream().anyMatch(t -> t.length() == 0)) {
      out = minimal(out.union(BasicAutomata.makeEmptyString()));
    }
    return out;
  }

  /** The one string {@code text}. */
  static Automaton exactly(String text) {
    return BasicAutomata.makeString(text);
  }

  /** The request values {@code IamValues.bool} reads as true. */
  static final Automaton TRUE = lowerCasedTo("true");

  /** The request values {@code IamValues.bool} reads as false. */
  static final Automaton FALSE = lowerCasedTo("false");

  /** The request values {@code IamValues.bool} reads. */
  static final Automaton BOOLEANS = or(TRUE, FALSE);

  /** The request values {@code IamValues.bool} cannot read. */
  static final Automaton NOT_BOOLEANS = minus(ANY, BOOLEANS);

  /**
   * The intersection, for deciding emptiness and drawing an example only: not minimized (brics
   * removes dead transitions from a product, so an empty one is recognisable), with the shortcuts
   * of {@link #and}.
   */
  @SuppressWarnings("ReferenceEquality") // identity shortcut, as in and()
  static Automaton restrict(Automaton a, Automaton b) {
    if (a == b || b.isTotal() || a.isEmpty()) {
      return a;
    }
    if (a.isTotal() || b.isEmpty()) {
      return b;
    }
    return a.intersection(b);
  }

  /**
   * The strings whose characters each lower-case ({@link java.util.Locale#ROOT}) to {@code text}.
   */
  private static Automaton lowerCasedTo(String text) {
    List<Automaton> parts = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char wanted = text.charAt(i);
      StringBuilder set = new StringBuilder();
      for (int d = 0; d <= 0xFFFF; d++) {
        if (lowerCasesTo((char) d, wanted)) {
          set.append((char) d);
        }
      }
      parts.add(BasicAutomata.makeCharSet(set.toString()));
    }
    return minimal(BasicOperations.concatenate(parts));
  }

  /**
   * Whether {@code String.valueOf(c).toLowerCase(Locale.ROOT)} is the one character {@code wanted},
   * without making the strings: a class initialiser asks this of every character, and the strings
   * made it about a third of a second of every command's startup. A lone character lower-cases as
   * {@link Character#toLowerCase(char)} does, except U+0130, whose lower case is two characters
   * (Unicode SpecialCasing); StringsTest checks every character against toLowerCase.
   */
  static boolean lowerCasesTo(char c, char wanted) {
    return c != '\u0130' && Character.toLowerCase(c) == wanted;
  }

  private static final Map<Character, Automaton> FOLDS = new ConcurrentHashMap<>();

  /**
   * Every string {@link String#equalsIgnoreCase} finds equal to {@code text}; null if {@code text}
   * holds a surrogate, whose comparison is by code point.
   */
  static @Nullable Automaton ignoringCase(String text) {
    List<Automaton> parts = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        return null;
      }
      parts.add(FOLDS.computeIfAbsent(c, Strings::fold));
    }
    return minimal(BasicOperations.concatenate(parts));
  }

  /** The characters {@code regionMatches(true, ...)} takes as equal to {@code c}. */
  private static Automaton fold(char c) {
    StringBuilder set = new StringBuilder();
    String one = String.valueOf(c);
    for (int d = 0; d <= 0xFFFF; d++) {
      char other = (char) d;
      if (!Character.isSurrogate(other) && one.equalsIgnoreCase(String.valueOf(other))) {
        set.append(other);
      }
    }
    return BasicAutomata.makeCharSet(set.toString());
  }

  /**
   * A Resource pattern (docs/semantics.md §4.5, §4.6): in the first five colon-separated segments a
   * wildcard does not match {@code ':'}, except a {@code *} that ends its segment; in the resource
   * segment both match anything. Null if the pattern has a policy variable.
   */
  static @Nullable Automaton resource(Template template) {
    Automaton cached = RESOURCE_CACHE.get(template);
    if (cached != null) {
      return cached;
    }
    Automaton built = buildResource(template);
    if (built != null && RESOURCE_CACHE.size() < 4096) {
      RESOURCE_CACHE.put(template, built);
    }
    return built;
  }

  /**
   * Resource automata by pattern: the same pattern in the reference and the candidate then has one
   * automaton, so that comparing the two is an identity check, and no pattern is built twice.
   */
  private static final Map<Template, Automaton> RESOURCE_CACHE = new ConcurrentHashMap<>();

  private static final Map<List<Template>, Automaton> RESOURCE_LISTS = new ConcurrentHashMap<>();

  /** The union of Resource patterns, cached by list; null if one has a policy variable. */
  static @Nullable Automaton resources(List<Template> templates) {
    Automaton cached = RESOURCE_LISTS.get(templates);
    if (cached != null) {
      return cached;
    }
    List<Automaton> parts = new ArrayList<>();
    for (Template template : templates) {
      Automaton one = resource(template);
      if (one == null) {
        return null;
      }
      parts.add(one);
    }
    Automaton out = union(parts);
    if (RESOURCE_LISTS.size() < 4096) {
      RESOURCE_LISTS.put(List.copyOf(templates), out);
    }
    return out;
  }

  private static @Nullable Automaton buildResource(Template template) {
    return resource(template, variable -> null);
  }

  /**
   * A Resource pattern whose variables read as the given sets (a value's text, or every string):
   * the segments and wildcards are those of the pattern as written, a substituted value is literal
   * text whatever it holds (docs/semantics.md §4.6, §7.4), as the evaluator substitutes. Null if
   * {@code value} gives null for a variable.
   */
  static @Nullable Automaton resource(
      Template template,
      java.util.function.Function<Template.Variable, @Nullable Automaton> value) {
    List<Template.Part> source = template.parts();
    List<Automaton> parts = new ArrayList<>();
    int colons = 0;
    for (int i = 0; i < source.size(); i++) {
      Template.Part part = source.get(i);
      if (part instanceof Template.Literal literal) {
        parts.add(BasicAutomata.makeString(literal.text()));
        colons += (int) literal.text().chars().filter(ch -> ch == ':').count();
      } else if (part instanceof Template.Wildcard wildcard) {
        boolean star = wildcard.symbol() == '*';
        boolean inSegment = colons < 5 && !(star && endsSegment(source, i + 1));
        Automaton one = inSegment ? NOT_COLON : ANY_CHAR;
        parts.add(star ? one.repeat() : one);
      } else {
        Automaton substituted = value.apply((Template.Variable) part);
        if (substituted == null) {
          return null;
        }
        parts.add(substituted);
      }
    }
    return minimal(BasicOperations.concatenate(parts));
  }

  private static boolean endsSegment(List<Template.Part> parts, int next) {
    if (next >= parts.size()) {
      return true;
    }
    return parts.get(next) instanceof Template.Literal literal && literal.text().startsWith(":");
  }

  /** Any text shaped like an ARN: {@code arn:}, four more colon-free segments, a resource. */
  static final Automaton ANY_ARN =
      minimal(
          BasicOperations.concatenate(
              List.of(
                  exactly("arn:"),
                  NO_COLONS,
                  exactly(":"),
                  NO_COLONS,
                  exactly(":"),
                  NO_COLONS,
                  exactly(":"),
                  NO_COLONS,
                  exactly(":"),
                  ANY)));

  /**
   * The values an {@code ArnLike}/{@code ArnEquals} pattern matches (docs/semantics.md §6.4.1),
   * read as {@code dev.arbiter.policy.value.ArnPattern} reads it: pattern and value split at their
   * first five colons and compared segment by segment; {@code *} alone matches every ARN, any other
   * pattern without six segments none. Null if the pattern has a policy variable.
   */
  static @Nullable Automaton arn(Template template) {
    List<List<Automaton>> segments = new ArrayList<>();
    segments.add(new ArrayList<>());
    boolean onlyStar = true;
    int wildcards = 0;
    for (Template.Part part : template.parts()) {
      if (part instanceof Template.Literal literal) {
        String text = literal.text();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
          if (text.charAt(i) == ':' && segments.size() < 6) {
            last(segments).add(exactly(text.substring(start, i)));
            segments.add(new ArrayList<>());
            start = i + 1;
          }
        }
        last(segments).add(exactly(text.substring(start)));
        onlyStar &= text.isEmpty();
      } else if (part instanceof Template.Wildcard wildcard) {
        wildcards++;
        last(segments).add(wildcard.symbol() == '*' ? ANY : ANY_CHAR);
        onlyStar &= wildcard.symbol() == '*';
      } else {
        return null;
      }
    }
    if (segments.size() != 6) {
      return onlyStar && wildcards > 0 ? ANY_ARN : EMPTY;
    }
    List<Automaton> value = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Automaton segment = BasicOperations.concatenate(segments.get(i));
      if (i == 0) {
        segment = segment.intersection(exactly("arn"));
      } else if (i < 5) {
        segment = segment.intersection(NO_COLONS);
      }
      if (i > 0) {
        value.add(exactly(":"));
      }
      value.add(segment);
    }
    return minimal(BasicOperations.concatenate(value));
  }

  private static List<Automaton> last(List<List<Automaton>> segments) {
    return segments.get(segments.size() - 1);
  }

  /** A short example of the set, as readable as it has (see {@link #READABLE}); null if empty. */
  static @Nullable String example(Automaton set) {
    for (Automaton alphabet : READABLE) {
      String readable = set.intersection(alphabet).getShortestExample(true);
      if (readable != null) {
        return readable;
      }
    }
    return set.getShortestExample(true);
  }

  /** A short example of a non-empty set, not the empty string when it has another. */
  static String exampleNotEmpty(Automaton set) {
    String out = example(minus(set, exactly("")));
    if (out == null) {
      out = example(set);
    }
    return out == null ? "" : out;
  }

  /** The first of {@code preferred} in the set, else {@link #example}. */
  static @Nullable String example(Automaton set, List<String> preferred) {
    for (String candidate : preferred) {
      if (set.run(candidate)) {
        return candidate;
      }
    }
    return example(set);
  }

  /**
   * The intersection, minimal; without building a product when one side is everything, nothing, or
   * the other side itself (the common cases, which keep the dimensions of a cube shared).
   */
  // Identity, not language equality (which brics computes by inclusion both ways): a shortcut.
  @SuppressWarnings("ReferenceEquality")
  static Automaton and(Automaton a, Automaton b) {
    if (a == b || b.isTotal() || a.isEmpty()) {
      return a;
    }
    if (a.isTotal() || b.isEmpty()) {
      return b;
    }
    return minimal(a.intersection(b));
  }

  /**
   * Whether the two sets share a string, searched in the product without building it ({@link
   * Dfa#meets}).
   */
  @SuppressWarnings("ReferenceEquality") // identity shortcut, as in and()
  static boolean meets(Automaton a, Automaton b) {
    if (a == b || b.isTotal()) {
      return !a.isEmpty();
    }
    if (a.isTotal()) {
      return !b.isEmpty();
    }
    return Dfa.meets(a, b);
  }

  /** Whether every string of {@code a} is in {@code b}. */
  @SuppressWarnings("ReferenceEquality") // identity shortcut, as in and()
  static boolean subset(Automaton a, Automaton b) {
    if (a == b || b.isTotal() || a.isEmpty()) {
      return true;
    }
    if (b.isDeterministic() && a.getSingleton() == null && b.getSingleton() == null) {
      return Dfa.subset(a, b);
    }
    if (b.isDeterministic()) {
      return a.subsetOf(b); // determinizes b, which already is: no shared automaton changes
    }
    return a.minus(b).isEmpty();
  }

  /**
   * {@code a} without {@code b}, minimal, with the shortcuts of {@link #and}. Everything without
   * {@code b} is its complement, made without a product or a minimization (see {@link
   * #complement}).
   */
  // Identity, not language equality (which brics computes by inclusion both ways): a shortcut.
  @SuppressWarnings("ReferenceEquality")
  static Automaton minus(Automaton a, Automaton b) {
    if (a == b || b.isTotal() || a.isEmpty()) {
      return EMPTY;
    }
    if (b.isEmpty()) {
      return a;
    }
    if (a.isTotal()) {
      return complement(b);
    }
    return minimal(a.minus(b));
  }

  /**
   * Every string not in {@code a}: its deterministic automaton, completed with a state that rejects
   * nothing more, with accepting and rejecting states swapped and the states that accept nothing
   * removed. Linear in the size of the automaton; the complement of a minimal automaton is minimal
   * (two states told apart by some suffix still are, with the answers swapped), and the automata of
   * this class are minimal. {@code a} is left unchanged (brics completes a copy).
   */
  private static Automaton complement(Automaton a) {
    return Dfa.determinize(a).complement();
  }

  private static final Map<List<String>, Automaton> NOT_ACTION_LISTS = new ConcurrentHashMap<>();

  /**
   * Every string outside the union of lower-cased action patterns ({@link #actions}): a NotAction
   * list. Cached by list like {@link #actions}: the complement of a long list (an AWS managed
   * policy's NotAction names 685 actions) is read again by every check on the policy.
   */
  static Automaton notActions(List<String> lowerPatterns) {
    Automaton cached = NOT_ACTION_LISTS.get(lowerPatterns);
    if (cached != null) {
      return cached;
    }
    Automaton out = minus(ANY, actions(lowerPatterns));
    if (NOT_ACTION_LISTS.size() < 4096) {
      NOT_ACTION_LISTS.put(List.copyOf(lowerPatterns), out);
    }
    return out;
  }

  /** The union, minimal, with the same shortcuts. */
  // Identity, not language equality (which brics computes by inclusion both ways): a shortcut.
  @SuppressWarnings("ReferenceEquality")
  static Automaton or(Automaton a, Automaton b) {
    if (a == b || a.isTotal() || b.isEmpty()) {
      return a;
    }
    if (b.isTotal() || a.isEmpty()) {
      return b;
    }
    return minimal(a.union(b));
  }

  /**
   * The union of {@code parts}, minimal, joined two by two (a balanced tree of minimized unions).
   * Determinizing the union of many patterns with wildcards at once can take exponentially many
   * states even when the result is small (27 API Gateway patterns of one AWS managed policy: over a
   * minute, for 63 states); the union of two minimal automata has at most the product of their
   * sizes.
   */
  static Automaton union(List<Automaton> parts) {
    if (parts.isEmpty()) {
      return EMPTY;
    }
    List<Automaton> level = parts;
    while (level.size() > 1) {
      List<Automaton> next = new ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(or(level.get(i), level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level = next;
    }
    return level.get(0);
  }

  /**
   * The minimal deterministic automaton of the same language, made within the check's budget
   * ({@link Dfa}); the argument may be changed.
   */
  static Automaton minimal(Automaton automaton) {
    return Dfa.minimal(automaton);
  }
}
