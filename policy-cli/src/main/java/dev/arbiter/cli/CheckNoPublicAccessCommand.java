package dev.arbiter.cli;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.reason.PublicResourceType;
import dev.arbiter.reason.Reasoner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code arbiter check no-public-access}: Access Analyzer's {@code CheckNoPublicAccess}, offline
 * (docs/reasoning.md, "No public access"). Output and exit codes as the other checks.
 */
@Command(
    name = "no-public-access",
    mixinStandardHelpOptions = true,
    description = {
      "Does POLICY, attached to a resource of TYPE, grant access to the public: anonymous callers,"
          + " principals of accounts it does not name, or anyone signed in with a public web"
          + " identity provider, with condition keys that restrict the caller (aws:PrincipalOrgID,"
          + " aws:SourceVpce, aws:SourceIp, ...) set to values the policy does not fix?",
      "POLICY may be a CloudFormation template or Terraform plan: each resource policy in it is"
          + " checked as its own resource's type (every action and resource when Access Analyzer"
          + " has no type for it), each role trust policy as AWS::IAM::AssumeRolePolicyDocument;"
          + " --resource-type then only picks the policies of that type. Identity policies are"
          + " not asked. See docs/templates.md."
    },
    footer = {
      "",
      "Example:",
      "  arbiter check no-public-access --resource-type AWS::S3::Bucket bucket-policy.json",
      "  arbiter check no-public-access stack.yaml"
    })
final class CheckNoPublicAccessCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-r", "--resource-type"},
      paramLabel = "TYPE",
      converter = ResourceTypeConverter.class,
      completionCandidates = ResourceTypes.class,
      description =
          "The resource the policy is attached to (required for a policy file; for a template,"
              + " check only the policies of this type); one of Access Analyzer's types:"
              + " ${COMPLETION-CANDIDATES}.")
  @Nullable PublicResourceType resourceType;

  @Option(
      names = {"-f", "--format"},
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  CheckCommand.Format format = CheckCommand.Format.text;

  @Option(
      names = "--inconclusive",
      paramLabel = "fail|pass",
      description = "Exit code of an INCONCLUSIVE answer: fail (1, default) or pass (0).")
  CheckCommand.Inconclusive inconclusive = CheckCommand.Inconclusive.fail;

  @Mixin TemplateInputs.Options templateOptions = new TemplateInputs.Options();

  @Parameters(
      paramLabel = "POLICY",
      description = "The resource or trust policy file, or a template or plan.")
  String policy = "";

  @Override
  public Integer call() {
    List<String> notAsked = new ArrayList<>();
    List<TemplateChecks.Outcome> outcomes;
    try {
      TemplateChecks.Source source =
          TemplateChecks.sources(spec.commandLine(), templateOptions, List.of(policy)).get(0);
      if (!source.isTemplate()) {
        if (resourceType == null) {
          throw new ParameterException(
              spec.commandLine(),
              "Missing required option: '--resource-type=TYPE' (what the policy file is attached"
                  + " to)");
        }
        PublicResourceType fileType = resourceType;
        CheckCommand.Reads reads = new CheckCommand.Reads();
        return CheckCommand.run(
            spec,
            format,
            inconclusive,
            reasoner -> reasoner.noPublicAccess(reads.read(policy), fileType),
            reads,
            fileType.policyType());
      }
      outcomes = templates(Reasoner.create(), source, notAsked);
    } catch (TemplateChecks.Unreadable e) {
      spec.commandLine().getErr().println("arbiter check: " + e.describe());
      return ExitCodes.INVALID_INPUT;
    }
    return TemplateChecks.report(spec, format, inconclusive, outcomes, notAsked);
  }

  /** Every resource and trust policy of the template, of {@code --resource-type} if given. */
  private List<TemplateChecks.Outcome> templates(
      Reasoner reasoner, TemplateChecks.Source source, List<String> notAsked)
      throws TemplateChecks.Unreadable {
    Set<PolicyType> asked = Set.of(PolicyType.RESOURCE, PolicyType.TRUST);
    notAsked.addAll(TemplateChecks.notAsked(source, asked));
    List<TemplateChecks.Outcome> outcomes = new ArrayList<>();
    for (TemplateChecks.Item item : TemplateChecks.items(source, asked, outcomes)) {
      EmbeddedPolicy where = item.embedded().orElseThrow();
      Optional<PublicResourceType> type = TemplateChecks.publicType(where);
      if (resourceType != null && !type.equals(Optional.of(resourceType))) {
        notAsked.add(
            TemplateChecks.describe(where)
                + " ["
                + type.map(PublicResourceType::awsName).orElse("no Access Analyzer type")
                + "]");
        continue;
      }
      TemplateChecks.Outcome outcome =
          TemplateChecks.answer(
              item,
              Optional.empty(),
              i ->
                  type.isPresent()
                      ? reasoner.noPublicAccess(i.policy(), type.get())
                      : reasoner.noPublicAccess(i.policy(), i.type()));
      outcomes.add(blockPublicAccess(outcome, where));
    }
    if (resourceType != null) {
      outcomes.removeIf(
          o ->
              !o.item()
                  .embedded()
                  .flatMap(TemplateChecks::publicType)
                  .equals(Optional.of(resourceType)));
    }
    return outcomes;
  }

  /**
   * A FAIL about a bucket policy whose bucket has S3 Block Public Access settings in the same file,
   * with a note saying what they do to it. The FAIL stays: Access Analyzer's {@code
   * CheckNoPublicAccess} is given only the policy and the resource type, so it answers about the
   * policy text, which is public (docs/templates.md, "S3 Block Public Access").
   */
  static TemplateChecks.Outcome blockPublicAccess(
      TemplateChecks.Outcome outcome, EmbeddedPolicy where) {
    String effect = where.s3PublicAccessBlock().effect();
    if (!(outcome.result() instanceof dev.arbiter.reason.CheckResult.Fail) || effect.isEmpty()) {
      return outcome;
    }
    return new TemplateChecks.Outcome(outcome.item(), outcome.result(), List.of(effect));
  }

  /** Reads an AWS resource type name, such as {@code AWS::S3::Bucket}. */
  static final class ResourceTypeConverter implements ITypeConverter<PublicResourceType> {
    @Override
    public PublicResourceType convert(String value) {
      return PublicResourceType.fromAwsName(value)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "unknown resource type '"
                          + value
                          + "'; expected one of Access Analyzer's, such as AWS::S3::Bucket (see"
                          + " --help)"));
    }
  }

  /** The AWS names of the resource types, for the help. */
  static final class ResourceTypes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(PublicResourceType.values()).map(PublicResourceType::awsName).iterator();
    }
  }
}
