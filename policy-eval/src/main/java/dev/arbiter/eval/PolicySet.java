package dev.arbiter.eval;

import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every policy AWS consults for a request, grouped by the part each plays (docs/semantics.md §9):
 * the caller's identity-based policies, permissions boundary and session policies, the resource's
 * own policy, and the service and resource control policies of the organization, level by level.
 *
 * <p>Build one with {@link #builder()}, then compile it once with {@link Evaluator#of(PolicySet)}.
 * Immutable.
 */
public final class PolicySet {
  private final List<NamedPolicy> identityPolicies;
  private final @Nullable NamedPolicy resourcePolicy;
  private final PolicyType resourcePolicyType;
  private final List<NamedPolicy> permissionsBoundaries;
  private final List<NamedPolicy> sessionPolicies;
  private final List<List<NamedPolicy>> serviceControlPolicies;
  private final List<List<NamedPolicy>> resourceControlPolicies;
  private final List<String> serviceControlPolicyLevelNames;
  private final List<String> resourceControlPolicyLevelNames;
  private final boolean principalAccountIsManagement;
  private final boolean resourceAccountIsManagement;
  private final boolean principalIsServiceLinkedRole;
  private final @Nullable NamedPolicy vpcEndpointPolicy;
  private final S3BlockPublicAccess s3BlockPublicAccess;
  private final PublicPolicyTest publicPolicyTest;

  private PolicySet(Builder builder) {
    identityPolicies = List.copyOf(builder.identityPolicies);
    resourcePolicy = builder.resourcePolicy;
    resourcePolicyType =
        builder.resourcePolicyType != null
            ? builder.resourcePolicyType
            : resourcePolicy == null ? PolicyType.RESOURCE : inferType(resourcePolicy.policy());
    permissionsBoundaries = List.copyOf(builder.permissionsBoundaries);
    sessionPolicies = List.copyOf(builder.sessionPolicies);
    serviceControlPolicies = builder.serviceControlPolicies.stream().map(List::copyOf).toList();
    resourceControlPolicies = builder.resourceControlPolicies.stream().map(List::copyOf).toList();
    serviceControlPolicyLevelNames = levelNames(builder.serviceControlPolicyLevelNames);
    resourceControlPolicyLevelNames = levelNames(builder.resourceControlPolicyLevelNames);
    principalAccountIsManagement = builder.principalAccountIsManagement;
    resourceAccountIsManagement = builder.resourceAccountIsManagement;
    principalIsServiceLinkedRole = builder.principalIsServiceLinkedRole;
    vpcEndpointPolicy = builder.vpcEndpointPolicy;
    s3BlockPublicAccess = builder.s3BlockPublicAccess;
    publicPolicyTest = builder.publicPolicyTest;
  }

  /** An empty set to fill in. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with everything in this set. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.identityPolicies.addAll(identityPolicies);
    builder.resourcePolicy = resourcePolicy;
    builder.resourcePolicyType = resourcePolicy == null ? null : resourcePolicyType;
    builder.permissionsBoundaries.addAll(permissionsBoundaries);
    builder.sessionPolicies.addAll(sessionPolicies);
    builder.serviceControlPolicies.addAll(serviceControlPolicies);
    builder.resourceControlPolicies.addAll(resourceControlPolicies);
    builder.serviceControlPolicyLevelNames.addAll(serviceControlPolicyLevelNames);
    builder.resourceControlPolicyLevelNames.addAll(resourceControlPolicyLevelNames);
    builder.principalAccountIsManagement = principalAccountIsManagement;
    builder.resourceAccountIsManagement = resourceAccountIsManagement;
    builder.principalIsServiceLinkedRole = principalIsServiceLinkedRole;
    builder.vpcEndpointPolicy = vpcEndpointPolicy;
    builder.s3BlockPublicAccess = s3BlockPublicAccess;
    builder.publicPolicyTest = publicPolicyTest;
    return builder;
  }

  /**
   * The identity-based policies of the caller: a user's own and its groups', a role session's role
   * policies, or a federated user's federating IAM user's.
   */
  public List<NamedPolicy> identityPolicies() {
    return identityPolicies;
  }

  /** The policy attached to the resource, if any: a bucket policy, a key policy, a trust policy. */
  public Optional<NamedPolicy> resourcePolicy() {
    return Optional.ofNullable(resourcePolicy);
  }

  /**
   * How the resource policy is validated: {@link PolicyType#TRUST} for a role trust policy,
   * otherwise {@link PolicyType#RESOURCE}.
   */
  public PolicyType resourcePolicyType() {
    return resourcePolicyType;
  }

  /** The caller's permissions boundary: empty, or one policy. */
  public List<NamedPolicy> permissionsBoundaries() {
    return permissionsBoundaries;
  }

  /** The session policies passed when the caller's session was created; empty for none. */
  public List<NamedPolicy> sessionPolicies() {
    return sessionPolicies;
  }

  /**
   * The SCPs of the caller's account, one list per level from the organization root down to the
   * account; empty when the account is not in an organization.
   */
  public List<List<NamedPolicy>> serviceControlPolicies() {
    return serviceControlPolicies;
  }

  /** The RCPs of the resource's account, level by level like {@link #serviceControlPolicies()}. */
  public List<List<NamedPolicy>> resourceControlPolicies() {
    return resourceControlPolicies;
  }

  /**
   * What each level of {@link #serviceControlPolicies()} is, as explanations name it: the name
   * given to {@link Builder#serviceControlPolicyLevel(String, List)} ({@code OU ou-ab12-11111111}),
   * or, for a level added without one, its place: {@code root} for the first, {@code account} for
   * the last of two or more, {@code OU (level N)} between them.
   */
  public List<String> serviceControlPolicyLevelNames() {
    return serviceControlPolicyLevelNames;
  }

  /**
   * What each level of {@link #resourceControlPolicies()} is; see {@link
   * #serviceControlPolicyLevelNames()}.
   */
  public List<String> resourceControlPolicyLevelNames() {
    return resourceControlPolicyLevelNames;
  }

  /** The given level names, with a level added without one named by its place. */
  private static List<String> levelNames(List<@Nullable String> given) {
    List<String> names = new ArrayList<>();
    int count = given.size();
    for (int i = 0; i < count; i++) {
      String name = given.get(i);
      names.add(
          name != null
              ? name
              : i == 0 ? "root" : i == count - 1 ? "account" : "OU (level " + (i + 1) + ")");
    }
    return List.copyOf(names);
  }

  /** Whether the caller's account is the organization's management account (SCPs do not apply). */
  public boolean principalAccountIsManagement() {
    return principalAccountIsManagement;
  }

  /** Whether the resource's account is the management account (RCPs do not apply). */
  public boolean resourceAccountIsManagement() {
    return resourceAccountIsManagement;
  }

  /** Whether the caller is a service-linked role's session (SCPs do not apply). */
  public boolean principalIsServiceLinkedRole() {
    return principalIsServiceLinkedRole;
  }

  /**
   * The policy of the VPC endpoint the request passed through, if it passed through one
   * (docs/semantics.md §10): it must allow the request as well, and a Deny in it is an explicit
   * deny; it never grants.
   */
  public Optional<NamedPolicy> vpcEndpointPolicy() {
    return Optional.ofNullable(vpcEndpointPolicy);
  }

  /**
   * The S3 Block Public Access settings of the bucket the request is for (docs/semantics.md §9.13);
   * {@link S3BlockPublicAccess#OFF} unless set. They apply only to a request for an S3 bucket or
   * object whose resource policy is read as a resource-based policy.
   */
  public S3BlockPublicAccess s3BlockPublicAccess() {
    return s3BlockPublicAccess;
  }

  /**
   * What decides whether the resource policy is public, when {@link #s3BlockPublicAccess()}
   * restricts public buckets; {@link PublicPolicyTest#ASSUME_PUBLIC} unless set.
   */
  public PublicPolicyTest publicPolicyTest() {
    return publicPolicyTest;
  }

  /**
   * A resource policy is read as a role trust policy when no statement names a resource and every
   * action it lists is an STS action: that is the shape IAM requires of trust policies, and no
   * other resource policy has it.
   */
  static PolicyType inferType(Policy policy) {
    if (policy.statements().isEmpty()) {
      return PolicyType.RESOURCE;
    }
    for (Statement statement : policy.statements()) {
      if (statement.resources().isPresent() || statement.actions().negated()) {
        return PolicyType.RESOURCE;
      }
      for (ActionPattern action : statement.actions().patterns()) {
        if (!action.service().toLowerCase(Locale.ROOT).equals("sts")) {
          return PolicyType.RESOURCE;
        }
      }
    }
    return PolicyType.TRUST;
  }

  /** Collects the policies of a {@link PolicySet}. */
  public static final class Builder {
    private final List<NamedPolicy> identityPolicies = new ArrayList<>();
    private @Nullable NamedPolicy resourcePolicy;
    private @Nullable PolicyType resourcePolicyType;
    private final List<NamedPolicy> permissionsBoundaries = new ArrayList<>();
    private final List<NamedPolicy> sessionPolicies = new ArrayList<>();
    private final List<List<NamedPolicy>> serviceControlPolicies = new ArrayList<>();
    private final List<List<NamedPolicy>> resourceControlPolicies = new ArrayList<>();
    private final List<@Nullable String> serviceControlPolicyLevelNames = new ArrayList<>();
    private final List<@Nullable String> resourceControlPolicyLevelNames = new ArrayList<>();
    private boolean principalAccountIsManagement;
    private boolean resourceAccountIsManagement;
    private boolean principalIsServiceLinkedRole;
    private @Nullable NamedPolicy vpcEndpointPolicy;
    private S3BlockPublicAccess s3BlockPublicAccess = S3BlockPublicAccess.OFF;
    private PublicPolicyTest publicPolicyTest = PublicPolicyTest.ASSUME_PUBLIC;

    private Builder() {}

    /** Adds an identity-based policy of the caller. */
    public Builder identityPolicy(NamedPolicy policy) {
      identityPolicies.add(policy);
      return this;
    }

    /**
     * Adds an identity-based policy of the caller under {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public Builder identityPolicy(String name, Policy policy) {
      return identityPolicy(new NamedPolicy(name, policy));
    }

    /**
     * Sets the resource's policy. It is validated as a role trust policy if it has the shape of one
     * (no Resource element, only STS actions), otherwise as a resource-based policy.
     */
    public Builder resourcePolicy(NamedPolicy policy) {
      resourcePolicy = policy;
      resourcePolicyType = null;
      return this;
    }

    /**
     * Sets the resource's policy under {@code name}; see {@link #resourcePolicy(NamedPolicy)}.
     *
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public Builder resourcePolicy(String name, Policy policy) {
      return resourcePolicy(new NamedPolicy(name, policy));
    }

    /**
     * Sets the resource's policy and the type it is validated as.
     *
     * @throws IllegalArgumentException unless {@code type} is {@link PolicyType#RESOURCE} or {@link
     *     PolicyType#TRUST}
     */
    public Builder resourcePolicy(NamedPolicy policy, PolicyType type) {
      if (type != PolicyType.RESOURCE && type != PolicyType.TRUST) {
        throw new IllegalArgumentException(
            "a resource policy is validated as resource or trust, not " + type.cliName());
      }
      resourcePolicy = policy;
      resourcePolicyType = type;
      return this;
    }

    /**
     * Sets the resource's policy under {@code name} and the type it is validated as.
     *
     * @throws IllegalArgumentException if {@code name} is empty, or unless {@code type} is {@link
     *     PolicyType#RESOURCE} or {@link PolicyType#TRUST}
     */
    public Builder resourcePolicy(String name, Policy policy, PolicyType type) {
      return resourcePolicy(new NamedPolicy(name, policy), type);
    }

    /**
     * Sets the caller's permissions boundary.
     *
     * @throws IllegalStateException if one is already set: an IAM entity has at most one
     */
    public Builder permissionsBoundary(NamedPolicy policy) {
      if (!permissionsBoundaries.isEmpty()) {
        throw new IllegalStateException(
            "an IAM user or role has at most one permissions boundary; got a second, "
                + policy.name());
      }
      permissionsBoundaries.add(policy);
      return this;
    }

    /**
     * Sets the caller's permissions boundary under {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is empty
     * @throws IllegalStateException if one is already set: an IAM entity has at most one
     */
    public Builder permissionsBoundary(String name, Policy policy) {
      return permissionsBoundary(new NamedPolicy(name, policy));
    }

    /** Adds a session policy (up to ten managed and one inline are passed in AWS). */
    public Builder sessionPolicy(NamedPolicy policy) {
      sessionPolicies.add(policy);
      return this;
    }

    /**
     * Adds a session policy under {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public Builder sessionPolicy(String name, Policy policy) {
      return sessionPolicy(new NamedPolicy(name, policy));
    }

    /**
     * Adds the next SCP level below those added before (the root first, the account last), named by
     * its place (see {@link PolicySet#serviceControlPolicyLevelNames()}).
     */
    public Builder serviceControlPolicyLevel(List<NamedPolicy> level) {
      serviceControlPolicies.add(List.copyOf(level));
      serviceControlPolicyLevelNames.add(null);
      return this;
    }

    /**
     * Adds the next SCP level below those added before, named {@code name} in explanations ({@code
     * root}, {@code OU ou-ab12-11111111}, {@code account 111122223333}).
     *
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public Builder serviceControlPolicyLevel(String name, List<NamedPolicy> level) {
      serviceControlPolicies.add(List.copyOf(level));
      serviceControlPolicyLevelNames.add(levelName(name));
      return this;
    }

    /** Adds the next RCP level below those added before (the root first, the account last). */
    public Builder resourceControlPolicyLevel(List<NamedPolicy> level) {
      resourceControlPolicies.add(List.copyOf(level));
      resourceControlPolicyLevelNames.add(null);
      return this;
    }

    /**
     * Adds the next RCP level below those added before, named {@code name} in explanations.
     *
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public Builder resourceControlPolicyLevel(String name, List<NamedPolicy> level) {
      resourceControlPolicies.add(List.copyOf(level));
      resourceControlPolicyLevelNames.add(levelName(name));
      return this;
    }

    private static String levelName(String name) {
      if (name.isEmpty()) {
        throw new IllegalArgumentException("a level name must not be empty");
      }
      return name;
    }

    /** Marks the caller's account as the organization's management account. */
    public Builder principalAccountIsManagement(boolean value) {
      principalAccountIsManagement = value;
      return this;
    }

    /** Marks the resource's account as the organization's management account. */
    public Builder resourceAccountIsManagement(boolean value) {
      resourceAccountIsManagement = value;
      return this;
    }

    /** Marks the caller as a session of a service-linked role. */
    public Builder principalIsServiceLinkedRole(boolean value) {
      principalIsServiceLinkedRole = value;
      return this;
    }

    /**
     * Sets the policy of the VPC endpoint the request passes through (docs/semantics.md §10.2). Not
     * set: the request did not pass through an endpoint.
     */
    public Builder vpcEndpointPolicy(NamedPolicy policy) {
      vpcEndpointPolicy = policy;
      return this;
    }

    /**
     * Sets the VPC endpoint's policy under {@code name}; see {@link
     * #vpcEndpointPolicy(NamedPolicy)}.
     */
    public Builder vpcEndpointPolicy(String name, Policy policy) {
      return vpcEndpointPolicy(new NamedPolicy(name, policy));
    }

    /**
     * Sets the S3 Block Public Access settings of the bucket the requests are for
     * (docs/semantics.md §9.13). With RestrictPublicBuckets on, a public bucket policy grants only
     * to AWS service principals and to principals of the bucket owner's account; whether it is
     * public is decided by the {@link #publicPolicyTest(PublicPolicyTest) public-policy test}.
     */
    public Builder s3BlockPublicAccess(S3BlockPublicAccess settings) {
      s3BlockPublicAccess = settings;
      return this;
    }

    /**
     * Sets what decides whether the bucket policy is public for S3 Block Public Access; by default
     * {@link PublicPolicyTest#ASSUME_PUBLIC}, which takes every bucket policy to be public. Pass
     * policy-reason's test to decide it as {@code arbiter check no-public-access} does.
     */
    public Builder publicPolicyTest(PublicPolicyTest test) {
      publicPolicyTest = test;
      return this;
    }

    /** The set. Policies are validated when it is compiled by {@link Evaluator#of(PolicySet)}. */
    public PolicySet build() {
      return new PolicySet(this);
    }
  }
}
