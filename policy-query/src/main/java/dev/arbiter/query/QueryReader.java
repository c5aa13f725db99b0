package dev.arbiter.query;

import dev.arbiter.policy.internal.OneLine;
import dev.arbiter.query.internal.grammar.QueryLexer;
import dev.arbiter.query.internal.grammar.QueryParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.jspecify.annotations.Nullable;

/** Parses query text with the ANTLR grammar into {@link Query} records. */
final class QueryReader {
  private QueryReader() {}

  /** Longest query accepted; a question is one line. */
  static final int MAX_LENGTH = 64 * 1024;

  static Query read(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new QuerySyntaxException(1, "query is longer than " + MAX_LENGTH + " characters");
    }
    if (text.isBlank()) {
      throw new QuerySyntaxException(1, "empty query; expected 'can', 'who can' or 'what can'");
    }
    QueryLexer lexer = new QueryLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    QueryParser parser = new QueryParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(new Listener());
    QueryParser.QueryContext tree = parser.query();
    if (tree.canQuery() != null) {
      QueryParser.CanQueryContext can = tree.canQuery();
      return new Query.Can(
          value(can.principal), value(can.action), value(can.resource), context(can.withClause()));
    }
    if (tree.whoQuery() != null) {
      QueryParser.WhoQueryContext who = tree.whoQuery();
      return new Query.WhoCan(value(who.action), value(who.resource), context(who.withClause()));
    }
    QueryParser.WhatQueryContext what = tree.whatQuery();
    return new Query.WhatCan(
        value(what.principal),
        Optional.ofNullable(what.resource).map(QueryReader::value),
        Optional.ofNullable(what.service).map(QueryReader::value),
        context(what.withClause()));
  }

  private static Map<String, List<String>> context(QueryParser.@Nullable WithClauseContext with) {
    Map<String, List<String>> context = new LinkedHashMap<>();
    if (with == null) {
      return context;
    }
    for (QueryParser.AssignmentContext assignment : with.assignment()) {
      String key = value(assignment.key);
      List<String> values = new ArrayList<>();
      if (assignment.single != null) {
        values.add(value(assignment.single));
      } else {
        for (QueryParser.ValueContext value : assignment.value()) {
          if (value != assignment.key) {
            values.add(value(value));
          }
        }
      }
      for (String existing : context.keySet()) {
        if (existing.equalsIgnoreCase(key)) {
          Token start = assignment.key.getStart();
          throw new QuerySyntaxException(
              start.getCharPositionInLine() + 1,
              "key " + OneLine.of(key, OneLine.MAX_QUOTED) + " is given twice (keys ignore case)");
        }
      }
      context.put(key, List.copyOf(values));
    }
    return context;
  }

  private static String value(QueryParser.ValueContext value) {
    Token token = value.getStart();
    String text = token.getText();
    if (token.getType() != QueryLexer.QUOTED) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() - 1) {
        c = text.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Turns ANTLR's first syntax error into one message that says what was expected. */
  private static final class Listener extends BaseErrorListener {
    @Override
    public void syntaxError(
        Recognizer<?, ?> recognizer,
        @Nullable Object offendingSymbol,
        int line,
        int charPositionInLine,
        String msg,
        @Nullable RecognitionException e) {
      String got = "end of query";
      if (offendingSymbol instanceof Token token && token.getType() != Token.EOF) {
        got =
            token.getType() == QueryLexer.UNTERMINATED
                ? "a quote that is never closed"
                : "'" + OneLine.of(token.getText(), OneLine.MAX_QUOTED) + "'";
      }
      String expected = "a well-formed query";
      if (recognizer instanceof Parser parser) {
        expected = expected(parser.getContext());
      }
      throw new QuerySyntaxException(
          charPositionInLine + 1, "expected " + expected + ", got " + got);
    }
  }

  private static String expected(@Nullable ParserRuleContext context) {
    ParserRuleContext ctx = context;
    int n = ctx == null || ctx.children == null ? 0 : ctx.children.size();
    if (ctx instanceof QueryParser.ValueContext && ctx.getParent() != null) {
      // The value being read is already the parent's last child: count the ones before it.
      ctx = ctx.getParent();
      n = ctx.children == null ? 0 : ctx.children.size() - 1;
    }
    if (ctx instanceof QueryParser.QueryContext && n > 0) {
      return ctx.getChild(0) instanceof QueryParser.WhatQueryContext
          ? "'on RESOURCE', 'in SERVICE', 'with' or the end of the query"
          : "'with' or the end of the query";
    }
    String principal = "a principal (an ARN, user/NAME, role/NAME or role/NAME/SESSION)";
    String action = "an action (such as s3:GetObject)";
    String resource = "a resource (an ARN or *)";
    if (ctx instanceof QueryParser.CanQueryContext) {
      return switch (n) {
        case 0, 1 -> principal;
        case 2 -> action;
        case 3 -> resource;
        default -> "'with' or the end of the query";
      };
    }
    if (ctx instanceof QueryParser.WhoQueryContext) {
      return switch (n) {
        case 0, 1 -> "'can'";
        case 2 -> action;
        case 3 -> resource;
        default -> "'with' or the end of the query";
      };
    }
    if (ctx instanceof QueryParser.WhatQueryContext) {
      return switch (n) {
        case 0, 1 -> "'can'";
        case 2 -> principal;
        case 3 -> "'do'";
        default -> "'on RESOURCE', 'in SERVICE', 'with' or the end of the query";
      };
    }
    if (ctx instanceof QueryParser.WithClauseContext) {
      return "a condition key (such as aws:SourceIp = 203.0.113.5)";
    }
    if (ctx instanceof QueryParser.AssignmentContext) {
      return switch (n) {
        case 0 -> "a condition key (such as aws:SourceIp = 203.0.113.5)";
        case 1 -> "'='";
        case 2 -> "a value or a [list, of, values]";
        default -> "a value, ',' or ']'";
      };
    }
    return "'can', 'who can' or 'what can'";
  }
}
