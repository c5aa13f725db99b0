package dev.arbiter.catalog;

import dev.arbiter.policy.Template;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether an ARN, or an ARN pattern with wildcards, can name a resource of a type, given
 * the type's ARN format such as {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}}.
 *
 * <p>Both sides are compiled to a sequence of items, each one character from a set ({@link
 * Item#star} false) or any run of characters from a set (true); the answer is whether some ARN is
 * in both languages, found by a search over pairs of positions (O(format x pattern)).
 *
 * <h2>What a placeholder matches (our reading; AWS documents no grammar)</h2>
 *
 * <p>A {@code ${...}} placeholder stands for a non-empty run of characters. Which characters
 * depends on where it stands, because the reference's formats do not say which names may hold
 * {@code /} or {@code :}:
 *
 * <ul>
 *   <li>In the partition, region and account parts: anything but {@code :}.
 *   <li>In the resource part, followed by more of the format: anything but {@code :}, and not
 *       {@code /} if a {@code /} follows ({@code ${BucketName}/${ObjectName}}). A name followed by
 *       {@code :} may hold {@code /}: CloudWatch Logs' {@code
 *       log-group:${LogGroupName}:log-stream:...} has log group names like {@code /aws/lambda/f}.
 *   <li>At the end of the format: anything, including {@code /} (IAM paths, S3 keys, KMS aliases)
 *       and {@code :} (Bedrock model IDs such as {@code anthropic.claude-v2:1}), except a character
 *       with which another format of the catalog continues after the same prefix. So {@code
 *       arn:${Partition}:s3:::${BucketName}} excludes {@code /}, because the object format
 *       continues with {@code /}, and Lambda's {@code function:${FunctionName}} excludes {@code :},
 *       because the alias and version formats continue with {@code :}. An S3 object ARN is then not
 *       a bucket, and a qualified Lambda ARN is a version or alias, not a function.
 * </ul>
 *
 * <p>A {@code *} in a format (the reference writes a few, such as DMS {@code endpoint:*}) matches
 * any run. On the pattern side {@code *} and {@code ?} match as IAM's resource matching does
 * (docs/semantics.md §4.4, §4.6): in the resource part any characters; in the first five parts not
 * {@code :}, except that a {@code *} that ends its part may run on past colons (§4.5; the docs are
 * split, §12.2, and we follow the Resource page as the evaluator does). A policy variable may
 * become any text, so it matches like {@code *}.
 */
final class ArnMatcher {

  /**
   * One step: a character ({@code excluded == null}: exactly {@code literal}; otherwise any
   * character not in {@code excluded}), once or, if {@code star}, any number of times.
   */
  record Item(boolean star, char literal, @Nullable String excluded) {
    static Item literal(char c) {
      return new Item(false, c, null);
    }

    static Item one(String excluded) {
      return new Item(false, '\0', excluded);
    }

    static Item run(String excluded) {
      return new Item(true, '\0', excluded);
    }

    boolean compatible(Item other) {
      String mine = excluded;
      String theirs = other.excluded;
      if (mine != null && theirs != null) {
        return true; // Exclusion sets are a few punctuation characters; letters are always left.
      }
      if (theirs != null) {
        return theirs.indexOf(literal) < 0;
      }
      if (mine != null) {
        return mine.indexOf(other.literal) < 0;
      }
      return literal == other.literal;
    }
  }

  private final Item[] items;

  private ArnMatcher(List<Item> items) {
    this.items = items.toArray(new Item[0]);
  }

  /** The index of the ARN part (0 "arn", 1 partition, ... 5 resource) after {@code colons}. */
  private static int part(int colons) {
    return Math.min(colons, 5);
  }

  // ---- formats ----

  /** One token of a format: a literal character, a placeholder or a {@code *}. */
  record Token(char kind, char literal, int part) {
    static final char LITERAL = 'l';
    static final char PLACEHOLDER = 'p';
    static final char STAR = 's';

    /** A character that stands for the token in a prefix key. */
    char key() {
      return switch (kind) {
        case PLACEHOLDER -> '\u0000';
        case STAR -> '\u0001';
        default -> literal;
      };
    }
  }

  static List<Token> tokenize(String format) {
    List<Token> tokens = new ArrayList<>(format.length());
    int colons = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '$' && format.startsWith("${", i) && format.indexOf('}', i) > 0) {
        tokens.add(new Token(Token.PLACEHOLDER, '\0', part(colons)));
        i = format.indexOf('}', i);
      } else if (c == '*') {
        tokens.add(new Token(Token.STAR, '\0', part(colons)));
      } else {
        tokens.add(new Token(Token.LITERAL, c, part(colons)));
        if (c == ':') {
          colons++;
        }
      }
    }
    return tokens;
  }

  /** The prefix key of {@code tokens[0..end)}: equal for formats that agree up to there. */
  static String prefixKey(List<Token> tokens, int end) {
    StringBuilder key = new StringBuilder(end);
    for (int i = 0; i < end; i++) {
      key.append(tokens.get(i).key());
    }
    return key.toString();
  }

  /**
   * Compiles a format.
   *
   * @param continuations for the prefix key of a format ending in a placeholder (up to and
   *     including it), the characters with which other formats continue after that prefix
   */
  static ArnMatcher forFormat(List<Token> tokens, Map<String, String> continuations) {
    List<Item> items = new ArrayList<>(tokens.size() + 8);
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      switch (token.kind()) {
        case Token.LITERAL -> items.add(Item.literal(token.literal()));
        case Token.STAR -> items.add(Item.run(token.part() < 5 ? ":" : ""));
        default -> {
          String excluded;
          if (token.part() < 5) {
            excluded = ":";
          } else if (i + 1 < tokens.size()) {
            Token next = tokens.get(i + 1);
            boolean slash = next.kind() == Token.LITERAL && next.literal() == '/';
            excluded = slash ? ":/" : ":";
          } else {
            excluded = continuations.getOrDefault(prefixKey(tokens, i + 1), "");
          }
          items.add(Item.one(excluded));
          items.add(Item.run(excluded));
        }
      }
    }
    return new ArnMatcher(items);
  }

  // ---- patterns ----

  /** Compiles an ARN pattern: {@code *} and {@code ?} are wildcards, variables match any run. */
  static ArnMatcher forPattern(Template pattern) {
    // Flatten to one code per character: the character itself, or STAR / ONE / VARIABLE.
    StringBuilder flat = new StringBuilder();
    BitSet special = new BitSet();
    for (Template.Part part : pattern.parts()) {
      if (part instanceof Template.Literal literal) {
        flat.append(literal.text());
      } else if (part instanceof Template.Wildcard wildcard) {
        special.set(flat.length());
        flat.append(wildcard.symbol());
      } else {
        special.set(flat.length());
        flat.append('$');
      }
    }
    List<Item> items = new ArrayList<>(flat.length());
    int colons = 0;
    for (int i = 0; i < flat.length(); i++) {
      char c = flat.charAt(i);
      boolean inResource = part(colons) == 5;
      if (!special.get(i)) {
        items.add(Item.literal(c));
        if (c == ':') {
          colons++;
        }
      } else if (c == '?') {
        items.add(Item.one(inResource ? "" : ":"));
      } else if (c == '*') {
        boolean endsPart =
            i + 1 == flat.length() || (flat.charAt(i + 1) == ':' && !special.get(i + 1));
        items.add(Item.run(inResource || endsPart ? "" : ":"));
      } else {
        items.add(Item.run(inResource ? "" : ":"));
      }
    }
    return new ArnMatcher(items);
  }

  // ---- matching ----

  /** Whether some text matches both this and {@code other}. */
  boolean intersects(ArnMatcher other) {
    Item[] a = items;
    Item[] b = other.items;
    int width = b.length + 1;
    BitSet seen = new BitSet((a.length + 1) * width);
    int[] stack = new int[16];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      int state = stack[--top];
      if (seen.get(state)) {
        continue;
      }
      seen.set(state);
      int i = state / width;
      int j = state % width;
      if (i == a.length && j == b.length) {
        return true;
      }
      // Make room for up to three successors.
      if (top + 3 > stack.length) {
        stack = Arrays.copyOf(stack, stack.length * 2);
      }
      if (i < a.length && a[i].star()) {
        stack[top++] = (i + 1) * width + j;
      }
      if (j < b.length && b[j].star()) {
        stack[top++] = i * width + j + 1;
      }
      if (i < a.length && j < b.length && !(a[i].star() && b[j].star())) {
        if (a[i].compatible(b[j])) {
          int ni = a[i].star() ? i : i + 1;
          int nj = b[j].star() ? j : j + 1;
          stack[top++] = ni * width + nj;
        }
      }
    }
    return false;
  }
}
