package dev.arbiter.query;

import dev.arbiter.catalog.AccessLevel;
import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Explanation;
import dev.arbiter.eval.StatementRef;
import java.util.List;
import java.util.function.Function;

/** The answer to a {@link Query}, with how it was reached. */
public sealed interface Answer permits Answer.Can, Answer.WhoCan, Answer.WhatCan {

  /**
   * Facts that limit the answer: a policy attached to a principal that the snapshot does not hold,
   * a role session name that was made up. Empty when the answer is complete.
   */
  List<String> warnings();

  /**
   * The answer as {@code arbiter query} prints it. With {@code explain}, as {@code arbiter query
   * --explain} prints it: for {@code can}, the steps of the decision and the statements that did
   * not apply; for {@code who can}, every statement that decided each principal's access (SCPs,
   * RCPs, boundaries included) instead of only those that grant it; for {@code what can}, the
   * resource and the granting statements of each action. Every line ends with a newline.
   */
  default String toText(boolean explain) {
    return AnswerText.render(this, explain);
  }

  /**
   * Applies the function for this kind of answer. Adding a kind of answer adds a parameter, so
   * every caller must say what to do with it: Java 17 has no exhaustive {@code switch} over a
   * sealed interface.
   *
   * <pre>{@code
   * boolean denied = answer.match(can -> !can.decision().isAllowed(), who -> false, what -> false);
   * }</pre>
   */
  <R> R match(
      Function<? super Can, ? extends R> can,
      Function<? super WhoCan, ? extends R> whoCan,
      Function<? super WhatCan, ? extends R> whatCan);

  /**
   * The answer to {@code can PRINCIPAL ACTION RESOURCE}.
   *
   * @param principal who asked
   * @param action the action
   * @param resource the resource
   * @param explanation the decision and its reasons
   * @param dependsOn empty when the decision does not depend on context keys the question did not
   *     give; otherwise one element: the exact conditions on those keys under which the request is
   *     allowed, or that the reasoner could not decide them
   * @param warnings see {@link Answer#warnings()}
   */
  record Can(
      AccountPrincipal principal,
      String action,
      String resource,
      Explanation explanation,
      List<ContextDependency> dependsOn,
      List<String> warnings)
      implements Answer {
    /** Copies the lists. */
    public Can {
      dependsOn = List.copyOf(dependsOn);
      warnings = List.copyOf(warnings);
    }

    @Override
    public <R> R match(
        Function<? super Can, ? extends R> can,
        Function<? super WhoCan, ? extends R> whoCan,
        Function<? super WhatCan, ? extends R> whatCan) {
      return can.apply(this);
    }

    /** The decision. */
    public Decision decision() {
      return explanation.decision();
    }
  }

  /**
   * One principal's access in a {@link WhoCan} or one action's in a {@link WhatCan} answer.
   *
   * @param principal the principal
   * @param action the action
   * @param resource the resource it was evaluated on (for {@code what can} without a resource, a
   *     resource named by the policy that grants it)
   * @param decision {@link Decision#ALLOWED}, or a denial for a conditional grant
   * @param how the statements that grant it (identity, resource or trust policy allows)
   * @param dependsOn empty when the decision does not depend on context keys the question did not
   *     give; otherwise one element: the exact conditions on those keys under which it is allowed
   *     (for an allowed grant: it is denied when none holds), or that they were not decided. Not
   *     computed for {@code what can}
   * @param through for a question about a resource pattern, the Resource patterns of the granting
   *     statements that hold {@code resource}, as written (empty when they grant through {@code
   *     NotResource} or a trust policy without Resource)
   * @param decidedBy every statement that decided an allowed grant ({@link
   *     Explanation#decisive()}): those of {@code how}, and the SCP, RCP, VPC endpoint, boundary
   *     and session policy statements that let it through; empty for a conditional grant
   * @param actionsThrough for a question about an action pattern, the Action patterns of the
   *     granting statements that match {@code action}, as written (empty when they grant through
   *     {@code NotAction}, or the question names one action)
   */
  record Grant(
      AccountPrincipal principal,
      String action,
      String resource,
      Decision decision,
      List<StatementRef> how,
      List<ContextDependency> dependsOn,
      List<String> through,
      List<StatementRef> decidedBy,
      List<String> actionsThrough) {
    /** Copies the lists. */
    public Grant {
      how = List.copyOf(how);
      dependsOn = List.copyOf(dependsOn);
      through = List.copyOf(through);
      decidedBy = List.copyOf(decidedBy);
      actionsThrough = List.copyOf(actionsThrough);
    }

    /** A grant asked about as such: no action pattern in the question. */
    public Grant(
        AccountPrincipal principal,
        String action,
        String resource,
        Decision decision,
        List<StatementRef> how,
        List<ContextDependency> dependsOn,
        List<String> through,
        List<StatementRef> decidedBy) {
      this(principal, action, resource, decision, how, dependsOn, through, decidedBy, List.of());
    }

    /** This grant with the Action patterns it is granted through. */
    Grant withActionsThrough(List<String> patterns) {
      return new Grant(
          principal, action, resource, decision, how, dependsOn, through, decidedBy, patterns);
    }

    /**
     * A grant on one resource, asked about as such, whose deciding statements are those of {@code
     * how}.
     */
    public Grant(
        AccountPrincipal principal,
        String action,
        String resource,
        Decision decision,
        List<StatementRef> how,
        List<ContextDependency> dependsOn) {
      this(principal, action, resource, decision, how, dependsOn, List.of(), how);
    }
  }

  /**
   * A principal of a {@link WhoCan} answer whose access could not be decided: it may be allowed on
   * some resource matching a pattern, or with context keys the question did not give (the keys are
   * named; no condition on them is claimed). Never a "cannot".
   *
   * @param principal the principal
   * @param why what stopped the decision
   */
  record Possibly(AccountPrincipal principal, String why) {}

  /**
   * The answer to {@code who can ACTION RESOURCE}: every principal of the loaded accounts that is
   * allowed, and those allowed only under conditions the question did not give. A resource with
   * wildcards stands for some resource matching it: a principal allowed on several kinds of
   * matching resource has one grant for each, naming an example resource and the patterns it lies
   * in ({@link Grant#through()}). An action with wildcards likewise stands for some action of the
   * service catalog matching it: one grant per way in, naming an example action and the Action
   * patterns it is granted through ({@link Grant#actionsThrough()}).
   *
   * @param action the action, or a pattern
   * @param resource the resource, or a pattern
   * @param allowed the principals allowed, with how
   * @param conditional the principals denied as asked but allowed with more context
   * @param possibly the principals that may be allowed where that could not be decided: on some
   *     resource matching a pattern, or with context keys the question did not give
   * @param principalsChecked how many principals were evaluated
   * @param warnings see {@link Answer#warnings()}
   */
  record WhoCan(
      String action,
      String resource,
      List<Grant> allowed,
      List<Grant> conditional,
      List<Possibly> possibly,
      int principalsChecked,
      List<String> warnings)
      implements Answer {
    /** Copies the lists. */
    public WhoCan {
      allowed = List.copyOf(allowed);
      conditional = List.copyOf(conditional);
      possibly = List.copyOf(possibly);
      warnings = List.copyOf(warnings);
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
   * The answer to {@code what can PRINCIPAL do}: the allowed actions, expanded through the service
   * catalog, in catalog order (by service, then name).
   *
   * @param principal the principal
   * @param allowed each allowed action, with its access level and how
   * @param actionsChecked how many catalog actions were evaluated
   * @param warnings see {@link Answer#warnings()}
   */
  record WhatCan(
      AccountPrincipal principal,
      List<ActionGrant> allowed,
      int actionsChecked,
      List<String> warnings)
      implements Answer {
    /** Copies the lists. */
    public WhatCan {
      allowed = List.copyOf(allowed);
      warnings = List.copyOf(warnings);
    }

    @Override
    public <R> R match(
        Function<? super Can, ? extends R> can,
        Function<? super WhoCan, ? extends R> whoCan,
        Function<? super WhatCan, ? extends R> whatCan) {
      return whatCan.apply(this);
    }
  }

  /**
   * An allowed action in a {@link WhatCan} answer.
   *
   * @param service the service prefix
   * @param action the action's full name, as the catalog spells it ({@code s3:GetObject})
   * @param accessLevel the catalog's access level: List, Read, Write, Permissions management or
   *     Tagging
   * @param grant how it is allowed
   */
  record ActionGrant(String service, String action, AccessLevel accessLevel, Grant grant) {}
}
