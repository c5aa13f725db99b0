package dev.arbiter.policy.internal;

import dev.arbiter.policy.ConditionKey;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.Template;
import dev.arbiter.policy.internal.grammar.PolicyVariableLexer;
import dev.arbiter.policy.internal.grammar.PolicyVariableParser;
import dev.arbiter.policy.internal.grammar.PolicyVariableParserBaseVisitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a string into a {@link Template}, with the ANTLR grammar when it may hold variables. Shared
 * by {@link Template#parse} and the policy reader; not API.
 */
public final class TemplateReader {
  private TemplateReader() {}

  /**
   * Parses {@code text}; policy variables are recognised only when {@code variables} is set.
   *
   * @throws PolicyParseException at {@code location} if a variable is malformed
   */
  public static Template parse(String text, boolean variables, SourceLocation location) {
    if (!variables || !text.contains("${")) {
      return splitWildcards(text);
    }
    PolicyVariableLexer lexer = new PolicyVariableLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    PolicyVariableParser parser = new PolicyVariableParser(tokens);
    parser.removeErrorListeners();
    parser.setErrorHandler(new BailErrorStrategy());
    PolicyVariableParser.TemplateContext tree;
    try {
      tree = parser.template();
    } catch (ParseCancellationException e) {
      Token offending = offendingToken(e, parser);
      throw new PolicyParseException(List.of(describe(text, tokens, offending, location)));
    }
    Builder builder = new Builder();
    builder.visit(tree);
    return new Template(builder.parts);
  }

  private static Template splitWildcards(String text) {
    List<Template.Part> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?') {
        if (i > start) {
          parts.add(new Template.Literal(text.substring(start, i)));
        }
        parts.add(new Template.Wildcard(c));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      parts.add(new Template.Literal(text.substring(start)));
    }
    return new Template(parts);
  }

  private static Token offendingToken(ParseCancellationException e, PolicyVariableParser parser) {
    Throwable cause = e.getCause();
    if (cause instanceof RecognitionException recognition
        && recognition.getOffendingToken() != null) {
      return recognition.getOffendingToken();
    }
    return parser.getCurrentToken();
  }

  private static PolicyProblem describe(
      String text, CommonTokenStream tokens, Token offending, SourceLocation location) {
    tokens.fill(); // the parser stopped early; the rest of the tokens tell whether a '}' follows
    int index = offending.getTokenIndex();
    int previous = index > 0 ? tokens.get(index - 1).getType() : Token.INVALID_TYPE;
    int beforePrevious = index > 1 ? tokens.get(index - 2).getType() : Token.INVALID_TYPE;
    int variableStart = 0;
    for (int i = index; i >= 0; i--) {
      if (tokens.get(i).getType() == PolicyVariableLexer.VAR_OPEN) {
        variableStart = tokens.get(i).getStartIndex();
        break;
      }
    }
    String where =
        "policy variable at character " + (variableStart + 1) + " of " + OneLine.quote(text);
    int type = offending.getType();
    boolean closed = false;
    for (int i = index; i < tokens.size(); i++) {
      if (tokens.get(i).getType() == PolicyVariableLexer.VAR_CLOSE) {
        closed = true;
        break;
      }
    }
    if (type == Token.EOF || !closed) {
      return new PolicyProblem(
          "MISSING_BRACE_IN_VARIABLE", location, where + " has no closing '}'");
    }
    if (type == PolicyVariableLexer.VAR_CLOSE && previous == PolicyVariableLexer.VAR_OPEN) {
      return new PolicyProblem(
          "EMPTY_VARIABLE",
          location,
          where + " is empty; write a context key, as in ${aws:username}");
    }
    if (type == PolicyVariableLexer.SPACE) {
      return new PolicyProblem(
          "UNSUPPORTED_SPACE_IN_VARIABLE",
          location,
          where + " contains a space; the key name may not contain spaces");
    }
    boolean afterComma =
        previous == PolicyVariableLexer.COMMA
            || (previous == PolicyVariableLexer.SPACE
                && beforePrevious == PolicyVariableLexer.COMMA);
    if (afterComma || "'".equals(offending.getText())) {
      return new PolicyProblem(
          "MISSING_QUOTE_IN_VARIABLE",
          location,
          where
              + " has a default value that is not in single quotes, as in ${aws:username, 'none'}");
    }
    return new PolicyProblem(
        "MALFORMED_VARIABLE",
        location,
        where
            + " is malformed at character "
            + (offending.getStartIndex() + 1)
            + "; write ${key} or ${key, 'default'}");
  }

  /** Collects the parts, merging adjacent literals. */
  private static final class Builder extends PolicyVariableParserBaseVisitor<@Nullable Void> {
    final List<Template.Part> parts = new ArrayList<>();

    private void literal(String text) {
      int last = parts.size() - 1;
      if (last >= 0 && parts.get(last) instanceof Template.Literal previous) {
        parts.set(last, new Template.Literal(previous.text() + text));
      } else {
        parts.add(new Template.Literal(text));
      }
    }

    @Override
    public @Nullable Void visitText(PolicyVariableParser.TextContext ctx) {
      literal(ctx.getText());
      return null;
    }

    @Override
    public @Nullable Void visitDollar(PolicyVariableParser.DollarContext ctx) {
      literal("$");
      return null;
    }

    @Override
    public @Nullable Void visitStar(PolicyVariableParser.StarContext ctx) {
      parts.add(new Template.Wildcard('*'));
      return null;
    }

    @Override
    public @Nullable Void visitQuestion(PolicyVariableParser.QuestionContext ctx) {
      parts.add(new Template.Wildcard('?'));
      return null;
    }

    @Override
    public @Nullable Void visitSpecial(PolicyVariableParser.SpecialContext ctx) {
      literal(ctx.SPECIAL().getText());
      return null;
    }

    @Override
    public @Nullable Void visitKeyed(PolicyVariableParser.KeyedContext ctx) {
      Optional<String> defaultValue = Optional.empty();
      if (ctx.QUOTED() != null) {
        String quoted = ctx.QUOTED().getText();
        defaultValue = Optional.of(quoted.substring(1, quoted.length() - 1));
      }
      parts.add(new Template.Variable(new ConditionKey(ctx.KEY().getText()), defaultValue));
      return null;
    }
  }
}
