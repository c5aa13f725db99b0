package dev.arbiter.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.policy.Arn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One account's principals and policies, read from the output of {@code aws iam
 * get-account-authorization-details} (keys {@code UserDetailList}, {@code GroupDetailList}, {@code
 * RoleDetailList}, {@code Policies}).
 *
 * <pre>{@code
 * AccountSnapshot account = AccountSnapshot.load(Path.of("gaad.json"));
 * account.role("deploy").ifPresent(role -> System.out.println(role.arn()));
 * }</pre>
 */
public final class AccountSnapshot {
  private final String accountId;
  private final Map<String, IamUser> users;
  private final Map<String, IamGroup> groups;
  private final Map<String, IamRole> roles;
  private final Map<String, ManagedPolicy> policies;

  private AccountSnapshot(
      String accountId,
      Map<String, IamUser> users,
      Map<String, IamGroup> groups,
      Map<String, IamRole> roles,
      Map<String, ManagedPolicy> policies) {
    this.accountId = accountId;
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
    return read(JsonInput.readFile(file), file.toString());
  }

  static AccountSnapshot read(JsonNode root, String source) {
    JsonInput in = new JsonInput(source);
    in.object(root, "/");
    if (!root.has("UserDetailList") && !root.has("RoleDetailList")) {
      throw in.error(
          "/",
          "not a get-account-authorization-details snapshot (no UserDetailList or RoleDetailList)");
    }
    Map<String, ManagedPolicy> policies = new LinkedHashMap<>();
    List<JsonNode> policyNodes = in.array(root, "Policies", "");
    for (int i = 0; i < policyNodes.size(); i++) {
      ManagedPolicy policy = managedPolicy(in, policyNodes.get(i), "/Policies/" + i);
      policies.put(policy.arn(), policy);
    }
    Map<String, IamGroup> groups = new LinkedHashMap<>();
    List<JsonNode> groupNodes = in.array(root, "GroupDetailList", "");
    for (int i = 0; i < groupNodes.size(); i++) {
      String pointer = "/GroupDetailList/" + i;
      JsonNode node = in.object(groupNodes.get(i), pointer);
      IamGroup group =
          new IamGroup(
              in.text(node, "GroupName", pointer),
              in.text(node, "Arn", pointer),
              inline(in, node, "GroupPolicyList", pointer),
              attached(in, node, pointer));
      groups.put(group.name(), group);
    }
    Map<String, IamUser> users = new LinkedHashMap<>();
    List<JsonNode> userNodes = in.array(root, "UserDetailList", "");
    for (int i = 0; i < userNodes.size(); i++) {
      String pointer = "/UserDetailList/" + i;
      JsonNode node = in.object(userNodes.get(i), pointer);
      List<String> groupNames = new ArrayList<>();
      in.array(node, "GroupList", pointer).forEach(g -> groupNames.add(g.asText()));
      String name = in.text(node, "UserName", pointer);
      IamUser user =
          new IamUser(
              name,
              in.text(node, "Arn", pointer),
              in.optionalText(node, "UserId", name),
              groupNames,
              inline(in, node, "UserPolicyList", pointer),
              attached(in, node, pointer),
              boundary(node),
              in.tags(node, pointer));
      users.put(user.name(), user);
    }
    Map<String, IamRole> roles = new LinkedHashMap<>();
    List<JsonNode> roleNodes = in.array(root, "RoleDetailList", "");
    for (int i = 0; i < roleNodes.size(); i++) {
      String pointer = "/RoleDetailList/" + i;
      JsonNode node = in.object(roleNodes.get(i), pointer);
      String name = in.text(node, "RoleName", pointer);
      JsonNode trust = node.get("AssumeRolePolicyDocument");
      if (trust == null) {
        throw in.error(pointer, "role " + name + " has no AssumeRolePolicyDocument");
      }
      IamRole role =
          new IamRole(
              name,
              in.text(node, "Arn", pointer),
              in.optionalText(node, "RoleId", name),
              in.policy(trust, pointer + "/AssumeRolePolicyDocument", "trust policy of " + name),
              inline(in, node, "RolePolicyList", pointer),
              attached(in, node, pointer),
              boundary(node),
              in.tags(node, pointer));
      roles.put(role.name(), role);
    }
    String accountId = accountOf(users, roles, groups, in);
    return new AccountSnapshot(accountId, users, groups, roles, policies);
  }

  private static String accountOf(
      Map<String, IamUser> users,
      Map<String, IamRole> roles,
      Map<String, IamGroup> groups,
      JsonInput in) {
    List<String> arns = new ArrayList<>();
    users.values().forEach(u -> arns.add(u.arn()));
    roles.values().forEach(r -> arns.add(r.arn()));
    groups.values().forEach(g -> arns.add(g.arn()));
    String account = null;
    for (String arn : arns) {
      String candidate = Arn.tryParse(arn).map(Arn::account).orElse("");
      if (account == null) {
        account = candidate;
      } else if (!account.equals(candidate)) {
        throw in.error(
            "/", "principals of two accounts (" + account + ", " + candidate + ") in one snapshot");
      }
    }
    if (account == null || !account.matches("\\d{12}")) {
      throw in.error("/", "cannot tell the account ID from the principals' ARNs");
    }
    return account;
  }

  private static ManagedPolicy managedPolicy(JsonInput in, JsonNode node, String pointer) {
    in.object(node, pointer);
    String arn = in.text(node, "Arn", pointer);
    String name = in.optionalText(node, "PolicyName", arn);
    String defaultVersion = in.optionalText(node, "DefaultVersionId", "");
    List<JsonNode> versions = in.array(node, "PolicyVersionList", pointer);
    for (int v = 0; v < versions.size(); v++) {
      JsonNode version = versions.get(v);
      boolean isDefault =
          version.path("IsDefaultVersion").asBoolean(false)
              || defaultVersion.equals(version.path("VersionId").asText(""));
      if (isDefault) {
        String documentPointer = pointer + "/PolicyVersionList/" + v + "/Document";
        JsonNode document = version.get("Document");
        if (document == null) {
          throw in.error(documentPointer, "managed policy " + arn + " has no document");
        }
        return new ManagedPolicy(arn, name, in.policy(document, documentPointer, "policy " + arn));
      }
    }
    throw in.error(pointer, "managed policy " + arn + " has no default version");
  }

  private static List<NamedPolicy> inline(
      JsonInput in, JsonNode node, String field, String pointer) {
    List<NamedPolicy> out = new ArrayList<>();
    List<JsonNode> list = in.array(node, field, pointer);
    for (int i = 0; i < list.size(); i++) {
      String itemPointer = pointer + "/" + field + "/" + i;
      String name = in.text(list.get(i), "PolicyName", itemPointer);
      JsonNode document = list.get(i).get("PolicyDocument");
      if (document == null) {
        throw in.error(itemPointer, "inline policy " + name + " has no PolicyDocument");
      }
      out.add(
          new NamedPolicy(
              name, in.policy(document, itemPointer + "/PolicyDocument", "inline policy " + name)));
    }
    return out;
  }

  private static List<String> attached(JsonInput in, JsonNode node, String pointer) {
    List<String> out = new ArrayList<>();
    List<JsonNode> list = in.array(node, "AttachedManagedPolicies", pointer);
    for (int i = 0; i < list.size(); i++) {
      out.add(in.text(list.get(i), "PolicyArn", pointer + "/AttachedManagedPolicies/" + i));
    }
    return out;
  }

  private static Optional<String> boundary(JsonNode node) {
    JsonNode boundary = node.get("PermissionsBoundary");
    if (boundary == null || !boundary.hasNonNull("PermissionsBoundaryArn")) {
      return Optional.empty();
    }
    return Optional.of(boundary.get("PermissionsBoundaryArn").asText());
  }

  /** The 12-digit account ID, read from the principals' ARNs. */
  public String accountId() {
    return accountId;
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

  /** The user named exactly {@code name} (IAM names are case-sensitive in ARNs). */
  public Optional<IamUser> user(String name) {
    return Optional.ofNullable(users.get(name));
  }

  /** The group named {@code name}. */
  public Optional<IamGroup> group(String name) {
    return Optional.ofNullable(groups.get(name));
  }

  /** The role named {@code name}. */
  public Optional<IamRole> role(String name) {
    return Optional.ofNullable(roles.get(name));
  }

  /** The managed policy with ARN {@code arn}, if the snapshot holds it. */
  public Optional<ManagedPolicy> managedPolicy(String arn) {
    return Optional.ofNullable(policies.get(arn));
  }
}
