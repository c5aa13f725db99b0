package dev.arbiter.query;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A parsed question. Write one as text and parse it with {@link #parse(String)}:
 *
 * <pre>{@code
 * can user/alice s3:GetObject arn:aws:s3:::reports/q1.csv with aws:SourceIp = 203.0.113.5
 * who can iam:PassRole *
 * what can role/deploy do on arn:aws:s3:::artifacts/* in s3
 * }</pre>
 */
public sealed interface Query permits Query.Can, Query.WhoCan, Query.WhatCan {

  /** Request context values given with {@code with}: one value, or several for a list. */
  Map<String, List<String>> context();

  /**
   * Applies the function for this kind of question. Adding a kind of question adds a parameter, so
   * every caller must say what to do with it: Java 17 has no exhaustive {@code switch} over a
   * sealed interface.
   *
   * <pre>{@code
   * String verb = query.match(can -> "can", who -> "who can", what -> "what can");
   * }</pre>
   */
  <R> R match(
      Function<? super Can, ? extends R> can,
      Function<? super WhoCan, ? extends R> whoCan,
      Function<? super WhatCan, ? extends R> whatCan);

  /**
   * Parses a question.
   *
   * @throws QuerySyntaxException with the column where parsing failed and what was expected
   */
  static Query parse(String text) {
    return QueryReader.read(text);
  }

  /**
   * {@code can PRINCIPAL ACTION RESOURCE}.
   *
   * @param principal as written: an ARN, {@code user/NAME}, {@code role/NAME} or {@code
   *     role/NAME/SESSION}
   * @param action the action, such as {@code s3:GetObject}
   * @param resource the resource ARN, or {@code *}
   * @param context the {@code with} values
   */
  record Can(String principal, String action, String resource, Map<String, List<String>> context)
      implements Query {
    /** Copies the context. */
    public Can {
      context = Map.copyOf(context);
    }

    @Override
    public <R> R match(
        Function<? super Can, ? extends R> can,
        Function<? super WhoCan, ? extends R> whoCan,
        Function<? super WhatCan, ? extends R> whatCan) {
      return can.apply(this);
    }
  }

  /**
   * {@code who can ACTION RESOURCE}.
   *
   * @param action the action
   * @param resource the resource ARN, or {@code *}
   * @param context the {@code with} values
   */
  record WhoCan(String action, String resource, Map<String, List<String>> context)
      implements Query {
    /** Copies the context. */
    public WhoCan {
      context = Map.copyOf(context);
    }

    @Override
    public <R> R match(
        Function<? super Can, ? extends R> can,
        Function<? super WhoCan, ? extends R> whoCan,
        Function<? super WhatCan, ? extends R> whatCan) {
      return whoCan.apply(this);
    }
  }

  /**
   * {@code what can PRINCIPAL do [on RESOURCE] [in SERVICE]}.
   *
   * @param principal the principal, as in {@link Can}
   * @param resource the resource to ask about, if given
   * @param service the service prefix to limit the answer to, if given
   * @param context the {@code with} values
   */
  record WhatCan(
      String principal,
      Optional<String> resource,
      Optional<String> service,
      Map<String, List<String>> context)
      implements Query {
    /** Copies the context. */
    public WhatCan {
      context = Map.copyOf(context);
    }

    @Override
    public <R> R match(
        Function<? super Can, ? extends R> can,
        Function<? super WhoCan, ? extends R> whoCan,
        Function<? super WhatCan, ? extends R> whatCan) {
      return whatCan.apply(this);
    }
  }
}
