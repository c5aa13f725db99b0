package dev.arbiter.eval;

import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Resources;
import dev.arbiter.policy.value.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement's {@code Resource} or {@code NotResource}: case-sensitive ARN patterns with the
 * segment rules of docs/semantics.md §4 and policy variables in them (§4.9).
 */
final class ResourceMatcher {
  private final Resources element;
  private final boolean allow;
  private final CompiledTemplate[] patterns;

  ResourceMatcher(Resources element, boolean allow) {
    this.element = element;
    this.allow = allow;
    List<ResourcePattern> list = element.patterns();
    this.patterns = new CompiledTemplate[list.size()];
    for (int i = 0; i < patterns.length; i++) {
      patterns[i] = CompiledTemplate.forResource(list.get(i).template());
    }
  }

  Resources element() {
    return element;
  }

  /**
   * Whether the statement covers the resource. Matching is textual: {@code arn:aws:s3:::*} does not
   * cover a request whose resource is {@code *} (§12.16 follows the NotAction page: an action such
   * as s3:ListAllMyBuckets needs {@code "Resource": "*"}).
   *
   * <p>A pattern whose variable has no value in this request matches no resource (§7.5): in {@code
   * Resource} it grants or denies nothing. In {@code NotResource} the reading depends on the effect
   * (§12.0, §12.7): in a Deny the entry excludes nothing, so the Deny still applies; in an Allow
   * the statement does not apply, since an exclusion that cannot be known must not widen a grant.
   */
  boolean matches(String resource, RequestContext context) {
    boolean unresolved = false;
    for (CompiledTemplate pattern : patterns) {
      Glob glob = pattern.glob(context);
      if (glob == null) {
        unresolved = true;
      } else if (glob.matches(resource)) {
        return !element.negated();
      }
    }
    return element.negated() && !(allow && unresolved);
  }

  String describeMiss(String resource, RequestContext context) {
    List<String> unresolved = new ArrayList<>();
    for (CompiledTemplate pattern : patterns) {
      if (pattern.glob(context) == null) {
        unresolved.add(pattern.toString());
      }
    }
    String note =
        unresolved.isEmpty()
            ? ""
            : " (" + Messages.list(unresolved) + " has a policy variable with no value here)";
    if (element.negated() && allow && !unresolved.isEmpty() && !excluded(resource, context)) {
      return "resource "
          + resource
          + " is not excluded by NotResource "
          + list()
          + ", but "
          + Messages.list(unresolved)
          + " has a policy variable with no value here; what it excludes is unknown, so an Allow"
          + " grants nothing";
    }
    if (element.negated()) {
      return "resource " + resource + " is excluded by NotResource " + list() + note;
    }
    return element.patterns().isEmpty()
        ? "the Resource list is empty, so the statement matches no resource"
        : "resource " + resource + " matches none of Resource " + list() + note;
  }

  /** Whether a resolved NotResource entry matches the resource. */
  private boolean excluded(String resource, RequestContext context) {
    for (CompiledTemplate pattern : patterns) {
      Glob glob = pattern.glob(context);
      if (glob != null && glob.matches(resource)) {
        return true;
      }
    }
    return false;
  }

  private String list() {
    return Messages.list(element.patterns());
  }
}
