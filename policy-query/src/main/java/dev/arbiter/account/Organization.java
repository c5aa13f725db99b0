package dev.arbiter.account;

import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS Organization's structure and its SCPs and RCPs, read from a small JSON layout:
 *
 * <pre>{@code
 * {
 *   "organizationId": "o-a1b2c3d4e5",
 *   "managementAccountId": "111111111111",
 *   "policies": { "FullAWSAccess": { "Version": "2012-10-17", "Statement": [ ... ] }, ... },
 *   "root": { "id": "r-ab12", "scps": ["FullAWSAccess"], "rcps": ["RCPFullAWSAccess"] },
 *   "organizationalUnits": [
 *     { "id": "ou-ab12-11111111", "parent": "r-ab12", "scps": ["FullAWSAccess", "DenyRegions"] }
 *   ],
 *   "accounts": [
 *     { "id": "111122223333", "parent": "ou-ab12-11111111", "scps": ["FullAWSAccess"] }
 *   ]
 * }
 * }</pre>
 *
 * <p>The policies attached at each level are named from {@code policies}. A policy type is in use
 * when any node lists it ({@code scps} or {@code rcps}); then every level on an account's path must
 * allow, exactly as in AWS, so a level that lists none denies everything (AWS attaches {@code
 * FullAWSAccess} and {@code RCPFullAWSAccess} for you; list them here too). Accounts not listed are
 * outside the organization.
 */
public final class Organization {
  private final String id;
  private final String managementAccountId;
  private final Map<String, Node> nodes;
  private final boolean scpsInUse;
  private final boolean rcpsInUse;

  private record Node(
      String id, String parent, String label, List<NamedPolicy> scps, List<NamedPolicy> rcps) {}

  private Organization(
      String id, String managementAccountId, Map<String, Node> nodes, boolean scps, boolean rcps) {
    this.id = id;
    this.managementAccountId = managementAccountId;
    this.nodes = nodes;
    this.scpsInUse = scps;
    this.rcpsInUse = rcps;
  }

  /**
   * Reads an organization file.
   *
   * @throws AccountLoadException naming the file and element when it is not valid
   */
  public static Organization load(Path file) {
    JsonInput in = JsonInput.load(file);
    return read(in.root(), in);
  }

  private static final List<String> MEMBERS =
      List.of(
          "organizationId",
          "managementAccountId",
          "policies",
          "root",
          "organizationalUnits",
          "accounts");

  private static Organization read(Json tree, JsonInput in) {
    JsonPointer top = JsonPointer.ROOT;
    Json.Obj root = in.object(tree, top);
    for (Json.Member member : root.members()) {
      if (!MEMBERS.contains(member.name())) {
        throw in.error(
            top.child(member.name()),
            member.value(),
            "unknown element; expected organizationId, managementAccountId, policies, root, organizationalUnits, accounts");
      }
    }
    String id = in.text(root, "organizationId", top);
    String management = in.optionalText(root, "managementAccountId", "");
    Map<String, Policy> policies = new HashMap<>();
    Json policyNodes = root.get("policies").orElse(null);
    if (policyNodes != null) {
      for (Json.Member entry : in.object(policyNodes, top.child("policies")).members()) {
        policies.put(
            entry.name(),
            in.policy(
                entry.value(),
                top.child("policies").child(entry.name()),
                "policy " + entry.name()));
      }
    }
    Map<String, Node> nodes = new LinkedHashMap<>();
    boolean[] inUse = new boolean[2];
    Json rootNode = root.get("root").orElse(null);
    if (rootNode == null) {
      throw in.error(
          top.child("root"),
          root,
          "missing; the organization root, e.g. {\"id\": \"r-ab12\", \"scps\": [\"FullAWSAccess\"]}");
    }
    addNode(in, rootNode, top.child("root"), "", "root", policies, nodes, inUse);
    List<Json> ous = in.array(root, "organizationalUnits", top);
    for (int i = 0; i < ous.size(); i++) {
      JsonPointer pointer = top.child("organizationalUnits").child(i);
      addNode(
          in,
          ous.get(i),
          pointer,
          in.text(ous.get(i), "parent", pointer),
          "OU",
          policies,
          nodes,
          inUse);
    }
    List<Json> accounts = in.array(root, "accounts", top);
    for (int i = 0; i < accounts.size(); i++) {
      JsonPointer pointer = top.child("accounts").child(i);
      addNode(
          in,
          accounts.get(i),
          pointer,
          in.text(accounts.get(i), "parent", pointer),
          "account",
          policies,
          nodes,
          inUse);
    }
    for (Node node : nodes.values()) {
      if (!node.parent().isEmpty() && !nodes.containsKey(node.parent())) {
        throw in.error(
            top, node.id() + " has parent " + node.parent() + ", which is not in the file");
      }
    }
    Organization organization = new Organization(id, management, nodes, inUse[0], inUse[1]);
    for (Node node : nodes.values()) {
      organization.path(node.id()); // rejects cycles
    }
    return organization;
  }

  private static void addNode(
      JsonInput in,
      Json value,
      JsonPointer pointer,
      String parent,
      String level,
      Map<String, Policy> policies,
      Map<String, Node> nodes,
      boolean[] inUse) {
    Json.Obj node = in.object(value, pointer);
    String nodeId = in.text(node, "id", pointer);
    if (nodes.containsKey(nodeId)) {
      throw in.error(pointer.child("id"), node, "duplicate id " + nodeId);
    }
    inUse[0] |= node.member("scps") != null;
    inUse[1] |= node.member("rcps") != null;
    nodes.put(
        nodeId,
        new Node(
            nodeId,
            parent,
            level + " " + nodeId,
            attached(in, node, "scps", pointer, policies),
            attached(in, node, "rcps", pointer, policies)));
  }

  /**
   * The policies a node attaches, by their names under {@code policies}; {@link #levelNames} says
   * which level each list is, so an explanation that lists the same policy at three levels tells
   * them apart.
   */
  private static List<NamedPolicy> attached(
      JsonInput in,
      Json.Obj node,
      String field,
      JsonPointer pointer,
      Map<String, Policy> policies) {
    List<NamedPolicy> out = new ArrayList<>();
    List<Json> names = in.array(node, field, pointer);
    for (int i = 0; i < names.size(); i++) {
      String name = JsonInput.asText(names.get(i));
      JsonPointer entry = pointer.child(field).child(i);
      Policy policy = policies.get(name);
      if (policy == null) {
        throw in.error(entry, names.get(i), "policy " + name + " is not defined under /policies");
      }
      PolicyType type = field.equals("scps") ? PolicyType.SCP : PolicyType.RCP;
      out.add(new NamedPolicy(name, in.valid(policy, type, entry, "policy " + name)));
    }
    return out;
  }

  /** The organization ID ({@code o-...}), the value of {@code aws:PrincipalOrgID}. */
  public String id() {
    return id;
  }

  /** Whether {@code accountId} is a member (or the management account) of the organization. */
  public boolean contains(String accountId) {
    return nodes.containsKey(accountId) || accountId.equals(managementAccountId);
  }

  /** The IDs of the accounts the file places in the organization, the management account first. */
  public java.util.Set<String> accountIds() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    out.add(managementAccountId);
    nodes.keySet().stream().filter(k -> k.matches("\\d{12}")).sorted().forEach(out::add);
    return out;
  }

  /** Whether {@code accountId} is the management account: SCPs and RCPs do not apply to it. */
  public boolean isManagementAccount(String accountId) {
    return accountId.equals(managementAccountId);
  }

  /**
   * The SCPs of each level from the root down to the account, or empty outside the organization.
   */
  public List<List<NamedPolicy>> serviceControlPolicies(String accountId) {
    return scpsInUse ? levels(accountId, true) : List.of();
  }

  /**
   * The RCPs of each level from the root down to the account, or empty outside the organization.
   */
  public List<List<NamedPolicy>> resourceControlPolicies(String accountId) {
    return rcpsInUse ? levels(accountId, false) : List.of();
  }

  /**
   * The levels from the root down to the account, named as explanations name them: {@code root
   * r-ab12}, {@code OU ou-ab12-11111111}, {@code account 111122223333}; empty outside the
   * organization. {@link #serviceControlPolicies} and {@link #resourceControlPolicies}, when not
   * empty, hold one list per level, in this order.
   */
  public List<String> levelNames(String accountId) {
    if (!nodes.containsKey(accountId)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String nodeId : path(accountId)) {
      Node node = nodes.get(nodeId);
      if (node != null) {
        names.add(node.label());
      }
    }
    return names;
  }

  /** {@code aws:PrincipalOrgPaths} of an account: {@code o-id/r-id/ou-id/.../}. */
  public Optional<String> orgPath(String accountId) {
    if (!nodes.containsKey(accountId)) {
      return Optional.empty();
    }
    List<String> path = path(accountId);
    StringBuilder out = new StringBuilder(id).append('/');
    for (String nodeId : path.subList(0, path.size() - 1)) {
      out.append(nodeId).append('/');
    }
    return Optional.of(out.toString());
  }

  private List<List<NamedPolicy>> levels(String accountId, boolean scps) {
    if (!nodes.containsKey(accountId)) {
      return List.of();
    }
    List<List<NamedPolicy>> levels = new ArrayList<>();
    for (String nodeId : path(accountId)) {
      Node node = nodes.get(nodeId);
      if (node != null) {
        levels.add(scps ? node.scps() : node.rcps());
      }
    }
    return levels;
  }

  /** Node IDs from the root down to {@code nodeId}. */
  private List<String> path(String nodeId) {
    List<String> path = new ArrayList<>();
    String current = nodeId;
    while (!current.isEmpty()) {
      if (path.contains(current) || path.size() > nodes.size()) {
        throw new AccountLoadException("organization: the parents of " + nodeId + " form a cycle");
      }
      path.add(current);
      Node node = nodes.get(current);
      current = node == null ? "" : node.parent();
    }
    Collections.reverse(path);
    return path;
  }
}
