package dev.arbiter.account;

import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One account's principals and policies, read from the output of {@code aws iam
 * get-account-authorization-details} (keys {@code UserDetailList}, {@code GroupDetailList}, {@code
 * RoleDetailList}, {@code Policies}).
 *
 * <pre>{@code
 * AccountSnapshot account = AccountSnapshot.load(Path.of("gaad.json"));
 * account.rolesNamed("deploy").forEach(role -> System.out.println(role.arn()));
 * }</pre>
 */
public final class AccountSnapshot {
  private final Set<String> accountIds;
  private final Map<String, IamUser> users;
  private final Map<String, IamGroup> groups;
  private final Map<String, IamRole> roles;
  private final Map<String, ManagedPolicy> policies;

  private AccountSnapshot(
      Set<String> accountIds,
      Map<String, IamUser> users,
      Map<String, IamGroup> groups,
      Map<String, IamRole> roles,
      Map<String, ManagedPolicy> policies) {
    this.accountIds = accountIds;
    this.users = users;
    this.groups = groups;
    this.roles = roles;
    this.policies = policies;
  }

  /**
   * Reads a snapshot file.
   *
   * @throws AccountLoadException naming the file and element if it cannot be read or is not a
   *     snapshot
   */
  public static AccountSnapshot load(Path file) {
    JsonInput in = JsonInput.load(file);
    return read(in.root(), in);
  }

  private static final JsonPointer ROOT = JsonPointer.ROOT;

  private static AccountSnapshot read(Json tree, JsonInput in) {
    Json.Obj root = in.object(tree, ROOT);
    if (root.member("UserDetailList") == null && root.member("RoleDetailList") == null) {
      throw in.error(
          ROOT,
          root,
          "not a get-account-authorization-details snapshot (no UserDetailList or RoleDetailList)");
    }
    Map<String, ManagedPolicy> policies = new LinkedHashMap<>();
    List<Json> policyNodes = in.array(root, "Policies", ROOT);
    for (int i = 0; i < policyNodes.size(); i++) {
      ManagedPolicy policy = managedPolicy(in, policyNodes.get(i), ROOT.child("Policies").child(i));
      policies.put(policy.arn(), policy);
    }
    Map<String, IamGroup> groups = new LinkedHashMap<>();
    List<Json> groupNodes = in.array(root, "GroupDetailList", ROOT);
    for (int i = 0; i < groupNodes.size(); i++) {
      JsonPointer pointer = ROOT.child("GroupDetailList").child(i);
      Json.Obj node = in.object(groupNodes.get(i), pointer);
      IamGroup group =
          new IamGroup(
              in.text(node, "GroupName", pointer),
              in.text(node, "Arn", pointer),
              inline(in, node, "GroupPolicyList", pointer),
              attached(in, node, pointer));
      groups.put(group.arn(), group);
    }
    Map<String, IamUser> users = new LinkedHashMap<>();
    List<Json> userNodes = in.array(root, "UserDetailList", ROOT);
    for (int i = 0; i < userNodes.size(); i++) {
      JsonPointer pointer = ROOT.child("UserDetailList").child(i);
      Json.Obj node = in.object(userNodes.get(i), pointer);
      List<String> groupNames = new ArrayList<>();
      in.array(node, "GroupList", pointer).forEach(g -> groupNames.add(JsonInput.asText(g)));
      String name = in.text(node, "UserName", pointer);
      IamUser user =
          new IamUser(
              name,
              principalArn(in, node, pointer, "user"),
              in.optionalText(node, "UserId", name),
              groupNames,
              inline(in, node, "UserPolicyList", pointer),
              attached(in, node, pointer),
              boundary(node),
              in.tags(node, pointer));
      users.put(user.arn(), user);
    }
    Map<String, IamRole> roles = new LinkedHashMap<>();
    List<Json> roleNodes = in.array(root, "RoleDetailList", ROOT);
    for (int i = 0; i < roleNodes.size(); i++) {
      JsonPointer pointer = ROOT.child("RoleDetailList").child(i);
      Json.Obj node = in.object(roleNodes.get(i), pointer);
      String name = in.text(node, "RoleName", pointer);
      if (name.isEmpty()) {
        throw in.error(pointer.child("RoleName"), node, "a role needs a name");
      }
      Json trust = node.get("AssumeRolePolicyDocument").orElse(null);
      if (trust == null) {
        throw in.error(pointer, node, "role " + name + " has no AssumeRolePolicyDocument");
      }
      IamRole role =
          new IamRole(
              name,
              principalArn(in, node, pointer, "role"),
              in.optionalText(node, "RoleId", name),
              in.policy(
                  trust,
                  pointer.child("AssumeRolePolicyDocument"),
                  "trust policy of " + name,
                  PolicyType.TRUST),
              inline(in, node, "RolePolicyList", pointer),
              attached(in, node, pointer),
              boundary(node),
              in.tags(node, pointer));
      roles.put(role.arn(), role);
    }
    return new AccountSnapshot(
        accountsOf(users, roles, groups, in), users, groups, roles, policies);
  }

  private static Set<String> accountsOf(
      Map<String, IamUser> users,
      Map<String, IamRole> roles,
      Map<String, IamGroup> groups,
      JsonInput in) {
    Set<String> accounts = new TreeSet<>();
    List<String> arns = new ArrayList<>(users.keySet());
    arns.addAll(roles.keySet());
    arns.addAll(groups.keySet());
    for (String arn : arns) {
      String account = Arn.tryParse(arn).map(Arn::account).orElse("");
      if (!account.matches("\\d{12}")) {
        throw in.error(ROOT, "cannot tell the account ID of " + arn);
      }
      accounts.add(account);
    }
    return accounts;
  }

  /**
   * The {@code Arn} of a user or role, checked to be one ({@code
   * arn:PARTITION:iam::ACCOUNT:KIND/[PATH/]NAME}): questions are asked as these principals, so an
   * ARN that is not one would fail every question about the account, not just this entry.
   */
  private static String principalArn(
      JsonInput in, Json.Obj node, JsonPointer pointer, String kind) {
    String arn = in.text(node, "Arn", pointer);
    Optional<Arn> parsed = Arn.tryParse(arn);
    boolean valid =
        parsed.isPresent()
            && !parsed.get().partition().isEmpty()
            && parsed.get().service().equals("iam")
            && parsed.get().region().isEmpty()
            && parsed.get().account().matches("\\d{12}")
            && parsed.get().resource().startsWith(kind + "/")
            && parsed.get().resource().length() > kind.length() + 1
            && !parsed.get().resource().endsWith("/");
    if (!valid) {
      throw in.error(
          pointer.child("Arn"),
          node.get("Arn").orElse(node),
          "not an IAM " + kind + " ARN (arn:PARTITION:iam::ACCOUNT:" + kind + "/NAME): " + arn);
    }
    return arn;
  }

  private static ManagedPolicy managedPolicy(JsonInput in, Json value, JsonPointer pointer) {
    Json.Obj node = in.object(value, pointer);
    String arn = in.text(node, "Arn", pointer);
    String name = in.optionalText(node, "PolicyName", arn);
    String defaultVersion = in.optionalText(node, "DefaultVersionId", "");
    List<Json> versions = in.array(node, "PolicyVersionList", pointer);
    for (int v = 0; v < versions.size(); v++) {
      Json version = versions.get(v);
      boolean isDefault =
          JsonInput.member(version, "IsDefaultVersion")
                  .map(
                      d ->
                          d instanceof Json.Bool b ? b.value() : JsonInput.asText(d).equals("true"))
                  .orElse(false)
              || defaultVersion.equals(
                  JsonInput.member(version, "VersionId").map(JsonInput::asText).orElse(""));
      if (isDefault) {
        JsonPointer documentPointer = pointer.child("PolicyVersionList").child(v).child("Document");
        Json document = JsonInput.member(version, "Document").orElse(null);
        if (document == null) {
          throw in.error(documentPointer, version, "managed policy " + arn + " has no document");
        }
        return new ManagedPolicy(
            arn, name, in.policy(document, documentPointer, "policy " + arn, PolicyType.IDENTITY));
      }
    }
    throw in.error(pointer, node, "managed policy " + arn + " has no default version");
  }

  private static List<NamedPolicy> inline(
      JsonInput in, Json.Obj node, String field, JsonPointer pointer) {
    List<NamedPolicy> out = new ArrayList<>();
    List<Json> list = in.array(node, field, pointer);
    for (int i = 0; i < list.size(); i++) {
      JsonPointer itemPointer = pointer.child(field).child(i);
      String name = in.text(list.get(i), "PolicyName", itemPointer);
      Json document = JsonInput.member(list.get(i), "PolicyDocument").orElse(null);
      if (document == null) {
        throw in.error(
            itemPointer, list.get(i), "inline policy " + name + " has no PolicyDocument");
      }
      out.add(
          new NamedPolicy(
              name,
              in.policy(
                  document,
                  itemPointer.child("PolicyDocument"),
                  "inline policy " + name,
                  PolicyType.IDENTITY)));
    }
    return out;
  }

  private static List<String> attached(JsonInput in, Json.Obj node, JsonPointer pointer) {
    List<String> out = new ArrayList<>();
    List<Json> list = in.array(node, "AttachedManagedPolicies", pointer);
    for (int i = 0; i < list.size(); i++) {
      out.add(in.text(list.get(i), "PolicyArn", pointer.child("AttachedManagedPolicies").child(i)));
    }
    return out;
  }

  private static Optional<String> boundary(Json.Obj node) {
    return node.get("PermissionsBoundary")
        .flatMap(b -> JsonInput.member(b, "PermissionsBoundaryArn"))
        .filter(arn -> !(arn instanceof Json.Null))
        .map(JsonInput::asText);
  }

  /**
   * The 12-digit IDs of the accounts whose principals the snapshot holds, read from their ARNs. A
   * real snapshot holds one; merged samples may hold several.
   */
  public Set<String> accountIds() {
    return Set.copyOf(accountIds);
  }

  /** The users, in snapshot order. */
  public List<IamUser> users() {
    return List.copyOf(users.values());
  }

  /** The groups, in snapshot order. */
  public List<IamGroup> groups() {
    return List.copyOf(groups.values());
  }

  /** The roles, in snapshot order. */
  public List<IamRole> roles() {
    return List.copyOf(roles.values());
  }

  /** The managed policies the snapshot holds. */
  public List<ManagedPolicy> managedPolicies() {
    return List.copyOf(policies.values());
  }

  /** The users named exactly {@code name}, in any of the snapshot's accounts. */
  public List<IamUser> usersNamed(String name) {
    return users.values().stream().filter(u -> u.name().equals(name)).toList();
  }

  /** The roles named exactly {@code name}, in any of the snapshot's accounts. */
  public List<IamRole> rolesNamed(String name) {
    return roles.values().stream().filter(r -> r.name().equals(name)).toList();
  }

  /** The user with ARN {@code arn}. */
  public Optional<IamUser> userByArn(String arn) {
    return Optional.ofNullable(users.get(arn));
  }

  /** The role with ARN {@code arn}. */
  public Optional<IamRole> roleByArn(String arn) {
    return Optional.ofNullable(roles.get(arn));
  }

  /**
   * The group named {@code name} in account {@code accountId} (a user's groups are in its account).
   */
  public Optional<IamGroup> group(String accountId, String name) {
    return groups.values().stream()
        .filter(g -> g.name().equals(name) && g.arn().contains(":" + accountId + ":"))
        .findFirst();
  }

  /** The managed policy with ARN {@code arn}, if the snapshot holds it. */
  public Optional<ManagedPolicy> managedPolicy(String arn) {
    return Optional.ofNullable(policies.get(arn));
  }
}
