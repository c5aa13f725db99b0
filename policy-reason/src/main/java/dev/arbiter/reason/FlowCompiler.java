package dev.arbiter.reason;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Principal;
import dev.arbiter.policy.Principals;
import dev.arbiter.policy.Statement;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicOperations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A whole {@link PolicySet} as unions of cubes, for one caller on resources of one account ({@link
 * RequestShape}): the requests the evaluator allows, region by region (docs/reasoning.md, "Policy
 * sets").
 *
 * <p>The flow of docs/semantics.md §9.2 is not restated here: it is read off the evaluator. Besides
 * the statements that apply, the flow looks at the request only through the caller and the resource
 * account (fixed here), and through the action and resource in a few places: the actions AWS
 * decides without policies (§9.12), kms:RetireGrant's exemption from RCPs, and the role and key
 * ARNs of §9.5. Those split the action × resource space into a few {@link #REGIONS regions}, on
 * each of which the decision is a Boolean function of what each group of policies says: whether a
 * Deny applies in a group that takes part, whether each RCP and SCP level, the endpoint policy, the
 * identity policies, the boundary and the session policies allow, and which resource-policy
 * statements (by how they name the caller) allow. That function is learnt by deciding, on the real
 * {@link Evaluator}, one request per combination against stand-in policies that allow (or deny)
 * everything when a context key says so. It is checked to be monotone (more Allows never deny), and
 * then the allowed set of a region is exactly the union, over the least combinations that allow, of
 * the intersection of the groups' Allow cubes, minus the Deny cubes of the groups that take part.
 */
final class FlowCompiler {
  private FlowCompiler() {}

  /** At most this many groups' Allows per region; the truth table has 2^n rows. */
  private static final int MAX_BITS = 14;

  /** Where a labelled cube's statement is written. */
  record Origin(String part, NamedPolicy named, int index) {
    String policyName() {
      return named.name();
    }

    Policy policy() {
      return named.policy();
    }
  }

  /** What a policy set grants and denies in one region of the action × resource space. */
  record Region(List<Cube> grants, List<Cube> denies) {}

  /**
   * A set compiled for one request shape.
   *
   * @param regions the regions, in the fixed order of {@link #REGIONS}
   * @param iam whether the caller is an IAM principal, for which the actions of §9.12 are decided
   *     outside policies and left out of every region
   */
  record Compiled(List<Region> regions, boolean iam) {}

  /**
   * The statements that cubes are labelled with (Cube.statement), shared by the sets of a check.
   */
  static final class Origins {
    private final List<Origin> list = new ArrayList<>();

    int add(Origin origin) {
      list.add(origin);
      return list.size() - 1;
    }

    Origin get(int label) {
      return list.get(label);
    }
  }

  /** The actions AWS decides without policies for IAM principals (docs/semantics.md §9.12). */
  static final Automaton OUTSIDE =
      Strings.or(Strings.exactly("sts:getcalleridentity"), Strings.exactly("sts:getsessiontoken"));

  private static final Automaton TRUST_ACTIONS =
      Strings.or(
          BasicOperations.concatenate(Strings.exactly("sts:assumerole"), Strings.ANY),
          Strings.oneOf(List.of("sts:tagsession", "sts:setsourceidentity")));
  private static final Automaton RETIRE = Strings.exactly("kms:retiregrant");

  /** Resources that Request reads as an ARN of the service, with a resource part starting so. */
  private static Automaton arns(String service, String resourcePrefix) {
    return BasicOperations.concatenate(
        List.of(
            Strings.exactly("arn:"),
            Strings.NO_COLONS,
            Strings.exactly(":" + service + ":"),
            Strings.NO_COLONS,
            Strings.exactly(":"),
            Strings.NO_COLONS,
            Strings.exactly(":" + resourcePrefix),
            Strings.ANY));
  }

  private static final Automaton ROLES = arns("iam", "role/");
  private static final Automaton KEYS = arns("kms", "key/");

  /**
   * The resources S3 Block Public Access concerns: ARNs of service {@code s3} (docs/semantics.md
   * §9.13), as {@code Arn.tryParse} reads them.
   */
  private static final Automaton S3 = arns("s3", "");

  /**
   * One region: its actions and resources, and the request the evaluator is asked about for it
   * ({@code %s} is the resource account).
   */
  private record Area(Automaton action, Automaton resource, String sampleAction, String sample) {}

  private static final List<Area> REGIONS =
      List.of(
          new Area(TRUST_ACTIONS, ROLES, "sts:AssumeRole", "arn:aws:iam::%s:role/arbiter-probe"),
          new Area(RETIRE, KEYS, "kms:RetireGrant", "arn:aws:kms:us-east-1:%s:key/probe"),
          new Area(
              Strings.minus(Strings.ANY, RETIRE),
              KEYS,
              "kms:Decrypt",
              "arn:aws:kms:us-east-1:%s:key/probe"),
          new Area(
              RETIRE, Strings.minus(Strings.ANY, KEYS), "kms:RetireGrant", "arn:aws:s3:::probe/o"),
          new Area(
              Strings.minus(Strings.ANY, Strings.or(TRUST_ACTIONS, RETIRE)),
              Strings.minus(Strings.ANY, KEYS),
              "s3:GetObject",
              "arn:aws:s3:::probe/o"),
          new Area(
              TRUST_ACTIONS,
              Strings.minus(Strings.ANY, Strings.or(KEYS, ROLES)),
              "sts:AssumeRole",
              "arn:aws:s3:::probe/o"));

  /**
   * {@link #REGIONS} with each region that holds both S3 resources and others cut in two, for sets
   * in which S3 Block Public Access may take a bucket policy's grants away on S3 resources only
   * (docs/semantics.md §9.13): the flow then also looks at whether the resource is an ARN of S3.
   */
  private static final List<Area> S3_REGIONS = splitByS3();

  private static List<Area> splitByS3() {
    List<Area> out = new ArrayList<>();
    for (Area area : REGIONS) {
      Automaton s3 = Strings.and(area.resource(), S3);
      if (s3.isEmpty()) {
        out.add(area);
        continue;
      }
      out.add(new Area(area.action(), s3, area.sampleAction(), area.sample()));
      out.add(
          new Area(
              area.action(),
              Strings.minus(area.resource(), S3),
              area.sampleAction(),
              "arn:aws:sqs:us-east-1:%s:probe"));
    }
    return List.copyOf(out);
  }

  private enum Part {
    RCP("RCP"),
    SCP("SCP"),
    ENDPOINT("VPC endpoint policy"),
    RESOURCE("resource policy"),
    IDENTITY("identity policy"),
    BOUNDARY("permissions boundary"),
    SESSION("session policy");

    final String label;

    Part(String label) {
      this.label = label;
    }
  }

  /** One group of policies the flow scans together, with its cubes (principal fixed). */
  private static final class Group {
    final Part part;
    final int level;
    final List<Cube> allows = new ArrayList<>();
    final List<Cube> denies = new ArrayList<>();

    /**
     * For the resource policy: each Allow cube's naming class (its Principal element), by label.
     */
    final Map<Integer, String> classes = new HashMap<>();

    Group(Part part, int level) {
      this.part = part;
      this.level = level;
    }

    String denyKey() {
      return "arbiter:deny-" + part.name().toLowerCase(java.util.Locale.ROOT) + level;
    }
  }

  /** One input of the flow's Boolean function: a group's Allow, or a resource naming class. */
  private record Bit(Group group, String naming, List<Cube> allows) {
    String key(int index) {
      return "arbiter:allow" + index;
    }
  }

  /**
   * Whether S3 Block Public Access may take the set's bucket-policy grants away (docs/semantics.md
   * §9.13): RestrictPublicBuckets is on and the set has a resource policy read as resource-based.
   * Sets compiled for one check must agree on {@code splitS3} if either may.
   */
  static boolean restrictsPublicBuckets(PolicySet set) {
    return set.s3BlockPublicAccess().restrictPublicBuckets()
        && set.resourcePolicyType() == PolicyType.RESOURCE
        && set.resourcePolicy().isPresent();
  }

  /**
   * Compiles the set of {@code evaluator} for the shape. The evaluator is the one the replay uses:
   * building it validated every policy for its part. Where S3 Block Public Access restricts public
   * buckets, the bucket policy is public or not as the set's {@link PolicySet#publicPolicyTest()}
   * says, as for the evaluator.
   *
   * @param splitS3 whether to cut the regions by S3 resources ({@link #restrictsPublicBuckets},
   *     which must hold if the set restricts public buckets; the same for every set of a check)
   * @throws Unmodelled for what the cubes or the learnt flow cannot state exactly
   * @throws IllegalArgumentException if the evaluator refuses the shape's requests
   */
  static Compiled compile(
      Evaluator evaluator,
      RequestShape shape,
      Domains domains,
      Space space,
      Origins origins,
      boolean splitS3) {
    PolicySet set = evaluator.policies();
    if (restrictsPublicBuckets(set) && !splitS3) {
      throw new IllegalArgumentException("a set restricting public buckets needs splitS3");
    }
    String caller = shape.principal();
    if (!Callers.ALL.run(caller) && !Callers.ROOTS.run(caller)) {
      throw new Unmodelled("the caller " + caller + " is not a principal the reasoner models");
    }
    Automaton principal = Strings.exactly(caller);
    boolean iam =
        decide(
                Evaluator.of(PolicySet.builder().build()),
                shape,
                "sts:GetCallerIdentity",
                "*",
                List.of())
            == Decision.ALLOWED;
    guard(set, caller, iam);
    // §5.5: an IAM caller with a permissions boundary is never exempt from a NotPrincipal Deny.
    boolean neverExempt = iam && !set.permissionsBoundaries().isEmpty();
    List<Group> groups = groups(set, domains, principal, origins, neverExempt);
    Optional<String> whyPublic =
        restrictsPublicBuckets(set)
            ? set.publicPolicyTest().whyPublic(set.resourcePolicy().orElseThrow().policy())
            : Optional.empty();
    List<Region> regions = new ArrayList<>();
    for (Area region : splitS3 ? S3_REGIONS : REGIONS) {
      Automaton action = region.action();
      if (iam) {
        action = Strings.minus(action, OUTSIDE);
      }
      Cube cube = new Cube(principal, action, region.resource(), Map.of(), -1);
      regions.add(region(set, whyPublic, shape, region, cube, groups, space));
    }
    return new Compiled(regions, iam);
  }

  /**
   * What the cubes read differently from the evaluator for some callers, refused rather than
   * approximated: the encoding reads an Allow's {@code "*"} as not reaching AWS services, which the
   * RCPs and an endpoint policy do reach (they gate, they never grant: docs/semantics.md §9.8,
   * §10); and an account principal in an endpoint policy's Allow names only the root user (§10.1).
   */
  private static void guard(PolicySet set, String caller, boolean iam) {
    boolean service = !iam && Callers.SERVICES.run(caller);
    if (service
        && (!set.resourceControlPolicies().isEmpty() || set.vpcEndpointPolicy().isPresent())) {
      throw new Unmodelled(
          "RCPs or a VPC endpoint policy for an AWS service caller (\"*\" reaches services there)");
    }
    if (set.vpcEndpointPolicy().isPresent()) {
      for (Statement statement : set.vpcEndpointPolicy().get().policy().statements()) {
        if (statement.effect() == Effect.ALLOW && statement.principals().isPresent()) {
          for (Principal value : statement.principals().get().all()) {
            if (value.kind() == Principal.Kind.ACCOUNT || value.kind() == Principal.Kind.ROOT) {
              throw new Unmodelled(
                  "an account principal in an Allow of the VPC endpoint policy (line "
                      + statement.location().position().line()
                      + ")");
            }
          }
        }
      }
    }
  }

  /** Every group of the set, encoded, in the flow's order. */
  private static List<Group> groups(
      PolicySet set, Domains domains, Automaton principal, Origins origins, boolean neverExempt) {
    List<Group> groups = new ArrayList<>();
    List<List<NamedPolicy>> rcps = set.resourceControlPolicies();
    for (int i = 0; i < rcps.size(); i++) {
      groups.add(group(Part.RCP, i, rcps.get(i), domains, principal, origins, false));
    }
    List<List<NamedPolicy>> scps = set.serviceControlPolicies();
    for (int i = 0; i < scps.size(); i++) {
      groups.add(group(Part.SCP, i, scps.get(i), domains, principal, origins, false));
    }
    set.vpcEndpointPolicy()
        .ifPresent(
            p ->
                groups.add(
                    group(Part.ENDPOINT, 0, List.of(p), domains, principal, origins, neverExempt)));
    set.resourcePolicy()
        .ifPresent(
            p ->
                groups.add(
                    group(Part.RESOURCE, 0, List.of(p), domains, principal, origins, neverExempt)));
    groups.add(group(Part.IDENTITY, 0, set.identityPolicies(), domains, principal, origins, false));
    groups.add(
        group(Part.BOUNDARY, 0, set.permissionsBoundaries(), domains, principal, origins, false));
    groups.add(group(Part.SESSION, 0, set.sessionPolicies(), domains, principal, origins, false));
    return groups;
  }

  private static Group group(
      Part part,
      int level,
      List<NamedPolicy> policies,
      Domains domains,
      Automaton principal,
      Origins origins,
      boolean neverExempt) {
    Group group = new Group(part, level);
    for (NamedPolicy named : policies) {
      Policy policy = named.policy();
      Encoder.Encoded encoded = Encoder.encode(policy, PolicyType.IDENTITY, domains);
      Map<Integer, Integer> labels = new HashMap<>();
      for (List<Cube> cubes : List.of(encoded.allows(), encoded.denies())) {
        boolean allow = cubes == encoded.allows();
        for (Cube cube : cubes) {
          Statement statement = policy.statements().get(cube.statement());
          boolean notPrincipal = statement.principals().map(Principals::negated).orElse(false);
          Automaton caller =
              !allow && notPrincipal && neverExempt
                  ? principal
                  : Strings.and(cube.principal(), principal);
          if (caller.isEmpty()) {
            continue;
          }
          int label =
              labels.computeIfAbsent(
                  cube.statement(),
                  index ->
                      origins.add(
                          new Origin(
                              part == Part.RCP || part == Part.SCP
                                  ? part.label + " level " + (level + 1)
                                  : part.label,
                              named,
                              index)));
          Cube labelled = new Cube(caller, cube.action(), cube.resource(), cube.keys(), label);
          if (allow) {
            group.allows.add(labelled);
            if (part == Part.RESOURCE) {
              group.classes.put(label, namingClass(statement));
            }
          } else {
            group.denies.add(labelled);
          }
        }
      }
    }
    return group;
  }

  /** A key for the way a statement names callers: statements with equal keys name alike. */
  private static String namingClass(Statement statement) {
    return statement.principals().map(FlowCompiler::principalJson).orElse("");
  }

  private static String principalJson(Principals element) {
    StringBuilder out = new StringBuilder(element.negated() ? "not:" : "");
    if (element.wildcard()) {
      return out.append('*').toString();
    }
    element.values().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                out.append(e.getKey().name())
                    .append(e.getValue().stream().map(Principal::value).sorted().toList()));
    return out.toString();
  }

  private static Region region(
      PolicySet set,
      Optional<String> whyPublic,
      RequestShape shape,
      Area region,
      Cube cube,
      List<Group> groups,
      Space space) {
    // The inputs of the flow's function here: RCP levels first (they change the set the
    // evaluator is built from), then every other group, the resource policy by naming class.
    List<Bit> rcpBits = new ArrayList<>();
    List<Bit> bits = new ArrayList<>();
    for (Group group : groups) {
      if (group.part == Part.RESOURCE) {
        Map<String, List<Cube>> byClass = new LinkedHashMap<>();
        for (Cube allow : group.allows) {
          if (!allow.disjoint(cube)) {
            byClass
                .computeIfAbsent(
                    group.classes.getOrDefault(allow.statement(), ""), k -> new ArrayList<>())
                .add(allow);
          }
        }
        byClass.forEach((naming, allows) -> bits.add(new Bit(group, naming, allows)));
        continue;
      }
      List<Cube> allows = group.allows.stream().filter(a -> !a.disjoint(cube)).toList();
      if (!allows.isEmpty()) {
        (group.part == Part.RCP ? rcpBits : bits).add(new Bit(group, "", allows));
      }
    }
    if (rcpBits.size() + bits.size() > MAX_BITS) {
      throw new Unmodelled(
          "more than " + MAX_BITS + " groups of policies allow in one part of the request space");
    }
    String resource =
        String.format(java.util.Locale.ROOT, region.sample(), shape.resourceAccount());
    int n = bits.size();
    boolean[] allowed = new boolean[1 << (rcpBits.size() + n)];
    Evaluator all = null;
    for (int r = 0; r < 1 << rcpBits.size(); r++) {
      Evaluator evaluator = Evaluator.of(probes(set, whyPublic, groups, rcpBits, r, bits));
      if (r == (1 << rcpBits.size()) - 1) {
        all = evaluator;
      }
      for (int b = 0; b < 1 << n; b++) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if ((b & 1 << i) != 0) {
            keys.add(bits.get(i).key(i));
          }
        }
        Decision decision = decide(evaluator, shape, region.sampleAction(), resource, keys);
        allowed[r | b << rcpBits.size()] = decision == Decision.ALLOWED;
      }
    }
    List<Bit> ordered = new ArrayList<>(rcpBits);
    ordered.addAll(bits);
    List<Integer> least = least(allowed, ordered.size());
    // Which groups' Denies take part here: a stand-in Deny decides only where its group is
    // scanned (docs/semantics.md §9.2 step 1).
    List<String> every = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      every.add(bits.get(i).key(i));
    }
    List<Cube> denies = new ArrayList<>();
    for (Group group : groups) {
      List<Cube> mine = group.denies.stream().filter(d -> !d.disjoint(cube)).toList();
      if (mine.isEmpty()) {
        continue;
      }
      List<String> keys = new ArrayList<>(every);
      keys.add(group.denyKey());
      if (decide(
              java.util.Objects.requireNonNull(all), shape, region.sampleAction(), resource, keys)
          == Decision.EXPLICIT_DENY) {
        denies.addAll(mine);
      }
    }
    List<Cube> grants = new ArrayList<>();
    for (int mask : least) {
      grants.addAll(grant(mask, ordered, cube, space));
    }
    return new Region(grants, denies);
  }

  /**
   * The least rows of the truth table that allow. Checks that the function is monotone (a row that
   * allows still allows with one more input on), which makes the union over the least rows exact.
   */
  private static List<Integer> least(boolean[] allowed, int bits) {
    List<Integer> out = new ArrayList<>();
    for (int mask = 0; mask < allowed.length; mask++) {
      if (!allowed[mask]) {
        continue;
      }
      boolean minimal = true;
      for (int i = 0; i < bits; i++) {
        int bit = 1 << i;
        if ((mask & bit) == 0 && !allowed[mask | bit]) {
          throw new Unmodelled("a decision flow in which an added Allow denies (not modelled)");
        }
        if ((mask & bit) != 0 && allowed[mask & ~bit]) {
          minimal = false;
        }
      }
      if (minimal) {
        out.add(mask);
      }
    }
    return out;
  }

  /**
   * The requests of the region on which every input of the row allows: the intersection of their
   * Allow cubes, the granting parts (resource, identity) first, so that the cubes keep the label of
   * the statement that grants.
   */
  private static List<Cube> grant(int mask, List<Bit> ordered, Cube cube, Space space) {
    List<Bit> on = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      if ((mask & 1 << i) != 0) {
        on.add(ordered.get(i));
      }
    }
    on.sort(java.util.Comparator.comparingInt(bit -> granting(bit.group().part)));
    List<Cube> current = List.of(cube);
    boolean first = true;
    for (Bit bit : on) {
      current =
          first ? space.intersect(bit.allows(), current) : space.intersect(current, bit.allows());
      first = false;
      if (current.isEmpty()) {
        break;
      }
    }
    return current;
  }

  /** Granting parts first (their statements name the grant), then the gates. */
  private static int granting(Part part) {
    return switch (part) {
      case RESOURCE -> 0;
      case IDENTITY -> 1;
      default -> 2;
    };
  }

  private static Decision decide(
      Evaluator evaluator, RequestShape shape, String action, String resource, List<String> keys) {
    RequestContext.Builder context = RequestContext.builder();
    for (String key : keys) {
      context.put(key, "on");
    }
    return evaluator.evaluate(
        Request.builder()
            .principal(shape.principal())
            .action(action)
            .resource(resource)
            .resourceAccount(shape.resourceAccount())
            .context(context.build())
            .build());
  }

  /**
   * The stand-in set: the same parts, levels and flags as {@code set}, each part one policy whose
   * Allow applies when its input's context key is on and whose Deny applies when its group's is;
   * the resource policy with one Allow per naming class, each with that class's Principal. RCP
   * levels cannot carry conditions in an Allow, so a level's allow-all policy is present or not
   * ({@code rcpMask}). S3 Block Public Access is as in {@code set}, the stand-in bucket policy
   * public exactly when the set's is ({@code whyPublic}).
   */
  private static PolicySet probes(
      PolicySet set,
      Optional<String> whyPublic,
      List<Group> groups,
      List<Bit> rcpBits,
      int rcpMask,
      List<Bit> bits) {
    PolicySet.Builder out =
        PolicySet.builder()
            .principalAccountIsManagement(set.principalAccountIsManagement())
            .resourceAccountIsManagement(set.resourceAccountIsManagement())
            .principalIsServiceLinkedRole(set.principalIsServiceLinkedRole())
            .s3BlockPublicAccess(set.s3BlockPublicAccess())
            .publicPolicyTest(policy -> whyPublic);
    Map<Group, String> allowKey = new HashMap<>();
    for (int i = 0; i < bits.size(); i++) {
      if (bits.get(i).group().part != Part.RESOURCE) {
        allowKey.put(bits.get(i).group(), bits.get(i).key(i));
      }
    }
    for (Group group : groups) {
      String allow = allowKey.getOrDefault(group, "arbiter:never");
      switch (group.part) {
        case RCP -> {
          List<NamedPolicy> level = new ArrayList<>();
          if (!set.resourceControlPolicies().get(group.level).isEmpty()) {
            for (int i = 0; i < rcpBits.size(); i++) {
              if (rcpBits.get(i).group() == group && (rcpMask & 1 << i) != 0) {
                level.add(stand("allow", statement("Allow", "\"*\"", true, null)));
              }
            }
            level.add(stand("deny", statement("Deny", "\"*\"", true, group.denyKey())));
          }
          out.resourceControlPolicyLevel(level);
        }
        case SCP ->
            out.serviceControlPolicyLevel(
                set.serviceControlPolicies().get(group.level).isEmpty()
                    ? List.of()
                    : List.of(stand(allow, group.denyKey(), null)));
        case ENDPOINT -> out.vpcEndpointPolicy(stand(allow, group.denyKey(), "\"*\""));
        case RESOURCE -> out.resourcePolicy(resource(set, group, bits), set.resourcePolicyType());
        case IDENTITY -> {
          if (!set.identityPolicies().isEmpty()) {
            out.identityPolicy(stand(allow, group.denyKey(), null));
          }
        }
        case BOUNDARY -> {
          if (!set.permissionsBoundaries().isEmpty()) {
            out.permissionsBoundary(stand(allow, group.denyKey(), null));
          }
        }
        case SESSION -> {
          if (!set.sessionPolicies().isEmpty()) {
            out.sessionPolicy(stand(allow, group.denyKey(), null));
          }
        }
      }
    }
    return out.build();
  }

  private static NamedPolicy stand(String allowKey, String denyKey, @Nullable String principal) {
    return stand(
        "stand-in",
        statement("Allow", principal, true, allowKey)
            + ","
            + statement("Deny", principal, true, denyKey));
  }

  private static NamedPolicy stand(String name, String statements) {
    return new NamedPolicy(
        "arbiter " + name,
        Policy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}"));
  }

  private static String statement(
      String effect, @Nullable String principal, boolean resource, @Nullable String key) {
    return "{\"Effect\":\""
        + effect
        + "\""
        + (principal == null ? "" : ",\"Principal\":" + principal)
        + ",\"Action\":\"*\""
        + (resource ? ",\"Resource\":\"*\"" : "")
        + (key == null ? "" : ",\"Condition\":{\"StringEquals\":{\"" + key + "\":\"on\"}}")
        + "}";
  }

  /** The resource policy's stand-in: one gated Allow per naming class, and a gated Deny. */
  private static NamedPolicy resource(PolicySet set, Group group, List<Bit> bits) {
    boolean trust = set.resourcePolicyType() == PolicyType.TRUST;
    String everyone = trust ? "{\"AWS\":\"*\"}" : "\"*\"";
    Map<String, Optional<Principals>> elements = new LinkedHashMap<>();
    Policy original = set.resourcePolicy().orElseThrow().policy();
    for (Statement statement : original.statements()) {
      if (statement.effect() == Effect.ALLOW) {
        elements.putIfAbsent(namingClass(statement), statement.principals());
      }
    }
    List<String> texts = new ArrayList<>();
    List<Optional<Principals>> principals = new ArrayList<>();
    for (int i = 0; i < bits.size(); i++) {
      Bit bit = bits.get(i);
      if (bit.group().part == Part.RESOURCE) {
        texts.add(statement("Allow", everyone, !trust, bit.key(i)));
        principals.add(elements.getOrDefault(bit.naming(), Optional.empty()));
      }
    }
    texts.add(statement("Deny", everyone, !trust, group.denyKey()));
    Policy parsed = stand("resource", String.join(",", texts)).policy();
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < parsed.statements().size(); i++) {
      Statement statement = parsed.statements().get(i);
      if (i < principals.size()) {
        statement =
            new Statement(
                statement.sid(),
                statement.effect(),
                principals.get(i),
                statement.actions(),
                statement.resources(),
                statement.condition(),
                statement.location());
      }
      statements.add(statement);
    }
    return new NamedPolicy(
        "arbiter stand-in",
        new Policy(parsed.version(), parsed.id(), statements, parsed.location()));
  }
}
