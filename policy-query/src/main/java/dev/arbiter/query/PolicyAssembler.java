package dev.arbiter.query;

import dev.arbiter.account.AccountSnapshot;
import dev.arbiter.account.IamGroup;
import dev.arbiter.account.IamRole;
import dev.arbiter.account.IamUser;
import dev.arbiter.account.ManagedPolicy;
import dev.arbiter.account.Organization;
import dev.arbiter.account.ResourcePolicies;
import dev.arbiter.account.VpcEndpointPolicy;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.PublicPolicyTest;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.S3BlockPublicAccess;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.reason.S3PublicPolicyTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Assembles what AWS consults for one request: the principal's identity policies (inline, attached,
 * and its groups') and permissions boundary, the resource's policy (a role's trust policy for
 * {@code sts:AssumeRole*}), and the SCPs and RCPs of the accounts involved. Identities and
 * evaluators are built once and shared by every question; safe for concurrent use.
 */
final class PolicyAssembler {
  private final List<AccountSnapshot> accounts;
  private final Optional<Organization> organization;
  private final ResourcePolicies resources;
  private final Optional<VpcEndpointPolicy> endpoint;
  private final Set<String> restrictPublicBuckets;

  /**
   * docs/semantics.md §9.13: "public" as `arbiter check no-public-access` decides it, once each.
   */
  private final PublicPolicyTest publicPolicyTest = S3PublicPolicyTest.create();

  private final Map<String, Identity> identities = new ConcurrentHashMap<>();
  private final Map<String, Evaluator> evaluators = new ConcurrentHashMap<>();

  PolicyAssembler(
      List<AccountSnapshot> accounts,
      Optional<Organization> organization,
      ResourcePolicies resources,
      Optional<VpcEndpointPolicy> endpoint,
      Set<String> restrictPublicBuckets) {
    this.accounts = accounts;
    this.organization = organization;
    this.resources = resources;
    this.endpoint = endpoint;
    this.restrictPublicBuckets = Set.copyOf(restrictPublicBuckets);
  }

  /** A principal's identity policies and boundary, and what the snapshot lacked for them. */
  record Identity(
      List<NamedPolicy> policies, Optional<NamedPolicy> boundary, List<String> warnings) {}

  /**
   * The evaluator for one request and the resource's account.
   *
   * @param warnings facts that limit the answer: the identity's, and an unknown role's trust policy
   */
  record Assembled(Evaluator evaluator, String resourceAccount, List<String> warnings) {}

  /** The policies that decide whether {@code caller} may do {@code action} on {@code resource}. */
  Assembled assemble(AccountPrincipal caller, String action, String resource) {
    Identity identity = identity(caller);
    boolean trust = Request.isTrustRequest(action, resource);
    ResourceSide side = resourceSide(caller, resource, trust);
    List<String> warnings = new ArrayList<>(identity.warnings());
    warnings.addAll(side.warnings());
    String key =
        caller.arn()
            + "|"
            + side.account()
            + "|"
            + (trust ? "trust:" : "")
            + side.policy().map(NamedPolicy::name).orElse("")
            + "|"
            + side.blockPublicAccess();
    Evaluator evaluator =
        evaluators.computeIfAbsent(
            key, k -> Evaluator.of(policySet(caller, identity, side, trust)));
    return new Assembled(evaluator, side.account(), warnings);
  }

  /**
   * All the policies AWS consults for {@code caller} on resources of one account, for a check over
   * every request (docs/reasoning.md, "Policy sets"): the identity side, boundary, SCPs, RCPs and
   * endpoint policy as {@link #assemble} gathers them; the policy of {@code resource} if given (a
   * role's trust policy for a role ARN) and the snapshot has it, and no resource policy otherwise.
   * The resources are those of {@code resource}'s account, else of {@code resourceAccount}, else of
   * the caller's.
   */
  CallerPolicies callerPolicies(
      AccountPrincipal caller, Optional<String> resource, Optional<String> resourceAccount) {
    Identity identity = identity(caller);
    List<String> warnings = new ArrayList<>(identity.warnings());
    ResourceSide side;
    boolean trust = false;
    if (resource.isPresent()) {
      trust =
          Arn.tryParse(resource.get())
              .map(a -> a.service().equals("iam") && a.resource().startsWith("role/"))
              .orElse(false);
      side = resourceSide(caller, resource.get(), trust);
      if (resourceAccount.isPresent() && !resourceAccount.get().equals(side.account())) {
        throw new QueryException(
            resource.get()
                + " belongs to account "
                + side.account()
                + ", not "
                + resourceAccount.get());
      }
      if (side.policy().isEmpty() && !trust) {
        warnings.add("no resource policy of " + resource.get() + " is loaded");
      }
    } else {
      String account = resourceAccount.orElse(caller.account());
      side =
          new ResourceSide(
              Optional.empty(),
              account,
              new S3BlockPublicAccess(restrictPublicBuckets.contains(account), false),
              List.of());
    }
    warnings.addAll(side.warnings());
    return new CallerPolicies(
        caller, side.account(), policySet(caller, identity, side, trust), warnings);
  }

  /**
   * The resource's side of a request: its policy (a role's trust policy when {@code trust}), the
   * account that owns it, S3 Block Public Access there, and what the snapshot lacked.
   */
  private record ResourceSide(
      Optional<NamedPolicy> policy,
      String account,
      S3BlockPublicAccess blockPublicAccess,
      List<String> warnings) {}

  private ResourceSide resourceSide(AccountPrincipal caller, String resource, boolean trust) {
    Optional<NamedPolicy> resourcePolicy;
    List<String> warnings = new ArrayList<>();
    if (trust) {
      resourcePolicy =
          accounts.stream()
              .flatMap(a -> a.roleByArn(resource).stream())
              .findFirst()
              .map(role -> new NamedPolicy("trust policy of " + role.name(), role.trustPolicy()));
      if (resourcePolicy.isEmpty()) {
        warnings.add(
            "role " + resource + " is not in the loaded accounts; its trust policy is unknown");
      }
    } else {
      resourcePolicy = resources.forResource(resource);
    }
    String resourceAccount =
        resources
            .ownerOf(resource)
            .orElseGet(
                () -> {
                  String account = Arn.tryParse(resource).map(Arn::account).orElse("");
                  return account.matches("\\d{12}") ? account : caller.account();
                });
    // docs/semantics.md §9.13: S3 Block Public Access of the bucket owner's account and the bucket.
    S3BlockPublicAccess blockPublicAccess =
        new S3BlockPublicAccess(
            restrictPublicBuckets.contains(resourceAccount),
            !trust && resources.bucketRestrictsPublicBuckets(resource));
    return new ResourceSide(resourcePolicy, resourceAccount, blockPublicAccess, warnings);
  }

  private PolicySet policySet(
      AccountPrincipal caller, Identity identity, ResourceSide side, boolean trust) {
    Optional<NamedPolicy> resourcePolicy = side.policy();
    String resourceAccount = side.account();
    PolicySet.Builder set =
        PolicySet.builder()
            .s3BlockPublicAccess(side.blockPublicAccess())
            .publicPolicyTest(publicPolicyTest);
    identity.policies().forEach(set::identityPolicy);
    identity.boundary().ifPresent(set::permissionsBoundary);
    resourcePolicy.ifPresent(
        p -> set.resourcePolicy(p, trust ? PolicyType.TRUST : PolicyType.RESOURCE));
    if (organization.isPresent()) {
      Organization org = organization.get();
      List<List<NamedPolicy>> scps = org.serviceControlPolicies(caller.account());
      List<String> scpLevels = org.levelNames(caller.account());
      for (int i = 0; i < scps.size(); i++) {
        set.serviceControlPolicyLevel(scpLevels.get(i), scps.get(i));
      }
      List<List<NamedPolicy>> rcps = org.resourceControlPolicies(resourceAccount);
      List<String> rcpLevels = org.levelNames(resourceAccount);
      for (int i = 0; i < rcps.size(); i++) {
        set.resourceControlPolicyLevel(rcpLevels.get(i), rcps.get(i));
      }
      set.principalAccountIsManagement(org.isManagementAccount(caller.account()));
      set.resourceAccountIsManagement(org.isManagementAccount(resourceAccount));
    }
    set.principalIsServiceLinkedRole(caller.role().map(IamRole::isServiceLinked).orElse(false));
    // docs/semantics.md §10.2: every request passes through the endpoint, when one is given.
    endpoint.ifPresent(e -> set.vpcEndpointPolicy(e.policy()));
    return set.build();
  }

  /** The principal's identity policies and boundary, assembled once. */
  Identity identity(AccountPrincipal caller) {
    return identities.computeIfAbsent(caller.principalArn(), k -> assembleIdentity(caller));
  }

  private Identity assembleIdentity(AccountPrincipal caller) {
    List<NamedPolicy> policies = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Optional<String> boundaryArn;
    if (caller.user().isPresent()) {
      IamUser user = caller.user().get();
      user.inlinePolicies()
          .forEach(
              p ->
                  policies.add(
                      new NamedPolicy("user/" + user.name() + " inline " + p.name(), p.policy())));
      user.attachedPolicyArns().forEach(arn -> managed(arn, "", policies, warnings));
      for (String groupName : user.groups()) {
        Optional<IamGroup> group = group(caller.account(), groupName);
        if (group.isEmpty()) {
          warnings.add(
              "group "
                  + groupName
                  + " of user "
                  + user.name()
                  + " is not in the snapshot; its policies are not counted");
          continue;
        }
        group
            .get()
            .inlinePolicies()
            .forEach(
                p ->
                    policies.add(
                        new NamedPolicy("group/" + groupName + " inline " + p.name(), p.policy())));
        group
            .get()
            .attachedPolicyArns()
            .forEach(arn -> managed(arn, " (via group " + groupName + ")", policies, warnings));
      }
      boundaryArn = user.permissionsBoundaryArn();
    } else {
      IamRole role = caller.role().orElseThrow();
      role.inlinePolicies()
          .forEach(
              p ->
                  policies.add(
                      new NamedPolicy("role/" + role.name() + " inline " + p.name(), p.policy())));
      role.attachedPolicyArns().forEach(arn -> managed(arn, "", policies, warnings));
      boundaryArn = role.permissionsBoundaryArn();
    }
    Optional<NamedPolicy> boundary = Optional.empty();
    if (boundaryArn.isPresent()) {
      Optional<ManagedPolicy> document = managedPolicy(boundaryArn.get());
      if (document.isPresent()) {
        boundary =
            Optional.of(
                new NamedPolicy("boundary " + document.get().name(), document.get().document()));
      } else {
        // Fail closed: a boundary we cannot read allows nothing, rather than everything.
        warnings.add(
            "permissions boundary "
                + boundaryArn.get()
                + " is not in the snapshot; treated as allowing nothing");
        boundary =
            Optional.of(
                new NamedPolicy(
                    "boundary " + boundaryArn.get() + " (missing)",
                    Policy.parse("{\"Statement\": []}")));
      }
    }
    return new Identity(List.copyOf(policies), boundary, List.copyOf(warnings));
  }

  private void managed(String arn, String via, List<NamedPolicy> policies, List<String> warnings) {
    Optional<ManagedPolicy> policy = managedPolicy(arn);
    if (policy.isPresent()) {
      policies.add(new NamedPolicy(policy.get().name() + via, policy.get().document()));
    } else {
      warnings.add(
          "managed policy "
              + arn
              + via
              + " is not in the snapshot; its statements are not counted, so a Deny in it would be missed");
    }
  }

  private Optional<ManagedPolicy> managedPolicy(String arn) {
    for (AccountSnapshot account : accounts) {
      Optional<ManagedPolicy> policy = account.managedPolicy(arn);
      if (policy.isPresent()) {
        return policy;
      }
    }
    return Optional.empty();
  }

  private Optional<IamGroup> group(String accountId, String name) {
    for (AccountSnapshot account : accounts) {
      Optional<IamGroup> group = account.group(accountId, name);
      if (group.isPresent()) {
        return group;
      }
    }
    return Optional.empty();
  }
}
