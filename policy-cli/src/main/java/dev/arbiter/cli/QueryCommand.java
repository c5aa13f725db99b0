package dev.arbiter.cli;

import dev.arbiter.account.AccountLoadException;
import dev.arbiter.account.AccountSnapshot;
import dev.arbiter.account.Organization;
import dev.arbiter.account.ResourcePolicies;
import dev.arbiter.account.VpcEndpointPolicy;
import dev.arbiter.query.AccountModel;
import dev.arbiter.query.Answer;
import dev.arbiter.query.Query;
import dev.arbiter.query.QueryException;
import dev.arbiter.query.QuerySyntaxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code arbiter query}: ask a real account "can", "who can" and "what can". */
@Command(
    name = "query",
    header = "Ask account snapshots: can, who can, what can.",
    mixinStandardHelpOptions = true,
    description = {
      "Ask loaded accounts a question:",
      "  can PRINCIPAL ACTION RESOURCE [with KEY = VALUE, KEY = [V1, V2], ...]",
      "  who can ACTION RESOURCE [with ...]",
      "  what can PRINCIPAL do [on RESOURCE] [in SERVICE] [with ...]",
      "PRINCIPAL is an ARN, user/NAME, role/NAME or role/NAME/SESSION. Quote values with spaces:"
          + " KEY = \"a b\". Keywords ignore case.",
      "Accounts are 'aws iam get-account-authorization-details' output. Without QUERY, questions"
          + " are read one per line from standard input (with a prompt on a terminal)."
    },
    footer = {
      "",
      "Context keys AWS fills from the principal (aws:PrincipalArn, aws:username, aws:userid,"
          + " aws:PrincipalTag/*, aws:PrincipalOrgID, aws:CurrentTime, ...) are filled in; keys"
          + " that describe the request (aws:SourceIp, aws:MultiFactorAuthPresent, ...) come only"
          + " from 'with'. When a decision hinges on a key you did not give, the answer says so.",
      "",
      "Exit codes: 0 answered (for 'can': allowed), 1 'can' denied, 2 usage or query syntax"
          + " error, 3 unreadable input, or a principal, service or action that is not known.",
      "",
      "Examples:",
      "  arbiter query --account gaad.json 'can user/alice s3:GetObject arn:aws:s3:::reports/q1.csv'",
      "  arbiter query --account gaad.json --org org.json 'who can iam:PassRole *'",
      "  arbiter query --account a.json --account b.json --resources policies/ \\",
      "      'what can role/deploy do in s3 with aws:SourceIp = 203.0.113.5'",
      "  arbiter query --format json --account gaad.json 'who can s3:DeleteBucket *' | jq ."
    })
final class QueryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-a", "--account"},
      paramLabel = "FILE",
      required = true,
      description = "An account snapshot (get-account-authorization-details output); repeatable.")
  List<Path> accounts = new ArrayList<>();

  @Option(
      names = "--org",
      paramLabel = "FILE",
      description = "Organization file: SCPs and RCPs by root, OU and account (see README).")
  @Nullable Path organization;

  @Option(
      names = "--resources",
      paramLabel = "DIR",
      description = "Directory of resource policies named by resource ARN (see README).")
  @Nullable Path resources;

  @Option(
      names = "--vpc-endpoint",
      paramLabel = "FILE",
      description =
          "The policy of the VPC endpoint requests pass through:"
              + " {\"vpcEndpoint\": \"vpce-...\", \"policy\": {...}}.")
  @Nullable Path vpcEndpoint;

  @Option(
      names = "--restrict-public-buckets",
      paramLabel = "ACCOUNT",
      split = ",",
      description =
          "Accounts whose S3 Block Public Access setting RestrictPublicBuckets is on: a public"
              + " policy of their buckets grants only to AWS services and the account's own"
              + " principals. A bucket's own setting goes in its --resources file"
              + " (\"s3BlockPublicAccess\": {\"restrictPublicBuckets\": true}); repeatable.")
  List<String> restrictPublicBuckets = new ArrayList<>();

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description = "text (default) or json.")
  SimulateCommand.Format format = SimulateCommand.Format.text;

  @Option(
      names = "--explain",
      description =
          "Text only. For 'can', print every step and statement of the decision; for 'who can',"
              + " every statement that decided each principal's access (SCPs, RCPs and boundaries"
              + " included); for 'what can', the resource and statements of each action.")
  boolean explain;

  @Parameters(arity = "0..*", paramLabel = "QUERY", description = "The question (quote it).")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (explain && format == SimulateCommand.Format.json) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--explain is for text output; --format json already has the detail");
    }
    for (Path account : accounts) {
      if (java.nio.file.Files.isDirectory(account)) {
        err.println(
            "arbiter query: "
                + account
                + ": is a directory; --account takes one get-account-authorization-details JSON"
                + " file (repeat --account for several)");
        return ExitCodes.INVALID_INPUT;
      }
    }
    for (String account : restrictPublicBuckets) {
      if (!account.matches("\\d{12}")) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "--restrict-public-buckets takes 12-digit account IDs, got '" + account + "'");
      }
    }
    AccountModel model;
    try {
      model = load();
    } catch (AccountLoadException e) {
      err.println("arbiter query: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }
    if (!words.isEmpty()) {
      return answer(model, String.join(" ", words), out, err);
    }
    boolean prompt = Terminal.interactive();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int worst = ExitCodes.OK;
    while (true) {
      if (prompt) {
        out.print("arbiter> ");
        out.flush();
      }
      String line = in.readLine();
      if (line == null || (prompt && (line.trim().equals("quit") || line.trim().equals("exit")))) {
        break;
      }
      if (line.isBlank() || line.trim().startsWith("#")) {
        continue;
      }
      worst = Math.max(worst, answer(model, line, out, err));
    }
    return prompt ? ExitCodes.OK : worst;
  }

  private AccountModel load() {
    return load(accounts, organization, resources, vpcEndpoint, restrictPublicBuckets);
  }

  /**
   * The account model of snapshots, organization, resource policies, endpoint policy and accounts
   * with RestrictPublicBuckets, as {@code query} reads them (also {@code check --snapshot}).
   *
   * @throws AccountLoadException if a file cannot be read
   */
  static AccountModel load(
      List<Path> accounts,
      @Nullable Path organization,
      @Nullable Path resources,
      @Nullable Path vpcEndpoint,
      List<String> restrictPublicBuckets) {
    AccountModel.Builder builder = AccountModel.builder();
    for (Path account : accounts) {
      builder.account(AccountSnapshot.load(account));
    }
    if (organization != null) {
      builder.organization(Organization.load(organization));
    }
    if (resources != null) {
      builder.resourcePolicies(ResourcePolicies.load(resources));
    }
    if (vpcEndpoint != null) {
      builder.vpcEndpoint(VpcEndpointPolicy.load(vpcEndpoint));
    }
    restrictPublicBuckets.forEach(builder::restrictPublicBuckets);
    return builder.build();
  }

  private int answer(AccountModel model, String text, PrintWriter out, PrintWriter err) {
    Query query;
    try {
      query = Query.parse(text);
    } catch (QuerySyntaxException e) {
      err.println("arbiter query: " + e.getMessage());
      err.println("  " + text);
      err.println("  " + " ".repeat(Math.max(0, Math.min(e.column() - 1, text.length()))) + "^");
      return ExitCodes.USAGE;
    }
    // An account-wide question can take a while: say so on a terminal, never into a pipe.
    boolean status =
        Terminal.interactive() && query.<Boolean>match(can -> false, who -> true, what -> true);
    if (status) {
      err.print("arbiter query: asking every principal and action that applies...");
      err.flush();
    }
    Answer answer;
    try {
      answer = model.ask(query);
    } catch (QueryException e) {
      if (status) {
        err.print("\r\033[K");
      }
      err.println("arbiter query: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    } finally {
      if (status) {
        err.print("\r\033[K");
        err.flush();
      }
    }
    if (format == SimulateCommand.Format.json) {
      out.println(QueryOutput.json(answer));
    } else {
      out.print(answer.toText(explain));
    }
    out.flush();
    // Only "can" is a yes-or-no question; "who can" and "what can" succeed with any list.
    return answer.match(
        can -> can.decision().isAllowed() ? ExitCodes.OK : ExitCodes.DENIED_OR_FINDINGS,
        who -> ExitCodes.OK,
        what -> ExitCodes.OK);
  }
}
