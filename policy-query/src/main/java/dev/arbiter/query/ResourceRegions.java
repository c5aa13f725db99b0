package dev.arbiter.query;

import dev.arbiter.eval.RequestContext;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.Template;
import dev.arbiter.policy.value.Glob;
import dev.arbiter.reason.ResourceSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Splits the resources a wildcard pattern stands for into regions on which every policy consulted
 * decides alike, and names one resource of each: evaluating those examples decides "some resource
 * matching the pattern" exactly (docs/reasoning.md, "Quantified queries").
 *
 * <p>For a fixed principal, action and context, the evaluator's decision depends on the resource
 * only through which {@code Resource}/{@code NotResource} patterns it matches (variables are
 * substituted from the fixed context, so they are patterns too), which resource or trust policy
 * governs it, whether it is a role or key ARN (the special flows of docs/semantics.md §9.5), the
 * resource {@code *} itself (§12.16), and the resource's account. Each of these is a set of
 * resources; two resources in the same cell of all of them are decided alike. The splitters are
 * added one by one; past {@link #MAX_REGIONS} the split stops and is {@linkplain Split#exact()
 * inexact}, so an answer built on it must say "possibly" rather than "cannot".
 */
final class ResourceRegions {
  static final int MAX_REGIONS = 64;

  private final List<ResourceSet> splitters = new ArrayList<>();
  private final List<Object> keys = new ArrayList<>();
  private boolean exact = true;

  /** The result: one example resource per non-empty region, and whether the split is complete. */
  record Split(List<Region> regions, boolean exact) {
    Split {
      regions = List.copyOf(regions);
    }
  }

  /**
   * One region.
   *
   * @param example a resource in it
   * @param set the region
   */
  record Region(String example, ResourceSet set) {}

  /**
   * Adds the Resource and NotResource patterns of the statements of {@code policy} that may apply
   * to {@code actionLower}, with the variables the context gives substituted.
   */
  ResourceRegions policy(Policy policy, String actionLower, RequestContext context) {
    for (Statement statement : policy.statements()) {
      if (statement.resources().isEmpty() || !mayApply(statement, actionLower)) {
        continue;
      }
      for (ResourcePattern pattern : statement.resources().get().patterns()) {
        Optional<Template> resolved = substitute(pattern.template(), context);
        // A pattern whose variable has no value matches no resource (docs/semantics.md §7.5):
        // whether the statement applies then does not depend on the resource.
        resolved.ifPresent(
            t -> {
              splitters.add(ResourceSet.matching(t));
              keys.add(t);
            });
      }
    }
    return this;
  }

  /**
   * Adds sets the decision may depend on (governed resources, an account's ARNs), in order; {@code
   * key} stands for them in {@link #key}: equal keys must name the same sets in the same order.
   */
  ResourceRegions splitOn(List<ResourceSet> sets, Object key) {
    splitters.addAll(sets);
    keys.add(key);
    return this;
  }

  /**
   * What {@link #split(String)} of {@code query} depends on: the query and the splitters in order
   * (a substituted pattern as its template). Two splits with equal keys are equal, region for
   * region in the same order, so a split can be reused for every principal whose policies give the
   * same patterns.
   */
  List<Object> key(String query) {
    List<Object> out = new ArrayList<>(keys.size() + 1);
    out.add(query);
    out.addAll(keys);
    return List.copyOf(out);
  }

  /** Splits the resources {@code query} matches (a Resource pattern) by every splitter added. */
  Split split(String query) {
    List<ResourceSet> regions = new ArrayList<>();
    ResourceSet whole = ResourceSet.matching(Template.withoutVariables(query));
    if (!whole.isEmpty()) {
      regions.add(whole);
    }
    for (ResourceSet splitter : splitters) {
      List<ResourceSet> next = new ArrayList<>();
      for (ResourceSet region : regions) {
        if (!region.meets(splitter)) {
          next.add(region);
          continue;
        }
        ResourceSet inside = region.and(splitter);
        ResourceSet outside = region.minus(splitter);
        next.add(inside);
        if (!outside.isEmpty()) {
          next.add(outside);
        }
      }
      if (next.size() > MAX_REGIONS) {
        exact = false;
        break;
      }
      regions = next;
    }
    List<Region> out = new ArrayList<>();
    for (ResourceSet region : regions) {
      region.example().ifPresent(e -> out.add(new Region(e, region)));
    }
    return new Split(out, exact);
  }

  /**
   * Whether the statement's Action element may cover the action: a {@code NotAction} always may
   * (adding its patterns only splits more finely), an {@code Action} when a pattern matches.
   */
  static boolean mayApply(Statement statement, String actionLower) {
    if (statement.actions().negated()) {
      return true;
    }
    return statement.actions().patterns().stream()
        .anyMatch(p -> Glob.of(p.text().toLowerCase(Locale.ROOT)).matches(actionLower));
  }

  /**
   * The template with each variable replaced by its value in the context, as literal text (a {@code
   * *} in a value is not a wildcard, docs/semantics.md §7.4); empty when a variable has no value
   * (§7.5, §7.6: a multivalued key counts as absent, a default applies).
   */
  static Optional<Template> substitute(Template template, RequestContext context) {
    if (!template.hasVariables()) {
      return Optional.of(template);
    }
    List<Template.Part> parts = new ArrayList<>();
    for (Template.Part part : template.parts()) {
      if (part instanceof Template.Variable variable) {
        Optional<String> value =
            context.value(variable.key().name()).or(() -> variable.defaultValue());
        if (value.isEmpty()) {
          return Optional.empty();
        }
        parts.add(new Template.Literal(value.get()));
      } else {
        parts.add(part);
      }
    }
    return Optional.of(new Template(parts));
  }
}
