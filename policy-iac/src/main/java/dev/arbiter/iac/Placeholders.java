package dev.arbiter.iac;

import java.util.Objects;

/**
 * The values that stand in for what only a deployment knows: the account, region and partition a
 * template is deployed to. Defaults are {@code 123456789012}, {@code us-east-1} and {@code aws};
 * the command line overrides each ({@code --account}, {@code --region}, {@code --partition}).
 *
 * @param account the 12-digit account ID for {@code AWS::AccountId}
 * @param region the region for {@code AWS::Region}
 * @param partition the partition for {@code AWS::Partition}
 */
public record Placeholders(String account, String region, String partition) {
  /** 123456789012, us-east-1, aws. */
  public static final Placeholders DEFAULT = new Placeholders("123456789012", "us-east-1", "aws");

  /** Checks that no value is null. */
  public Placeholders {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(partition, "partition");
  }
}
