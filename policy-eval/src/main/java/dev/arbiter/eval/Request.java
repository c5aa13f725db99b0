package dev.arbiter.eval;

import dev.arbiter.policy.Arn;
import dev.arbiter.policy.internal.OneLine;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One request to decide: who (the principal), what (the action), on what (the resource and the
 * account that owns it), and the request context. Immutable; the principal is parsed once, when the
 * request is built.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/intro-structure.html#intro-structure-request">Understanding
 *     how IAM works: request</a>
 */
public final class Request {
  private final String principal;
  private final String action;
  private final String resource;
  private final String resourceAccount;
  private final RequestContext context;
  private final Set<String> filledKeys;
  private final Caller caller;
  private final String actionLower;

  /** What the resource is for docs/semantics.md §9.5. */
  enum Special {
    /** An ordinary resource. */
    NONE,
    /** A role, for {@code sts:AssumeRole*} and its companions: the trust policy must allow. */
    TRUST,
    /** A KMS key: the key policy must allow. */
    KEY
  }

  private final Special special;

  private Request(Builder builder) {
    principal = require(builder.principal, "principal");
    action = require(builder.action, "action");
    resource = require(builder.resource, "resource");
    caller = Caller.parse(principal);
    if (builder.fillPrincipalKeys) {
      Map<String, String> missing = new LinkedHashMap<>();
      PrincipalKeys.of(caller)
          .forEach(
              (key, value) -> {
                if (!builder.context.contains(key)) {
                  missing.put(key, value);
                }
              });
      context = builder.context.plus(missing);
      filledKeys = Collections.unmodifiableSet(new LinkedHashSet<>(missing.keySet()));
    } else {
      context = builder.context;
      filledKeys = Set.of();
    }
    if (action.indexOf(':') <= 0 || action.indexOf(':') == action.length() - 1) {
      throw new IllegalArgumentException(
          "action " + OneLine.quote(action) + " must have the form service:ActionName");
    }
    actionLower = action.toLowerCase(Locale.ROOT);
    Optional<Arn> arn = Arn.tryParse(resource);
    resourceAccount = resolveAccount(builder.resourceAccount, arn, caller);
    special = special(actionLower, arn);
  }

  /**
   * Whether the request is for a role's trust policy or a KMS key's policy (docs/semantics.md
   * §9.5), decided once: {@code sts:AssumeRole*}, and the {@code sts:TagSession} / {@code
   * sts:SetSourceIdentity} that accompany it, on an IAM role ARN; anything on a KMS key ARN.
   */
  private static Special special(String actionLower, Optional<Arn> arn) {
    if (arn.isEmpty()) {
      return Special.NONE;
    }
    String service = arn.get().service();
    String resource = arn.get().resource();
    if (service.equals("iam")
        && resource.startsWith("role/")
        && (actionLower.startsWith("sts:assumerole")
            || actionLower.equals("sts:tagsession")
            || actionLower.equals("sts:setsourceidentity"))) {
      return Special.TRUST;
    }
    return service.equals("kms") && resource.startsWith("key/") ? Special.KEY : Special.NONE;
  }

  private static String require(@Nullable String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a request needs a non-empty " + name);
    }
    return value;
  }

  /**
   * docs/scenario.md: an explicit account wins; then the resource ARN's account field; then (for S3
   * bucket ARNs, which have none) the caller's own account.
   */
  private static String resolveAccount(@Nullable String given, Optional<Arn> arn, Caller caller) {
    if (given != null) {
      if (!Caller.isAccount(given)) {
        throw new IllegalArgumentException(
            "resourceAccount " + OneLine.quote(given) + " must be a 12-digit account ID");
      }
      return given;
    }
    if (arn.isPresent() && !arn.get().account().isEmpty()) {
      return arn.get().account();
    }
    return caller.account();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The caller: an IAM principal ARN, a service principal name, or {@code anonymous}. */
  public String principal() {
    return principal;
  }

  /** The action, as {@code service:ActionName}. */
  public String action() {
    return action;
  }

  /** The resource ARN, or {@code *} for actions without resource-level permissions. */
  public String resource() {
    return resource;
  }

  /**
   * The account that owns the resource; "" when it cannot be known (an anonymous caller and a
   * resource ARN without an account).
   */
  public String resourceAccount() {
    return resourceAccount;
  }

  /** The request context, with the keys {@link Builder#fillPrincipalKeys()} filled in. */
  public RequestContext context() {
    return context;
  }

  /**
   * The keys of {@link #context()} that {@link Builder#fillPrincipalKeys()} filled in from the
   * principal, in order; empty when the context was taken as given. The explanation lists them.
   */
  public Set<String> filledKeys() {
    return filledKeys;
  }

  /** This request with {@code newContext} in place of its context, taken as given. */
  public Request withContext(RequestContext newContext) {
    return builder()
        .principal(principal)
        .action(action)
        .resource(resource)
        .resourceAccount(resourceAccount)
        .context(newContext)
        .build();
  }

  /**
   * Whether AWS decides this request on a role's trust policy (docs/semantics.md §9.5): {@code
   * sts:AssumeRole*}, or the {@code sts:TagSession} / {@code sts:SetSourceIdentity} that accompany
   * it, on an IAM role ARN. The resource policy of such a request is validated as a trust policy.
   */
  public boolean isTrustRequest() {
    return special == Special.TRUST;
  }

  /**
   * Whether a request for {@code action} on {@code resource} would be decided on a role's trust
   * policy, as {@link #isTrustRequest()} says of a built request: for callers that choose the
   * policies before they build the request.
   */
  public static boolean isTrustRequest(String action, String resource) {
    return special(action.toLowerCase(Locale.ROOT), Arn.tryParse(resource)) == Special.TRUST;
  }

  /**
   * Checks that {@code principal} is a principal a request can be made by, the check {@link
   * Builder#build()} makes, so that a reader can report a bad principal at the place it was read.
   *
   * @throws IllegalArgumentException if it is none of the forms {@link Builder#principal} lists,
   *     saying which are accepted
   */
  public static void checkPrincipal(String principal) {
    Caller.parse(principal);
  }

  Caller caller() {
    return caller;
  }

  String actionLower() {
    return actionLower;
  }

  Special special() {
    return special;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Request that
        && principal.equals(that.principal)
        && action.equals(that.action)
        && resource.equals(that.resource)
        && resourceAccount.equals(that.resourceAccount)
        && context.equals(that.context);
  }

  @Override
  public int hashCode() {
    return Objects.hash(principal, action, resource, resourceAccount, context);
  }

  /** Returns {@code principal action resource}. */
  @Override
  public String toString() {
    return principal + " " + action + " " + resource;
  }

  /** Collects the parts of a {@link Request}. */
  public static final class Builder {
    private @Nullable String principal;
    private @Nullable String action;
    private @Nullable String resource;
    private @Nullable String resourceAccount;
    private RequestContext context = RequestContext.empty();
    private boolean fillPrincipalKeys;

    private Builder() {}

    /** The caller: an IAM user, root, assumed-role or federated-user ARN, a service, anonymous. */
    public Builder principal(String value) {
      principal = value;
      return this;
    }

    /** The action, {@code service:ActionName} (any case). */
    public Builder action(String value) {
      action = value;
      return this;
    }

    /** The resource ARN, or {@code *}. */
    public Builder resource(String value) {
      resource = value;
      return this;
    }

    /** The account that owns the resource, when the ARN does not say (S3) or to override it. */
    public Builder resourceAccount(String value) {
      resourceAccount = value;
      return this;
    }

    /** The request context; empty unless set. */
    public Builder context(RequestContext value) {
      context = value;
      return this;
    }

    /**
     * Fills in the keys AWS derives from the principal ({@link PrincipalKeys#of(String)}: {@code
     * aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, {@code
     * aws:username}) that the context does not give, as AWS always sets them (docs/semantics.md
     * §2.4). Without it the context is taken exactly as given. {@link Request#filledKeys()} says
     * which were filled.
     */
    public Builder fillPrincipalKeys() {
      fillPrincipalKeys = true;
      return this;
    }

    /**
     * The request.
     *
     * @throws IllegalArgumentException if a part is missing or the principal, action or account has
     *     the wrong form; also for a role ARN as the principal ({@code
     *     arn:aws:iam::111122223333:role/deploy}): a role acts through its sessions, so give the
     *     session's ARN ({@code arn:aws:sts::111122223333:assumed-role/deploy/SESSION})
     */
    public Request build() {
      return new Request(this);
    }
  }
}
