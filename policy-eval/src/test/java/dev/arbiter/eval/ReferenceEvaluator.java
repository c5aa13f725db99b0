package dev.arbiter.eval;

import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Principal;
import dev.arbiter.policy.Principals;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.SetQualifier;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.Template;
import dev.arbiter.policy.value.Cidr;
import dev.arbiter.policy.value.IamValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A deliberately simple second evaluator, for differential tests of {@link Evaluator}:
 * docs/semantics.md transcribed rule by rule, with no compilation, index or cache. Every request
 * re-reads the parsed policies (the model's AST) and matches wildcards with a plain dynamic
 * program. It reuses only the model, the request, and the low-level value parsers ({@link
 * IamValues}, {@link Cidr}, {@link Arn}); where docs/semantics.md leaves a choice open it takes the
 * one the project documents (§12).
 */
final class ReferenceEvaluator {
  private final PolicySet set;

  ReferenceEvaluator(PolicySet set) {
    // Invalid policies are refused as by the evaluator (never evaluated).
    set.identityPolicies().forEach(p -> require(p, PolicyType.IDENTITY));
    set.resourcePolicy().ifPresent(p -> require(p, set.resourcePolicyType()));
    set.permissionsBoundaries().forEach(p -> require(p, PolicyType.PERMISSIONS_BOUNDARY));
    set.sessionPolicies().forEach(p -> require(p, PolicyType.SESSION));
    set.serviceControlPolicies().forEach(l -> l.forEach(p -> require(p, PolicyType.SCP)));
    set.resourceControlPolicies().forEach(l -> l.forEach(p -> require(p, PolicyType.RCP)));
    set.vpcEndpointPolicy().ifPresent(p -> require(p, PolicyType.VPC_ENDPOINT));
    this.set = set;
  }

  private static void require(NamedPolicy policy, PolicyType type) {
    if (!policy.policy().validate(type).isEmpty()) {
      throw new InvalidPolicyException(policy.name(), type, policy.policy().validate(type));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // §2.2 The caller.

  private enum Kind {
    USER,
    ROOT,
    SESSION,
    FEDERATED_USER,
    SERVICE,
    PROVIDER,
    ANONYMOUS
  }

  private record Who(Kind kind, String text, String partition, String account, String role) {
    boolean iam() {
      return kind == Kind.USER
          || kind == Kind.ROOT
          || kind == Kind.SESSION
          || kind == Kind.FEDERATED_USER;
    }
  }

  private static Who who(String principal) {
    if (principal.equals("anonymous")) {
      return new Who(Kind.ANONYMOUS, principal, "", "", "");
    }
    Optional<Arn> arn = Arn.tryParse(principal);
    if (arn.isEmpty()) {
      return new Who(Kind.SERVICE, principal, "", "", "");
    }
    Arn a = arn.get();
    String resource = a.resource();
    if (resource.equals("root")) {
      return new Who(Kind.ROOT, principal, a.partition(), a.account(), "");
    }
    if (resource.startsWith("user/")) {
      return new Who(Kind.USER, principal, a.partition(), a.account(), "");
    }
    if (resource.startsWith("assumed-role/")) {
      String role = resource.substring(13, resource.indexOf('/', 13));
      return new Who(Kind.SESSION, principal, a.partition(), a.account(), role);
    }
    if (resource.startsWith("federated-user/")) {
      return new Who(Kind.FEDERATED_USER, principal, a.partition(), a.account(), "");
    }
    return new Who(Kind.PROVIDER, principal, a.partition(), "", "");
  }

  // ---------------------------------------------------------------------------------------------
  // §9 The decision flow.

  /** How an applicable resource-policy Allow named the caller (§9.4): weakest first. */
  private static final int NONE = 0;

  private static final int BY_ACCOUNT = 1;
  private static final int BY_ROLE = 2;
  private static final int UNLIMITED = 3;

  /** What one group of policies says: any applicable Deny, any Allow, the strongest naming. */
  private record Says(boolean deny, boolean allow, int naming) {}

  Decision decide(Request request) {
    Who who = who(request.principal());
    String actionLower = request.action().toLowerCase(Locale.ROOT);
    boolean iam = who.iam();
    boolean session = who.kind == Kind.SESSION || who.kind == Kind.FEDERATED_USER;
    // §9.12: decided without policies. GetCallerIdentity for every IAM principal; GetSessionToken
    // only with a user's or the root user's long-term credentials.
    if (iam && actionLower.equals("sts:getcalleridentity")) {
      return Decision.ALLOWED;
    }
    if (iam && actionLower.equals("sts:getsessiontoken")) {
      boolean longTerm =
          (who.kind == Kind.USER || who.kind == Kind.ROOT)
              && !request.context().contains("aws:TokenIssueTime");
      return longTerm ? Decision.ALLOWED : Decision.IMPLICIT_DENY;
    }
    // §9.1 which organisation policies apply.
    boolean scpApplies =
        iam
            && !set.serviceControlPolicies().isEmpty()
            && !set.principalAccountIsManagement()
            && !set.principalIsServiceLinkedRole();
    boolean rcpApplies =
        !set.resourceControlPolicies().isEmpty()
            && !set.resourceAccountIsManagement()
            && !actionLower.equals("kms:retiregrant");
    boolean hasBoundary = !set.permissionsBoundaries().isEmpty();
    boolean boundaryApplies = iam && hasBoundary;

    List<Says> rcps = new ArrayList<>();
    if (rcpApplies) {
      set.resourceControlPolicies()
          .forEach(l -> rcps.add(says(l, request, who, hasBoundary, true)));
    }
    List<Says> scps = new ArrayList<>();
    if (scpApplies) {
      set.serviceControlPolicies()
          .forEach(l -> scps.add(says(l, request, who, hasBoundary, false)));
    }
    Says resource = says(set.resourcePolicy().stream().toList(), request, who, hasBoundary, false);
    // §10.2: the endpoint policy, when the request passed through one: a gate for every caller.
    Says endpoint =
        set.vpcEndpointPolicy().isPresent()
            ? says(List.of(set.vpcEndpointPolicy().get()), request, who, hasBoundary, true, true)
            : new Says(false, true, NONE);
    Says identity =
        iam
            ? says(set.identityPolicies(), request, who, hasBoundary, false)
            : new Says(false, false, NONE);
    Says boundary =
        boundaryApplies
            ? says(set.permissionsBoundaries(), request, who, hasBoundary, false)
            : new Says(false, false, NONE);
    Says sessions =
        session
            ? says(set.sessionPolicies(), request, who, hasBoundary, false)
            : new Says(false, false, NONE);

    // Step 1: any applicable Deny.
    List<Says> all = new ArrayList<>(rcps);
    all.addAll(scps);
    all.addAll(List.of(endpoint, resource, identity, boundary, sessions));
    if (all.stream().anyMatch(Says::deny)) {
      return Decision.EXPLICIT_DENY;
    }
    // Steps 2, 3: every RCP and SCP level must allow (a missing Allow is implicit, §12.11).
    if (rcps.stream().anyMatch(s -> !s.allow()) || scps.stream().anyMatch(s -> !s.allow())) {
      return Decision.IMPLICIT_DENY;
    }
    if (!endpoint.allow()) {
      return Decision.IMPLICIT_DENY;
    }
    int grant = resource.allow() ? resource.naming() : NONE;
    // §9.13: RestrictPublicBuckets and a public bucket policy: its grants reach only AWS service
    // principals and principals of the bucket owner's account.
    if (grant != NONE && publicGrantBlocked(request, who)) {
      grant = NONE;
    }
    // §9.7, §9.8: callers that are not IAM principals only through the resource policy.
    if (!iam) {
      return grant != NONE ? Decision.ALLOWED : Decision.IMPLICIT_DENY;
    }
    boolean identityOk = who.kind == Kind.ROOT || identity.allow();
    boolean boundaryOk = !boundaryApplies || boundary.allow();
    boolean sessionOk;
    if (who.kind == Kind.FEDERATED_USER) {
      sessionOk = !set.sessionPolicies().isEmpty() && sessions.allow();
    } else if (who.kind == Kind.SESSION) {
      sessionOk = set.sessionPolicies().isEmpty() || sessions.allow();
    } else {
      sessionOk = true;
    }
    boolean identityPath = identityOk && boundaryOk && sessionOk;
    // §9.6 cross-account: both accounts must allow.
    if (!who.account.equals(request.resourceAccount())) {
      return grant != NONE && identityPath ? Decision.ALLOWED : Decision.IMPLICIT_DENY;
    }
    // §9.5 trust and key policies must allow.
    boolean trust = isTrust(actionLower, request.resource());
    boolean key = isKey(request.resource());
    if (trust || key) {
      boolean ok =
          switch (grant) {
            case NONE -> false;
            case BY_ACCOUNT -> identityPath;
            case BY_ROLE -> boundaryOk && sessionOk;
            default -> !trust || boundaryOk; // §12.9
          };
      return ok ? Decision.ALLOWED : Decision.IMPLICIT_DENY;
    }
    // §9.4 same-account resource policy, then §9.2 steps 5-7.
    if (grant == UNLIMITED || (grant == BY_ROLE && boundaryOk && sessionOk) || identityPath) {
      return Decision.ALLOWED;
    }
    return Decision.IMPLICIT_DENY;
  }

  /** §9.13, transcribed: whether S3 Block Public Access takes the bucket policy's grant away. */
  private boolean publicGrantBlocked(Request request, Who who) {
    if (!set.s3BlockPublicAccess().accountRestrictPublicBuckets()
        && !set.s3BlockPublicAccess().bucketRestrictPublicBuckets()) {
      return false;
    }
    if (set.resourcePolicyType() != PolicyType.RESOURCE || set.resourcePolicy().isEmpty()) {
      return false;
    }
    Optional<Arn> arn = Arn.tryParse(request.resource());
    if (arn.isEmpty() || !arn.get().service().equals("s3")) {
      return false;
    }
    boolean awsService =
        who.kind == Kind.SERVICE
            && (who.text.endsWith(".amazonaws.com") || who.text.endsWith(".amazonaws.com.cn"))
            && !who.text.equals("cognito-identity.amazonaws.com");
    boolean ownerAccount = who.iam() && who.account.equals(request.resourceAccount());
    if (awsService || ownerAccount) {
      return false;
    }
    return set.publicPolicyTest().whyPublic(set.resourcePolicy().get().policy()).isPresent();
  }

  private static boolean isTrust(String actionLower, String resource) {
    Optional<Arn> arn = Arn.tryParse(resource);
    return (actionLower.startsWith("sts:assumerole")
            || actionLower.equals("sts:tagsession")
            || actionLower.equals("sts:setsourceidentity"))
        && arn.isPresent()
        && arn.get().service().equals("iam")
        && arn.get().resource().startsWith("role/");
  }

  private static boolean isKey(String resource) {
    Optional<Arn> arn = Arn.tryParse(resource);
    return arn.isPresent()
        && arn.get().service().equals("kms")
        && arn.get().resource().startsWith("key/");
  }

  /** {@code gate}: RCPs and endpoint policies, which never grant (their "*" reaches services). */
  private static Says says(
      List<NamedPolicy> policies, Request request, Who who, boolean boundary, boolean gate) {
    return says(policies, request, who, boundary, gate, false);
  }

  /** {@code endpoint}: a VPC endpoint policy, whose Allow names an account's root user only. */
  private static Says says(
      List<NamedPolicy> policies,
      Request request,
      Who who,
      boolean boundary,
      boolean gate,
      boolean endpoint) {
    boolean deny = false;
    boolean allow = false;
    int naming = NONE;
    for (NamedPolicy named : policies) {
      Policy policy = named.policy();
      List<Boolean> readings = readings(policy);
      for (Statement statement : policy.statements()) {
        boolean allowStatement = statement.effect() == Effect.ALLOW;
        // §12.8, §12.0: without a Version, ${...} is plain text or a variable: an Allow applies
        // when every reading says so (and names the caller as the weakest does), a Deny when any.
        int applies = allowStatement ? UNLIMITED : NONE;
        for (boolean variables : readings) {
          int one = applies(statement, variables, request, who, boundary, gate, endpoint);
          applies = allowStatement ? Math.min(applies, one) : Math.max(applies, one);
        }
        if (applies == NONE) {
          continue;
        }
        if (statement.effect() == Effect.DENY) {
          deny = true;
        } else {
          allow = true;
          naming = Math.max(naming, applies);
        }
      }
    }
    return new Says(deny, allow, naming);
  }

  /**
   * §7.2, §12.8: whether {@code ${...}} is read as a variable. Version 2012-10-17: yes; 2008-10-17:
   * no; no Version: both readings, unless some {@code ${...}} of the document is not a well-formed
   * variable (IAM would refuse it as 2012-10-17), which leaves the plain-text one.
   */
  private static List<Boolean> readings(Policy policy) {
    if (policy.variablesEnabled()) {
      return List.of(true);
    }
    if (policy.version().isPresent()) {
      return List.of(false);
    }
    try {
      for (Statement statement : policy.statements()) {
        for (ResourcePattern pattern :
            statement.resources().map(r -> r.patterns()).orElse(List.of())) {
          Template.parse(pattern.text());
        }
        for (Condition condition : statement.conditions()) {
          if (condition.operator().base().supportsVariables()) {
            condition.values().forEach(v -> Template.parse(v.text()));
          }
        }
      }
    } catch (PolicyParseException e) {
      return List.of(false);
    }
    return List.of(false, true);
  }

  // ---------------------------------------------------------------------------------------------
  // §8.1 One statement: action, resource, principal, conditions.

  /** {@link #NONE} if the statement does not apply, else how it names the caller. */
  private static int applies(
      Statement statement,
      boolean variables,
      Request request,
      Who who,
      boolean boundary,
      boolean gate,
      boolean endpoint) {
    boolean allow = statement.effect() == Effect.ALLOW;
    // §1.6.1, §12.0: an empty NotAction/NotResource/NotPrincipal: a Deny covers all, an Allow none.
    if (allow && emptyNegation(statement)) {
      return NONE;
    }
    // §3 actions: case-insensitive wildcards over service:name.
    boolean listed = false;
    for (ActionPattern pattern : statement.actions().patterns()) {
      listed |=
          wildcard(
              pattern.text().toLowerCase(Locale.ROOT), request.action().toLowerCase(Locale.ROOT));
    }
    if (listed == statement.actions().negated()) {
      return NONE;
    }
    // §4 resources (absent: the resource the policy is attached to).
    if (statement.resources().isPresent()) {
      boolean negated = statement.resources().get().negated();
      // §12.16: "arn:aws:s3:::*" covers the resource "*" in a Deny's Resource and an Allow's
      // NotResource, never otherwise.
      boolean starReading = request.resource().equals("*") && allow == negated;
      boolean hit = false;
      boolean unresolved = false;
      for (ResourcePattern pattern : statement.resources().get().patterns()) {
        hit |= resourceMatches(pattern, variables, request);
        hit |= starReading && serviceWide(pattern, request.action());
        unresolved |= !resolves(pattern, variables, request);
      }
      if (hit == negated) {
        return NONE;
      }
      // §7.5, §12.7: an Allow whose NotResource cannot be resolved grants nothing.
      if (negated && allow && unresolved) {
        return NONE;
      }
    }
    // §5 principals.
    int naming = UNLIMITED;
    if (statement.principals().isPresent()) {
      naming =
          principal(
              statement.principals().get(),
              who,
              boundary,
              allow,
              allow && !gate,
              allow && endpoint);
      if (naming == NONE) {
        return NONE;
      }
    }
    // §6 conditions: AND; an Allow needs true, a Deny applies unless false (§6.4.6, fail closed).
    Tri all = Tri.TRUE;
    for (Condition condition : statement.conditions()) {
      all = Tri.and(all, condition(condition, variables, request.context()));
    }
    if (all == Tri.FALSE || (allow && all == Tri.UNKNOWN)) {
      return NONE;
    }
    return naming;
  }

  private static boolean emptyNegation(Statement statement) {
    return (statement.actions().negated() && statement.actions().patterns().isEmpty())
        || statement.resources().map(r -> r.negated() && r.patterns().isEmpty()).orElse(false)
        || statement.principals().map(p -> p.negated() && p.all().isEmpty()).orElse(false);
  }

  /** §12.16: the pattern is arn:P:S:R:A:* with S matching the action's service. */
  private static boolean serviceWide(ResourcePattern pattern, String action) {
    String[] parts = pattern.text().split(":", 6);
    String service = action.substring(0, Math.max(0, action.indexOf(':'))).toLowerCase(Locale.ROOT);
    return parts.length == 6
        && parts[0].equals("arn")
        && parts[5].equals("*")
        && wildcard(parts[2].toLowerCase(Locale.ROOT), service);
  }

  /** §4.4-4.6: in the first five segments wildcards stay in their segment, unless a * ends it. */
  private static boolean resourceMatches(
      ResourcePattern pattern, boolean variables, Request request) {
    Template template =
        variables ? Template.parse(pattern.text()) : Template.withoutVariables(pattern.text());
    List<Template.Part> parts = template.parts();
    List<int[]> tokens = new ArrayList<>(); // {kind, char}: 0 char, 1 star, 2 one; +10 in segment
    int colons = 0;
    for (int i = 0; i < parts.size(); i++) {
      Template.Part part = parts.get(i);
      if (part instanceof Template.Wildcard w) {
        boolean endsSegment =
            w.symbol() == '*'
                && (i + 1 == parts.size()
                    || (parts.get(i + 1) instanceof Template.Literal next
                        && next.text().startsWith(":")));
        boolean inSegment = colons < 5 && !endsSegment;
        tokens.add(new int[] {(w.symbol() == '*' ? 1 : 2) + (inSegment ? 10 : 0), 0});
      } else {
        String text = text(part, request.context());
        if (text == null) {
          return false; // §7.5: the pattern matches no resource
        }
        if (part instanceof Template.Literal) {
          colons += (int) text.chars().filter(c -> c == ':').count();
        }
        text.chars().forEach(c -> tokens.add(new int[] {0, c}));
      }
    }
    return match(tokens, request.resource());
  }

  /** Whether every variable of the pattern has a value in this request (§7.5, §7.6). */
  private static boolean resolves(ResourcePattern pattern, boolean variables, Request request) {
    if (!variables) {
      return true;
    }
    for (Template.Part part : Template.parse(pattern.text()).parts()) {
      if (text(part, request.context()) == null) {
        return false;
      }
    }
    return true;
  }

  /** A literal or variable part as text; null for a variable without value (§7.5, §7.6). */
  private static @Nullable String text(Template.Part part, RequestContext context) {
    if (part instanceof Template.Literal literal) {
      return literal.text();
    }
    if (part instanceof Template.Wildcard w) {
      return String.valueOf(w.symbol());
    }
    Template.Variable variable = (Template.Variable) part;
    String key = variable.key().name();
    if (context.contains(key) && !context.isMultivalued(key)) {
      return context.value(key).orElseThrow();
    }
    return variable.defaultValue().orElse(null);
  }

  /** A plain dynamic program over (pattern tokens, text) positions. */
  private static boolean match(List<int[]> tokens, String text) {
    int m = tokens.size();
    int n = text.length();
    boolean[][] can = new boolean[m + 1][n + 1]; // can[i][j]: tokens[i..] match text[j..]
    can[m][n] = true;
    for (int i = m - 1; i >= 0; i--) {
      int kind = tokens.get(i)[0];
      boolean inSegment = kind >= 10;
      int base = kind % 10;
      for (int j = n; j >= 0; j--) {
        boolean ok;
        boolean charOk = j < n && !(inSegment && text.charAt(j) == ':');
        if (base == 0) {
          ok = j < n && text.charAt(j) == tokens.get(i)[1] && can[i + 1][j + 1];
        } else if (base == 2) {
          ok = charOk && can[i + 1][j + 1];
        } else {
          ok = can[i + 1][j] || (charOk && can[i][j + 1]);
        }
        can[i][j] = ok;
      }
    }
    return can[0][0];
  }

  /** {@code *} and {@code ?} match anything (actions, StringLike). */
  private static boolean wildcard(String pattern, String text) {
    List<int[]> tokens = new ArrayList<>();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      tokens.add(c == '*' ? new int[] {1, 0} : c == '?' ? new int[] {2, 0} : new int[] {0, c});
    }
    return match(tokens, text);
  }

  /**
   * §5: how the Principal names the caller; for NotPrincipal, whether the caller is not excluded: a
   * Deny exempts it only when every level is listed, an Allow excludes it when any level is (§5.5,
   * §12.0).
   */
  private static int principal(
      Principals element,
      Who who,
      boolean boundary,
      boolean allow,
      boolean grant,
      boolean accountMeansRoot) {
    // §9.8, §12.0: "*" (and "all but" a list) reaches a service except in a granting Allow.
    boolean skipService = grant && who.kind == Kind.SERVICE;
    if (element.negated() && allow) {
      for (Principal principal : element.all()) {
        if (names(principal, who) != NONE) {
          return NONE;
        }
      }
      return element.wildcard() || skipService ? NONE : UNLIMITED;
    }
    if (element.negated()) {
      return notPrincipalExempt(element, who, boundary) ? NONE : UNLIMITED;
    }
    if (element.wildcard()) {
      return skipService ? NONE : UNLIMITED; // "*": everyone, anonymous callers included
    }
    int best = NONE;
    for (Principal principal : element.all()) {
      boolean account =
          principal.kind() == Principal.Kind.ACCOUNT || principal.kind() == Principal.Kind.ROOT;
      if (accountMeansRoot && account && who.kind != Kind.ROOT) {
        continue; // §10.1: a gateway endpoint's account principal is the root user only
      }
      if (!(skipService && principal.kind() == Principal.Kind.EVERYONE)) {
        best = Math.max(best, names(principal, who));
      }
    }
    return best;
  }

  private static int names(Principal principal, Who who) {
    String value = principal.value();
    String account = principal.accountId().orElse("");
    Optional<Arn> arn = Arn.tryParse(value);
    String partition = arn.map(Arn::partition).orElse("");
    return switch (principal.kind()) {
      case EVERYONE -> UNLIMITED;
      case ACCOUNT -> who.iam() && who.account.equals(account) ? BY_ACCOUNT : NONE;
      case ROOT ->
          who.iam() && who.account.equals(account) && who.partition.equals(partition)
              ? BY_ACCOUNT
              : NONE;
      case ROLE -> {
        String resource = arn.map(Arn::resource).orElse("");
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        yield who.kind == Kind.SESSION
                && who.account.equals(account)
                && who.partition.equals(partition)
                && who.role.equals(name)
            ? BY_ROLE
            : NONE;
      }
      case USER -> who.kind == Kind.USER && who.text.equals(value) ? UNLIMITED : NONE;
      case ASSUMED_ROLE -> who.kind == Kind.SESSION && who.text.equals(value) ? UNLIMITED : NONE;
      case FEDERATED_USER ->
          who.kind == Kind.FEDERATED_USER && who.text.equals(value) ? UNLIMITED : NONE;
      case SERVICE -> who.kind == Kind.SERVICE && who.text.equals(value) ? UNLIMITED : NONE;
      case FEDERATED_PROVIDER ->
          (who.kind == Kind.SERVICE || who.kind == Kind.PROVIDER) && who.text.equals(value)
              ? UNLIMITED
              : NONE;
      default -> NONE; // unique IDs, canonical users: never (§5.3)
    };
  }

  /** §5.5, §12.3: exempt only when every level of the caller is listed; never with a boundary. */
  private static boolean notPrincipalExempt(Principals element, Who who, boolean boundary) {
    if (boundary && who.iam()) {
      return false;
    }
    if (element.wildcard()) {
      return true;
    }
    boolean account = false;
    boolean self = false;
    boolean role = false;
    for (Principal principal : element.all()) {
      int naming = names(principal, who);
      if (principal.kind() == Principal.Kind.EVERYONE) {
        return true;
      }
      account |= naming == BY_ACCOUNT;
      role |= naming == BY_ROLE;
      self |= naming == UNLIMITED;
    }
    return switch (who.kind) {
      case USER, FEDERATED_USER -> self && account;
      case SESSION -> self && role && account;
      case ROOT -> account;
      case SERVICE, PROVIDER -> self;
      case ANONYMOUS -> false;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // §6 Conditions, three-valued (Tri): unparseable values are undecided.

  private static Tri condition(Condition condition, boolean variables, RequestContext context) {
    BaseOperator base = condition.operator().base();
    SetQualifier qualifier = condition.operator().qualifier();
    String key = condition.key().name();
    boolean present = context.contains(key);
    // §12.5: values that are all "" are also read as a null (empty) set.
    boolean blank =
        present
            && !context.values(key).orElseThrow().isEmpty()
            && context.values(key).orElseThrow().stream().allMatch(String::isEmpty);
    if (base == BaseOperator.NULL && blank && qualifier == SetQualifier.NONE) {
      Tri asPresent = nullTest(condition, true);
      return asPresent == nullTest(condition, false) ? asPresent : Tri.UNKNOWN;
    }
    if (base == BaseOperator.NULL) {
      // §6.6, §6.7.3
      if (qualifier == SetQualifier.FOR_ALL_VALUES) {
        return Tri.TRUE;
      }
      if (qualifier == SetQualifier.FOR_ANY_VALUE) {
        return Tri.FALSE;
      }
      return nullTest(condition, present);
    }
    if (!present) {
      // §6.3, §6.5, §6.7.1, §6.7.2
      if (condition.operator().ifExists() || qualifier == SetQualifier.FOR_ALL_VALUES) {
        return Tri.TRUE;
      }
      return qualifier == SetQualifier.FOR_ANY_VALUE ? Tri.FALSE : Tri.of(base.negated());
    }
    List<String> values = context.values(key).orElseThrow();
    if (condition.values().isEmpty()) {
      // §6.7.4
      return Tri.of(qualifier == SetQualifier.FOR_ALL_VALUES && values.isEmpty());
    }
    Tri all = Tri.TRUE;
    Tri any = Tri.FALSE;
    for (String value : values) {
      Tri one = one(condition, base, variables, value, context);
      all = Tri.and(all, one);
      any = Tri.or(any, one);
    }
    if (qualifier == SetQualifier.FOR_ALL_VALUES) {
      return blank && all != Tri.TRUE ? Tri.UNKNOWN : all; // §12.5: empty set reading is true
    }
    if (qualifier == SetQualifier.FOR_ANY_VALUE) {
      return blank && any != Tri.FALSE ? Tri.UNKNOWN : any; // §12.5: empty set reading is false
    }
    if (values.size() != 1) {
      // §12.1: "matches no policy value", ForAnyValue and ForAllValues must agree.
      Tri none = Tri.of(base.negated());
      return none == any && none == all ? none : Tri.UNKNOWN;
    }
    return one(condition, base, variables, values.get(0), context);
  }

  /** §6.6 Null: "true" holds for an absent key, "false" for a present one; any value may hold. */
  private static Tri nullTest(Condition condition, boolean present) {
    Tri any = Tri.FALSE;
    for (ConditionValue value : condition.values()) {
      String text = value.text().toLowerCase(Locale.ROOT);
      any =
          Tri.or(
              any,
              text.equals("true")
                  ? Tri.of(!present)
                  : text.equals("false") ? Tri.of(present) : Tri.UNKNOWN);
    }
    return any;
  }

  /** One request value: any policy value matches (OR); negated operators: none does (NOR). */
  private static Tri one(
      Condition condition,
      BaseOperator base,
      boolean variables,
      String value,
      RequestContext context) {
    Tri any = Tri.FALSE;
    for (ConditionValue policy : condition.values()) {
      any = Tri.or(any, compare(base, policy, variables, value, context));
    }
    return base.negated() ? Tri.not(any) : any;
  }

  private static Tri compare(
      BaseOperator base,
      ConditionValue policy,
      boolean variables,
      String value,
      RequestContext context) {
    Template template =
        variables ? Template.parse(policy.text()) : Template.withoutVariables(policy.text());
    switch (base.family()) {
      case STRING -> {
        String text = substituted(template, context);
        if (text == null) {
          return Tri.FALSE; // §7.5: equal to nothing
        }
        return switch (base) {
          case STRING_LIKE, STRING_NOT_LIKE -> Tri.of(like(template, context, value));
          case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE ->
              Tri.of(text.equalsIgnoreCase(value));
          default -> Tri.of(text.equals(value));
        };
      }
      case NUMERIC -> {
        BigDecimal request = IamValues.number(value);
        BigDecimal wanted = IamValues.number(policy.text());
        if (request == null || wanted == null) {
          return Tri.UNKNOWN;
        }
        return Tri.of(order(base, request.compareTo(wanted)));
      }
      case DATE -> {
        Instant request = IamValues.date(value);
        Instant wanted = IamValues.date(policy.text());
        if (request == null || wanted == null) {
          return Tri.UNKNOWN;
        }
        return Tri.of(order(base, request.compareTo(wanted)));
      }
      case BOOL -> {
        String request = value.toLowerCase(Locale.ROOT);
        if (!request.equals("true") && !request.equals("false")) {
          return Tri.UNKNOWN;
        }
        if (variables && template.parts().stream().anyMatch(p -> p instanceof Template.Variable)) {
          return Tri.UNKNOWN; // §12.6: substituted or plain text; the readings cannot agree
        }
        String wanted = policy.text().toLowerCase(Locale.ROOT);
        if (!wanted.equals("true") && !wanted.equals("false")) {
          return Tri.UNKNOWN;
        }
        return Tri.of(wanted.equals(request));
      }
      case BINARY -> {
        byte[] request = IamValues.base64(value);
        byte[] wanted = IamValues.base64(policy.text());
        if (request == null || wanted == null) {
          return Tri.UNKNOWN;
        }
        return Tri.of(Arrays.equals(request, wanted));
      }
      case IP_ADDRESS -> {
        byte[] address = Cidr.address(value);
        Cidr block = Cidr.parse(policy.text());
        if (address == null || block == null) {
          return Tri.UNKNOWN;
        }
        return Tri.of(block.contains(address));
      }
      case ARN -> {
        return Tri.of(arnMatches(template, context, value));
      }
      default -> throw new IllegalStateException("no comparison for " + base);
    }
  }

  private static boolean order(BaseOperator base, int order) {
    return switch (base) {
      case NUMERIC_LESS_THAN, DATE_LESS_THAN -> order < 0;
      case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> order <= 0;
      case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> order > 0;
      case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> order >= 0;
      default -> order == 0;
    };
  }

  /** The value with variables substituted and wildcards as plain characters; null if unresolved. */
  private static @Nullable String substituted(Template template, RequestContext context) {
    StringBuilder out = new StringBuilder();
    for (Template.Part part : template.parts()) {
      String text = text(part, context);
      if (text == null) {
        return null;
      }
      out.append(text);
    }
    return out.toString();
  }

  /** StringLike: wildcards from the policy text; substituted values are literal (§7.4). */
  private static boolean like(Template template, RequestContext context, String value) {
    List<int[]> tokens = tokens(template, context);
    return tokens != null && match(tokens, value);
  }

  private static @Nullable List<int[]> tokens(Template template, RequestContext context) {
    List<int[]> tokens = new ArrayList<>();
    for (Template.Part part : template.parts()) {
      if (part instanceof Template.Wildcard w) {
        tokens.add(new int[] {w.symbol() == '*' ? 1 : 2, 0});
      } else {
        String text = text(part, context);
        if (text == null) {
          return null;
        }
        text.chars().forEach(c -> tokens.add(new int[] {0, c}));
      }
    }
    return tokens;
  }

  /**
   * §6.4.1: both sides split into six parts at the first five colons (the policy value after
   * substitution; a wildcard never splits), each part matched with wildcards. A pattern of stars
   * alone matches every ARN; any other pattern without six parts matches none.
   */
  private static boolean arnMatches(Template template, RequestContext context, String value) {
    List<int[]> tokens = tokens(template, context);
    if (tokens == null || !value.startsWith("arn:")) {
      return false;
    }
    List<String> parts = new ArrayList<>(List.of(value.split(":", 6)));
    if (parts.size() != 6) {
      return false;
    }
    List<List<int[]>> segments = new ArrayList<>();
    segments.add(new ArrayList<>());
    for (int[] token : tokens) {
      if (token[0] == 0 && token[1] == ':' && segments.size() < 6) {
        segments.add(new ArrayList<>());
      } else {
        segments.get(segments.size() - 1).add(token);
      }
    }
    if (segments.size() != 6) {
      return !tokens.isEmpty() && tokens.stream().allMatch(t -> t[0] == 1);
    }
    for (int i = 0; i < 6; i++) {
      if (!match(segments.get(i), parts.get(i))) {
        return false;
      }
    }
    return true;
  }
}
