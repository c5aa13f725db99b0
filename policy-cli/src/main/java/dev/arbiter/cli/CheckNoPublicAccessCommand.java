package dev.arbiter.cli;

import dev.arbiter.reason.PublicResourceType;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
    },
    footer = {
      "",
      "Example:",
      "  arbiter check no-public-access --resource-type AWS::S3::Bucket bucket-policy.json"
    })
final class CheckNoPublicAccessCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-r", "--resource-type"},
      required = true,
      paramLabel = "TYPE",
      converter = ResourceTypeConverter.class,
      completionCandidates = ResourceTypes.class,
      description =
          "The resource the policy is attached to; one of Access Analyzer's types:"
              + " ${COMPLETION-CANDIDATES}.")
  PublicResourceType resourceType = PublicResourceType.S3_BUCKET;

  @Option(
      names = {"-f", "--format"},
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  CheckCommand.Format format = CheckCommand.Format.text;

  @Option(
      names = "--inconclusive",
      paramLabel = "fail|pass",
      description = "Exit code of an INCONCLUSIVE answer: fail (1, default) or pass (0).")
  CheckCommand.Inconclusive inconclusive = CheckCommand.Inconclusive.fail;

  @Parameters(paramLabel = "POLICY", description = "The resource or trust policy file.")
  String policy = "";

  @Override
  public Integer call() {
    CheckCommand.Reads reads = new CheckCommand.Reads();
    return CheckCommand.run(
        spec,
        format,
        inconclusive,
        reasoner -> reasoner.noPublicAccess(reads.read(policy), resourceType),
        reads,
        resourceType.policyType());
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
