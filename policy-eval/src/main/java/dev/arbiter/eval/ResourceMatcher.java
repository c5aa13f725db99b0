package dev.arbiter.eval;

import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Resources;
import dev.arbiter.policy.value.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A statement's {@code Resource} or {@code NotResource}: case-sensitive ARN patterns with the
 * segment rules of docs/semantics.md §4 and policy variables in them (§4.9).
 */
final class ResourceMatcher {
  private final Resources element;
  private final boolean allow;
  private final CompiledTemplate[] patterns;

  /**
   * For each pattern of the form {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:*}, the service part
   * as a lower-case glob; null for the others. See {@link #coversStar}.
   */
  private final @Nullable Glob[] serviceWide;

  ResourceMatcher(Resources element, boolean allow) {
    this.element = element;
    this.allow = allow;
    List<ResourcePattern> list = element.patterns();
    this.patterns = new CompiledTemplate[list.size()];
    this.serviceWide = new Glob[list.size()];
    for (int i = 0; i < patterns.length; i++) {
      patterns[i] = CompiledTemplate.forResource(list.get(i).template());
      serviceWide[i] =
          list.get(i)
              .arn()
              .filter(arn -> arn.resource().equals("*"))
              .map(arn -> Glob.of(arn.service().toLowerCase(Locale.ROOT)))
              .orElse(null);
    }
  }

  Resources element() {
    return element;
  }

  /**
   * Whether the statement covers the request's resource. Matching is textual, with one reading per
   * effect where AWS is split (§12.16): whether {@code arn:aws:s3:::*} covers the resource {@code
   * *} of an action such as s3:ListAllMyBuckets. The NotAction page says it does not, an example of
   * the evaluation-logic page implies it does; an Allow's {@code Resource} and a Deny's {@code
   * NotResource} take the first, a Deny's {@code Resource} and an Allow's {@code NotResource} the
   * second.
   *
   * <p>A pattern whose variable has no value in this request matches no resource (§7.5): in {@code
   * Resource} it grants or denies nothing. In {@code NotResource} the reading depends on the effect
   * (§12.0, §12.7): in a Deny the entry excludes nothing, so the Deny still applies; in an Allow
   * the statement does not apply, since an exclusion that cannot be known must not widen a grant.
   */
  boolean matches(Request request, RequestContext context) {
    String resource = request.resource();
    if (patterns.length == 0 && element.negated()) {
      // §1.6.1, §12.0: an empty NotResource excludes nothing if read literally; AWS does not say.
      // A Deny covers every resource, an Allow none.
      return !allow;
    }
    // §12.16, §12.0: whether arn:aws:s3:::* covers the resource "*" is split; the reading that
    // it does counts where it widens a Deny (Resource) or narrows an Allow (NotResource).
    boolean starReading = resource.equals("*") && allow == element.negated();
    boolean unresolved = false;
    for (int i = 0; i < patterns.length; i++) {
      Glob glob = patterns[i].glob(context);
      if (glob == null) {
        unresolved = true;
      } else if (glob.matches(resource) || (starReading && coversStar(i, request))) {
        return !element.negated();
      }
    }
    return element.negated() && !(allow && unresolved);
  }

  /**
   * Whether pattern {@code i} names every resource of the request's service ({@code arn:aws:s3:::*}
   * for an s3 action): the reading of the evaluation-logic example in which such a pattern covers
   * an action without resource-level permissions, such as s3:ListAllMyBuckets.
   */
  private boolean coversStar(int i, Request request) {
    Glob service = serviceWide[i];
    if (service == null) {
      return false;
    }
    String action = request.actionLower();
    int colon = action.indexOf(':');
    return colon > 0 && service.matches(action.substring(0, colon));
  }

  String describeMiss(Request request, RequestContext context) {
    String resource = request.resource();
    if (patterns.length == 0 && element.negated()) {
      return "the NotResource list is empty; what it excludes is unclear, so an Allow grants"
          + " nothing with it (docs/semantics.md §12.0)";
    }
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
    if (element.negated() && resource.equals("*") && !excluded(resource, context)) {
      return "resource * is excluded by NotResource "
          + list()
          + " in the reading where a pattern naming every resource of the service covers the"
          + " actions without resource-level permissions; an Allow takes that reading"
          + " (docs/semantics.md §12.16)";
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
