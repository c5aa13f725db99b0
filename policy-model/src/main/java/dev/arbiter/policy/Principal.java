package dev.arbiter.policy;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One value of a {@code Principal} or {@code NotPrincipal} element, with its {@link Kind} read from
 * its form.
 *
 * @param type the key it was listed under
 * @param value the value as written
 * @param location where it was written
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html">AWS
 *     JSON policy elements: Principal</a>
 */
public record Principal(PrincipalType type, String value, SourceLocation location) {

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern UNIQUE_ID = Pattern.compile("A[A-Z0-9]{3}[A-Z0-9]{12,}");

  /** What a principal value names. */
  public enum Kind {
    /** {@code "AWS": "*"}: every principal, including anonymous callers. */
    EVERYONE,
    /** A 12-digit account ID: delegates to that account. */
    ACCOUNT,
    /** {@code arn:aws:iam::111122223333:root}: the same as the account ID. */
    ROOT,
    /** An IAM user ARN. */
    USER,
    /** An IAM role ARN: every session of that role. */
    ROLE,
    /** An STS assumed-role session ARN: that session only. */
    ASSUMED_ROLE,
    /** An STS federated-user session ARN. */
    FEDERATED_USER,
    /** A unique ID such as {@code AIDA...}: what IAM stores once the named entity is deleted. */
    UNIQUE_ID,
    /** An AWS service principal such as {@code s3.amazonaws.com}. */
    SERVICE,
    /** A web identity or SAML provider. */
    FEDERATED_PROVIDER,
    /** An S3 canonical user ID. */
    CANONICAL_USER,
    /** A value of none of the forms above; IAM rejects it and it matches nothing. */
    UNRECOGNIZED
  }

  /** A principal built in code. */
  public static Principal of(PrincipalType type, String value) {
    return new Principal(type, value, SourceLocation.UNKNOWN);
  }

  /** What the value names, from its form. */
  public Kind kind() {
    return switch (type) {
      case SERVICE -> Kind.SERVICE;
      case FEDERATED -> Kind.FEDERATED_PROVIDER;
      case CANONICAL_USER -> Kind.CANONICAL_USER;
      case AWS -> awsKind();
    };
  }

  private Kind awsKind() {
    if (value.equals("*")) {
      return Kind.EVERYONE;
    }
    if (ACCOUNT_ID.matcher(value).matches()) {
      return Kind.ACCOUNT;
    }
    if (UNIQUE_ID.matcher(value).matches()) {
      return Kind.UNIQUE_ID;
    }
    Optional<Arn> parsed = Arn.tryParse(value);
    if (parsed.isEmpty()) {
      return Kind.UNRECOGNIZED;
    }
    Arn arn = parsed.get();
    if (!arn.region().isEmpty() || !ACCOUNT_ID.matcher(arn.account()).matches()) {
      return Kind.UNRECOGNIZED;
    }
    String resource = arn.resource();
    if (arn.service().equals("iam")) {
      if (resource.equals("root")) {
        return Kind.ROOT;
      }
      if (resource.startsWith("user/") && resource.length() > 5) {
        return Kind.USER;
      }
      if (resource.startsWith("role/") && resource.length() > 5) {
        return Kind.ROLE;
      }
    } else if (arn.service().equals("sts")) {
      if (resource.startsWith("assumed-role/") && resource.indexOf('/', 13) > 13) {
        return Kind.ASSUMED_ROLE;
      }
      if (resource.startsWith("federated-user/") && resource.length() > 15) {
        return Kind.FEDERATED_USER;
      }
    }
    return Kind.UNRECOGNIZED;
  }

  /** The account the principal belongs to, for account IDs and IAM or STS ARNs. */
  public Optional<String> accountId() {
    if (type != PrincipalType.AWS) {
      return Optional.empty();
    }
    if (ACCOUNT_ID.matcher(value).matches()) {
      return Optional.of(value);
    }
    return Arn.tryParse(value).map(Arn::account).filter(a -> ACCOUNT_ID.matcher(a).matches());
  }

  /** Returns {@code Type:value}, for example {@code AWS:arn:aws:iam::111122223333:root}. */
  @Override
  public String toString() {
    return type.json() + ":" + value;
  }
}
