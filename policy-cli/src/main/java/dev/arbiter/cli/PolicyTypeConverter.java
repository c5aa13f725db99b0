package dev.arbiter.cli;

import dev.arbiter.policy.PolicyType;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Reads {@code --type} values such as {@code scp} or {@code boundary}. */
final class PolicyTypeConverter implements CommandLine.ITypeConverter<PolicyType> {
  @Override
  public PolicyType convert(String value) {
    return PolicyType.fromName(value)
        .orElseThrow(
            () ->
                new CommandLine.TypeConversionException(
                    "unknown policy type '"
                        + value
                        + "'; expected one of "
                        + Arrays.stream(PolicyType.values())
                            .map(PolicyType::cliName)
                            .collect(Collectors.joining(", "))));
  }
}
