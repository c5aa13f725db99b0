package dev.arbiter.query;

import dev.arbiter.catalog.AccessLevel;
import dev.arbiter.policy.value.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The text of {@link Answer#toText(boolean)}: what {@code arbiter query} prints. */
final class AnswerText {
  private AnswerText() {}

  static String render(Answer answer, boolean explain) {
    StringBuilder out = new StringBuilder();
    out.append(
        answer.<String>match(
            can -> can(can, explain), who -> whoCan(who, explain), what -> whatCan(what, explain)));
    if (!answer.warnings().isEmpty()) {
      out.append("Warnings:\n");
      answer.warnings().forEach(w -> out.append("  ").append(w).append('\n'));
    }
    return out.toString();
  }

  private static String can(Answer.Can can, boolean explain) {
    StringBuilder out = new StringBuilder();
    out.append(can.principal().shortName())
        .append(" (")
        .append(can.principal().arn())
        .append(") ")
        .append(can.action())
        .append(' ')
        .append(can.resource())
        .append('\n');
    out.append(can.explanation().toText(explain));
    // The lines of simulate --conditions, after a blank line as there.
    can.dependsOn().forEach(d -> out.append('\n').append(d));
    return out.toString();
  }

  private static String whoCan(Answer.WhoCan who, boolean explain) {
    StringBuilder out = new StringBuilder();
    out.append("who can ")
        .append(who.action())
        .append(' ')
        .append(who.resource())
        .append(": ")
        .append(who.allowed().stream().map(g -> g.principal().principalArn()).distinct().count())
        .append(" of ")
        .append(who.principalsChecked())
        .append(" principals allowed");
    if (!who.conditional().isEmpty()) {
      out.append(", ").append(who.conditional().size()).append(" more under conditions");
    }
    if (!who.possibly().isEmpty()) {
      out.append(", ").append(who.possibly().size()).append(" possibly (not decided)");
    }
    out.append('\n');
    boolean pattern = !who.allowed().stream().allMatch(g -> g.resource().equals(who.resource()));
    boolean actionPattern = Glob.hasWildcard(who.action());
    for (Answer.Grant grant : who.allowed()) {
      out.append("  ").append(principal(grant.principal()));
      if (actionPattern) {
        out.append(" with ").append(grant.action());
        if (!grant.actionsThrough().isEmpty()) {
          out.append(" (through ").append(String.join(", ", grant.actionsThrough())).append(')');
        }
      }
      if (pattern) {
        out.append(" on ");
        if (grant.through().isEmpty()) {
          out.append(grant.resource());
        } else {
          out.append(String.join(", ", grant.through()))
              .append(" (for example ")
              .append(grant.resource())
              .append(')');
        }
      }
      out.append('\n');
      if (explain) {
        grant.decidedBy().forEach(ref -> out.append("      decided by ").append(ref).append('\n'));
      } else {
        grant.how().forEach(ref -> out.append("      via ").append(ref).append('\n'));
      }
      dependsOn(out, grant);
    }
    for (Answer.Grant grant : who.conditional()) {
      out.append("  ").append(principal(grant.principal()));
      if (actionPattern) {
        out.append(" with ").append(grant.action());
      }
      if (pattern || !grant.resource().equals(who.resource())) {
        out.append(" on ").append(grant.resource());
      }
      out.append('\n');
      dependsOn(out, grant);
    }
    for (Answer.Possibly maybe : who.possibly()) {
      out.append("  possibly ")
          .append(principal(maybe.principal()))
          .append(": ")
          .append(maybe.why())
          .append('\n');
    }
    return out.toString();
  }

  /** The grant's conditions on missing context keys, as simulate --conditions prints them. */
  private static void dependsOn(StringBuilder out, Answer.Grant grant) {
    for (ContextDependency dependency : grant.dependsOn()) {
      dependency.toString().lines().forEach(l -> out.append("      ").append(l).append('\n'));
    }
  }

  private static String principal(AccountPrincipal principal) {
    return principal.shortName() + " (" + principal.principalArn() + ")";
  }

  private static String whatCan(Answer.WhatCan what, boolean explain) {
    StringBuilder out = new StringBuilder();
    out.append("what can ")
        .append(principal(what.principal()))
        .append(" do: ")
        .append(what.allowed().size())
        .append(" of ")
        .append(what.actionsChecked())
        .append(" actions allowed\n");
    Map<String, Map<AccessLevel, List<Answer.ActionGrant>>> byService = new TreeMap<>();
    for (Answer.ActionGrant grant : what.allowed()) {
      byService
          .computeIfAbsent(grant.service(), k -> new TreeMap<>())
          .computeIfAbsent(grant.accessLevel(), k -> new ArrayList<>())
          .add(grant);
    }
    byService.forEach(
        (service, levels) -> {
          int count = levels.values().stream().mapToInt(List::size).sum();
          out.append(service).append(" (").append(count).append(")\n");
          levels.forEach(
              (level, grants) -> {
                if (explain) {
                  out.append("  ").append(level.displayName()).append(":\n");
                  for (Answer.ActionGrant grant : grants) {
                    out.append("    ")
                        .append(grant.action())
                        .append(" on ")
                        .append(grant.grant().resource())
                        .append('\n');
                    grant
                        .grant()
                        .how()
                        .forEach(h -> out.append("        via ").append(h).append('\n'));
                  }
                } else {
                  List<String> names = new ArrayList<>();
                  grants.forEach(g -> names.add(g.action().substring(g.action().indexOf(':') + 1)));
                  out.append("  ")
                      .append(level.displayName())
                      .append(": ")
                      .append(String.join(", ", names))
                      .append('\n');
                }
              });
        });
    return out.toString();
  }
}
