package dev.arbiter.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of policy IAM and AWS Organizations know. The type is a parameter of {@link
 * Policy#validate(PolicyType)}, not of parsing: the same document may be valid as one type and not
 * as another.
 */
public enum PolicyType {
  /** An identity-based policy of a user, group or role (managed or inline). */
  IDENTITY("identity"),
  /** A resource-based policy: S3 bucket, SQS queue, SNS topic, KMS key policy and so on. */
  RESOURCE("resource"),
  /** An IAM role trust policy (the role's resource policy for {@code sts:AssumeRole*}). */
  TRUST("trust"),
  /** An AWS Organizations service control policy. */
  SCP("scp"),
  /** An AWS Organizations resource control policy. */
  RCP("rcp"),
  /** A session policy passed when assuming a role or federating a user. */
  SESSION("session"),
  /** A managed policy used as a user's or role's permissions boundary. */
  PERMISSIONS_BOUNDARY("boundary"),
  /** A VPC endpoint policy. */
  VPC_ENDPOINT("vpce");

  private final String cliName;

  PolicyType(String cliName) {
    this.cliName = cliName;
  }

  /** The short name used on the command line and in configuration, for example {@code scp}. */
  public String cliName() {
    return cliName;
  }

  /** Whether statements of this type use identity-policy syntax (no Principal). */
  public boolean usesIdentitySyntax() {
    return this == IDENTITY || this == SESSION || this == PERMISSIONS_BOUNDARY || this == SCP;
  }

  /**
   * A best guess at the type of {@code policy} from its shape, for when the user does not say:
   * without any Principal it is {@link #IDENTITY} (SCPs, boundaries and session policies look the
   * same); with principals but no Resource and only {@code sts:AssumeRole*}, {@code sts:TagSession}
   * or {@code sts:SetSourceIdentity} actions it is {@link #TRUST}; a policy that names a {@code
   * Federated} principal is also {@link #TRUST}, since only role trust policies accept one,
   * whatever its other statements hold; otherwise {@link #RESOURCE}.
   */
  public static PolicyType detect(Policy policy) {
    boolean principals = false;
    boolean trustShape = true;
    boolean federated = false;
    for (Statement statement : policy.statements()) {
      principals |= statement.principals().isPresent();
      federated |=
          statement
              .principals()
              .map(p -> !p.negated() && !p.of(PrincipalType.FEDERATED).isEmpty())
              .orElse(false);
      trustShape &= statement.resources().isEmpty() && !statement.actions().negated();
      for (ActionPattern action : statement.actions().patterns()) {
        String text = action.text().toLowerCase(Locale.ROOT);
        trustShape &=
            text.startsWith("sts:assumerole")
                || text.equals("sts:tagsession")
                || text.equals("sts:setsourceidentity");
      }
    }
    if (!principals) {
      return IDENTITY;
    }
    return federated || (trustShape && !policy.statements().isEmpty()) ? TRUST : RESOURCE;
  }

  /**
   * The type named {@code name}: its {@link #cliName()} or its enum name, in any case.
   *
   * @return empty if no type has that name
   */
  public static Optional<PolicyType> fromName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (PolicyType type : values()) {
      if (type.cliName.equals(wanted) || type.name().toLowerCase(Locale.ROOT).equals(wanted)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
