package dev.arbiter.cli;

import dev.arbiter.account.AccountLoadException;
import dev.arbiter.eval.InvalidPolicyException;
import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.scenario.NamedRequest;
import dev.arbiter.eval.scenario.Scenario;
import dev.arbiter.eval.scenario.ScenarioException;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.query.AccountModel;
import dev.arbiter.query.CallerPolicies;
import dev.arbiter.query.QueryException;
import dev.arbiter.reason.CheckResult;
import dev.arbiter.reason.Reason;
import dev.arbiter.reason.Reasoner;
import dev.arbiter.reason.RequestShape;
import dev.arbiter.reason.S3PublicPolicyTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code arbiter check} and {@code arbiter diff} over whole policy sets (docs/reasoning.md, "Policy
 * sets"): every policy of a scenario file (docs/scenario.md), or every policy an account snapshot
 * gives one principal, decided together for one caller on resources of one account. A file is a
 * scenario when its content is one ({@link Scenario#isScenario}), as a template is detected by its
 * content.
 */
final class PolicySets {
  private PolicySets() {}

  /** The caller and resource account of a set check. */
  static final class CallerOptions {
    @Option(
        names = "--principal",
        paramLabel = "ARN",
        description =
            "For scenarios and --snapshot: the caller whose requests are checked (a user, a role"
                + " session, a federated user, the root user, a service or anonymous; with"
                + " --snapshot also user/NAME or role/NAME). Default for scenarios: the principal"
                + " of their request(s), if they all name one.")
    @Nullable String principal;

    @Option(
        names = "--resource-account",
        paramLabel = "ACCOUNT",
        description =
            "For scenarios and --snapshot: the 12-digit account that owns the resources (default:"
                + " the resource account of the scenarios' requests by the caller, or the"
                + " caller's own).")
    @Nullable String resourceAccount;

    boolean given() {
      return principal != null || resourceAccount != null;
    }
  }

  /**
   * Account snapshot inputs, as {@code query} reads them (its {@code --account} and {@code
   * --resources} are {@code --snapshot} and {@code --resource-policies} here: {@code check} already
   * has {@code --account ID} for templates and {@code --resources} for the resources asked about).
   */
  static final class SnapshotOptions {
    @Option(
        names = "--snapshot",
        paramLabel = "FILE",
        description =
            "An account snapshot (get-account-authorization-details output, as 'query --account');"
                + " repeatable. Checks every policy it gives --principal.")
    List<Path> snapshots = new ArrayList<>();

    @Option(
        names = "--org",
        paramLabel = "FILE",
        description = "With --snapshot: organization file of SCPs and RCPs (as 'query --org').")
    @Nullable Path organization;

    @Option(
        names = "--resource-policies",
        paramLabel = "DIR",
        description =
            "With --snapshot: directory of resource policies named by resource ARN (as 'query"
                + " --resources').")
    @Nullable Path resourcePolicies;

    @Option(
        names = "--resource",
        paramLabel = "ARN",
        description =
            "With --snapshot: the resource whose policy takes part (a role ARN: its trust"
                + " policy). Without it no resource policy takes part. --resources then defaults"
                + " to it (and, for S3, the objects under it).")
    @Nullable String resource;

    @Option(
        names = "--vpc-endpoint",
        paramLabel = "FILE",
        description = "With --snapshot: the VPC endpoint policy requests pass through.")
    @Nullable Path vpcEndpoint;

    @Option(
        names = "--restrict-public-buckets",
        paramLabel = "ACCOUNT",
        split = ",",
        description = "With --snapshot: accounts with RestrictPublicBuckets on (as in 'query').")
    List<String> restrictPublicBuckets = new ArrayList<>();

    boolean given() {
      return !snapshots.isEmpty();
    }

    /** Whether an option that needs {@code --snapshot} was given. */
    boolean needsSnapshot() {
      return organization != null
          || resourcePolicies != null
          || resource != null
          || vpcEndpoint != null
          || !restrictPublicBuckets.isEmpty();
    }
  }

  /** An input that cannot be read or is not valid: exit 3, with this message. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }

    @Override
    public String getMessage() {
      return String.valueOf(super.getMessage());
    }
  }

  /** A scenario file and what it holds. */
  record Read(String file, Scenario scenario) {}

  /** Where the policies that reasons name are written. */
  interface PolicyFiles {
    /** The file {@code policy} is written in, as the user named it, if known. */
    Optional<String> fileOf(Policy policy);

    /** No file is known (a single policy, or policies from an account snapshot). */
    PolicyFiles NONE = policy -> Optional.empty();
  }

  /** Whether the file's content is a scenario; a file that cannot be read is not one. */
  static boolean isScenario(String file) {
    try {
      return Scenario.isScenario(Files.readString(Path.of(file), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return false; // the policy reader reports it
    }
  }

  /**
   * Reads the scenario files among {@code files}: empty when none is one, all when all are.
   *
   * @throws ParameterException if some are scenarios and others not, or an option does not apply
   * @throws Unreadable if a scenario is not valid
   */
  static List<Read> scenarios(
      CommandSpec spec, List<String> files, CallerOptions caller, @Nullable PolicyType type)
      throws Unreadable {
    List<String> scenarios = files.stream().filter(PolicySets::isScenario).toList();
    if (scenarios.isEmpty()) {
      if (caller.given()) {
        throw new ParameterException(
            spec.commandLine(),
            "--principal and --resource-account are for scenario files and --snapshot: "
                + String.join(" and ", files)
                + (files.size() == 1 ? " is not a scenario" : " are not scenarios"));
      }
      return List.of();
    }
    if (scenarios.size() != files.size()) {
      throw new ParameterException(
          spec.commandLine(),
          "compare a scenario with a scenario: "
              + String.join(", ", scenarios)
              + " is a scenario (docs/scenario.md) and "
              + String.join(", ", files.stream().filter(f -> !scenarios.contains(f)).toList())
              + " is not");
    }
    if (type != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--type is for policy files; a scenario says what each of its policies is");
    }
    List<Read> reads = new ArrayList<>();
    for (String file : files) {
      try {
        reads.add(new Read(file, Scenario.read(Path.of(file), S3PublicPolicyTest.create())));
      } catch (IOException e) {
        throw new Unreadable("cannot read " + file + ": " + e.getMessage());
      } catch (ScenarioException e) {
        throw new Unreadable(SimulateCommand.describe(file, e));
      }
    }
    return reads;
  }

  /**
   * The caller and resource account of a check over the scenarios' sets: {@code --principal}, or
   * the one principal of the scenarios' requests; {@code --resource-account}, or the one resource
   * account of the requests by that caller, or the caller's own.
   *
   * @throws ParameterException if the caller or account cannot be told
   */
  static RequestShape shape(CommandSpec spec, CallerOptions caller, List<Read> reads) {
    String principal = caller.principal;
    if (principal == null) {
      Set<String> callers = new LinkedHashSet<>();
      for (Read read : reads) {
        read.scenario().requests().forEach(r -> callers.add(r.request().principal()));
      }
      if (callers.size() != 1) {
        throw new ParameterException(
            spec.commandLine(),
            "the scenario's requests have "
                + callers.size()
                + " callers ("
                + String.join(", ", callers)
                + "); pass --principal ARN to say whose requests to check");
      }
      principal = callers.iterator().next();
    }
    Optional<Arn> arn = Arn.tryParse(principal);
    if (arn.isPresent()
        && arn.get().service().equals("iam")
        && arn.get().resource().startsWith("role/")) {
      String name = arn.get().resource().substring(arn.get().resource().lastIndexOf('/') + 1);
      throw new ParameterException(
          spec.commandLine(),
          "a role makes requests through a session: pass --principal arn:"
              + arn.get().partition()
              + ":sts::"
              + arn.get().account()
              + ":assumed-role/"
              + name
              + "/SESSION");
    }
    String account = caller.resourceAccount;
    if (account == null) {
      Set<String> accounts = new LinkedHashSet<>();
      for (Read read : reads) {
        for (NamedRequest named : read.scenario().requests()) {
          if (named.request().principal().equals(principal)) {
            accounts.add(named.request().resourceAccount());
          }
        }
      }
      if (accounts.size() > 1) {
        throw new ParameterException(
            spec.commandLine(),
            "the scenario's requests by "
                + principal
                + " are on resources of accounts "
                + String.join(", ", accounts)
                + "; pass --resource-account ACCOUNT to say which");
      }
      if (accounts.size() == 1) {
        account = accounts.iterator().next();
      }
    }
    try {
      return account == null
          ? RequestShape.sameAccount(principal)
          : new RequestShape(principal, account);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          String.valueOf(e.getMessage())
              + (account == null ? " (pass --resource-account ACCOUNT)" : ""));
    }
  }

  /** Where the scenarios' policies are written: the scenario file, or its {@code "file"} entry. */
  static PolicyFiles files(List<Read> reads) {
    return policy -> {
      for (Read read : reads) {
        if (contains(read.scenario().policies(), policy)) {
          return Optional.of(
              read.scenario()
                  .fileOf(policy)
                  .map(f -> Path.of(read.file()).resolveSibling(f).normalize().toString())
                  .orElse(read.file()));
        }
      }
      return Optional.empty();
    };
  }

  /** A set to check from account snapshots, with what the snapshots lacked. */
  record Snapshot(
      PolicySet set, RequestShape shape, List<String> resources, List<String> warnings) {}

  /**
   * The set {@code query} assembles for {@code --principal} from the snapshots ({@link
   * AccountModel#policies}), and the resources to ask about: {@code asked}, or the {@code
   * --resource} (and for S3 the objects under it) when none are asked.
   *
   * @throws ParameterException if {@code --principal} is missing or the account is not 12 digits
   * @throws Unreadable if a snapshot cannot be read or the principal is not in it
   */
  static Snapshot snapshot(
      CommandSpec spec, SnapshotOptions options, CallerOptions caller, List<String> asked)
      throws Unreadable {
    if (caller.principal == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--snapshot needs --principal: the user or role whose policies to check (user/NAME,"
              + " role/NAME or an ARN)");
    }
    for (String account : options.restrictPublicBuckets) {
      if (!account.matches("\\d{12}")) {
        throw new ParameterException(
            spec.commandLine(),
            "--restrict-public-buckets takes 12-digit account IDs, got '" + account + "'");
      }
    }
    if (caller.resourceAccount != null && !caller.resourceAccount.matches("\\d{12}")) {
      throw new ParameterException(
          spec.commandLine(),
          "--resource-account takes a 12-digit account ID, got '" + caller.resourceAccount + "'");
    }
    CallerPolicies policies;
    try {
      AccountModel model =
          QueryCommand.load(
              options.snapshots,
              options.organization,
              options.resourcePolicies,
              options.vpcEndpoint,
              options.restrictPublicBuckets);
      policies =
          model.policies(
              caller.principal,
              Optional.ofNullable(options.resource),
              Optional.ofNullable(caller.resourceAccount));
    } catch (AccountLoadException | QueryException e) {
      throw new Unreadable(String.valueOf(e.getMessage()));
    }
    List<String> resources = asked;
    String resource = options.resource;
    if (resources.isEmpty() && resource != null) {
      boolean s3 = Arn.tryParse(resource).map(a -> a.service().equals("s3")).orElse(false);
      resources = s3 ? List.of(resource, resource + "/*") : List.of(resource);
    }
    return new Snapshot(
        policies.policies(),
        new RequestShape(policies.caller().arn(), policies.resourceAccount()),
        resources,
        policies.warnings());
  }

  /** A check over sets, run with a reasoner. */
  interface Check {
    CheckResult check(Reasoner reasoner);
  }

  /**
   * Runs a check over sets and prints its answer as the single-policy checks do, each reason naming
   * its policy (part, name, file) and its statement; returns the exit code.
   *
   * @param sets the sets checked, to tell each policy's type for SARIF
   * @param file the file an inconclusive answer is reported at in SARIF
   */
  static int report(
      CommandSpec spec,
      CheckCommand.Format format,
      CheckCommand.Inconclusive inconclusive,
      Check check,
      PolicyFiles files,
      List<PolicySet> sets,
      String file,
      List<String> warnings) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String command = "arbiter check: ";
    CheckResult result;
    try {
      result = check.check(Reasoner.create());
    } catch (InvalidPolicyException e) {
      err.println(command + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    } catch (IllegalArgumentException e) {
      // The evaluator refuses requests by this caller (a role ARN rather than a session).
      throw new ParameterException(spec.commandLine(), String.valueOf(e.getMessage()));
    }
    for (String warning : warnings) {
      err.println(command + "warning: " + warning);
    }
    switch (format) {
      case text -> out.println(text(result, files));
      case json -> out.println(JsonOutput.render(json -> CheckCommand.write(json, result, files)));
      case sarif -> {
        try {
          CheckSarif.write(out, spec.name(), outcomes(result, files, sets, file));
        } catch (IOException e) {
          err.println(command + "cannot write SARIF: " + e.getMessage());
          return ExitCodes.INVALID_INPUT;
        }
      }
    }
    return CheckCommand.exitCode(result.outcome(), inconclusive);
  }

  /** {@code PASS}, {@code FAIL} and a line per reason, or {@code INCONCLUSIVE: cause}. */
  static String text(CheckResult result, PolicyFiles files) {
    if (result instanceof CheckResult.Fail fail) {
      StringBuilder out = new StringBuilder("FAIL");
      for (Reason reason : fail.reasons()) {
        out.append("\n  ").append(CheckCommand.line(reason, files));
      }
      return out.toString();
    }
    return CheckCommand.text(result);
  }

  /**
   * The answer as SARIF outcomes: the reasons of each policy at that policy's statements in its
   * file; an inconclusive answer, and access the flow grants without a statement, at {@code file}.
   */
  private static List<TemplateChecks.Outcome> outcomes(
      CheckResult result, PolicyFiles files, List<PolicySet> sets, String file) {
    if (!(result instanceof CheckResult.Fail fail)) {
      return List.of(
          new TemplateChecks.Outcome(
              new TemplateChecks.Item(
                  file, Optional.empty(), TemplateChecks.EMPTY, PolicyType.IDENTITY),
              result));
    }
    // By identity: two policies of a set may be equal documents in different places.
    @SuppressWarnings("IdentityHashMapUsage")
    Map<Policy, List<Reason>> byPolicy = new IdentityHashMap<>();
    Map<String, List<Reason>> loose = new LinkedHashMap<>();
    List<Policy> order = new ArrayList<>();
    for (Reason reason : fail.reasons()) {
      if (reason.origin().isPresent()) {
        Policy policy = reason.origin().get().policy().policy();
        if (!byPolicy.containsKey(policy)) {
          order.add(policy);
        }
        byPolicy.computeIfAbsent(policy, p -> new ArrayList<>()).add(reason);
      } else {
        loose.computeIfAbsent(file, f -> new ArrayList<>()).add(atStart(reason));
      }
    }
    List<TemplateChecks.Outcome> outcomes = new ArrayList<>();
    for (Policy policy : order) {
      outcomes.add(
          new TemplateChecks.Outcome(
              new TemplateChecks.Item(
                  files.fileOf(policy).orElse(file),
                  Optional.empty(),
                  files.fileOf(policy).isPresent() ? policy : policy.withoutLocations(),
                  typeOf(sets, policy)),
              new CheckResult.Fail(byPolicy.getOrDefault(policy, List.of()))));
    }
    loose.forEach(
        (f, reasons) ->
            outcomes.add(
                new TemplateChecks.Outcome(
                    new TemplateChecks.Item(
                        f, Optional.empty(), TemplateChecks.EMPTY, PolicyType.IDENTITY),
                    new CheckResult.Fail(reasons))));
    return outcomes;
  }

  /** A reason without a statement, placed at the start of the file. */
  private static Reason atStart(Reason reason) {
    return new Reason(
        0, reason.sid(), 0, reason.description(), reason.counterexample(), reason.origin());
  }

  /** The type of the part of a set that holds {@code policy} (by identity, as Reason.Origin). */
  @SuppressWarnings("ReferenceEquality")
  static PolicyType typeOf(List<PolicySet> sets, Policy policy) {
    for (PolicySet set : sets) {
      for (Map.Entry<PolicyType, List<NamedPolicy>> part : parts(set).entrySet()) {
        for (NamedPolicy named : part.getValue()) {
          if (named.policy() == policy) {
            return part.getKey();
          }
        }
      }
    }
    return PolicyType.IDENTITY;
  }

  /** Whether the set holds this very policy: equal documents may be written in two files. */
  @SuppressWarnings("ReferenceEquality")
  private static boolean contains(PolicySet set, Policy policy) {
    for (List<NamedPolicy> part : parts(set).values()) {
      for (NamedPolicy named : part) {
        if (named.policy() == policy) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every policy of a set, by the type of its part. */
  private static Map<PolicyType, List<NamedPolicy>> parts(PolicySet set) {
    Map<PolicyType, List<NamedPolicy>> parts = new LinkedHashMap<>();
    parts.put(PolicyType.IDENTITY, set.identityPolicies());
    parts.put(set.resourcePolicyType(), set.resourcePolicy().stream().toList());
    parts.put(PolicyType.PERMISSIONS_BOUNDARY, set.permissionsBoundaries());
    parts.put(PolicyType.SESSION, set.sessionPolicies());
    parts.put(PolicyType.SCP, set.serviceControlPolicies().stream().flatMap(List::stream).toList());
    parts.put(
        PolicyType.RCP, set.resourceControlPolicies().stream().flatMap(List::stream).toList());
    parts.put(PolicyType.VPC_ENDPOINT, set.vpcEndpointPolicy().stream().toList());
    return parts;
  }
}
