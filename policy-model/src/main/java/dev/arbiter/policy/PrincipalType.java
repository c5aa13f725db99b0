package dev.arbiter.policy;

import java.util.Optional;

/** The keys of a {@code Principal} object. */
public enum PrincipalType {
  /** IAM principals and accounts: {@code "AWS": "arn:aws:iam::111122223333:root"}. */
  AWS("AWS"),
  /** AWS service principals: {@code "Service": "cloudtrail.amazonaws.com"}. */
  SERVICE("Service"),
  /** Web identity and SAML providers, in role trust policies only. */
  FEDERATED("Federated"),
  /** Amazon S3 canonical user IDs, in S3 bucket policies only. */
  CANONICAL_USER("CanonicalUser");

  private final String json;

  PrincipalType(String json) {
    this.json = json;
  }

  /** The key as written in JSON. */
  public String json() {
    return json;
  }

  /** The type written exactly as {@code text}. */
  public static Optional<PrincipalType> fromJson(String text) {
    for (PrincipalType type : values()) {
      if (type.json.equals(text)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
