package dev.arbiter.eval;

import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.policy.Arn;
import java.util.Optional;

/**
 * The principal making a request, parsed once from its ARN or name (docs/semantics.md §2.2).
 *
 * @param kind what sort of principal it is
 * @param text the ARN or name as given
 * @param partition the ARN partition, "" for non-ARN principals
 * @param account the 12-digit account, "" for services, providers and anonymous callers
 * @param roleName for a role session, the role's name (the session ARN carries no role path)
 */
record Caller(Kind kind, String text, String partition, String account, String roleName) {

  /** The kinds of caller the decision flow distinguishes. */
  enum Kind {
    USER,
    ROOT,
    ASSUMED_ROLE,
    FEDERATED_USER,
    /** An AWS service principal or a web identity provider name, such as lambda.amazonaws.com. */
    SERVICE,
    /** A SAML or OIDC provider ARN: a web identity or SAML federated caller. */
    FEDERATED,
    ANONYMOUS
  }

  static final String ANONYMOUS_NAME = "anonymous";

  /**
   * Whether the caller is an IAM principal of an account (user, root, role or federated session).
   */
  boolean isIamPrincipal() {
    return kind == Kind.USER
        || kind == Kind.ROOT
        || kind == Kind.ASSUMED_ROLE
        || kind == Kind.FEDERATED_USER;
  }

  /**
   * Whether the caller is an AWS service principal ({@code logging.s3.amazonaws.com}): a service
   * name under {@code amazonaws.com} (or {@code amazonaws.com.cn} in the China partition). A web
   * identity provider's name ({@code accounts.google.com}, {@code cognito-identity.amazonaws.com})
   * is not one.
   */
  boolean isAwsService() {
    return kind == Kind.SERVICE
        && (text.endsWith(".amazonaws.com") || text.endsWith(".amazonaws.com.cn"))
        && !text.equals("cognito-identity.amazonaws.com");
  }

  /** Whether the caller acts through a session that session policies can limit. */
  boolean isSession() {
    return kind == Kind.ASSUMED_ROLE || kind == Kind.FEDERATED_USER;
  }

  /**
   * Parses a request principal.
   *
   * @throws IllegalArgumentException if the text is none of the accepted forms
   */
  static Caller parse(String text) {
    if (text.equals(ANONYMOUS_NAME)) {
      return new Caller(Kind.ANONYMOUS, text, "", "", "");
    }
    if (!text.startsWith("arn:")) {
      if (text.isEmpty() || text.indexOf('.') < 0 || !text.chars().allMatch(Caller::nameChar)) {
        throw invalid(text);
      }
      return new Caller(Kind.SERVICE, text, "", "", "");
    }
    Optional<Arn> parsed = Arn.tryParse(text);
    if (parsed.isEmpty() || !isAccount(parsed.get().account())) {
      throw invalid(text);
    }
    Arn arn = parsed.get();
    String resource = arn.resource();
    String partition = arn.partition();
    String account = arn.account();
    if (!arn.region().isEmpty() || partition.isEmpty()) {
      throw invalid(text);
    }
    if (arn.service().equals("iam")) {
      if (resource.equals("root")) {
        return new Caller(Kind.ROOT, text, partition, account, "");
      }
      if (resource.startsWith("user/") && resource.length() > 5 && !resource.endsWith("/")) {
        return new Caller(Kind.USER, text, partition, account, "");
      }
      if (resource.startsWith("role/")) {
        throw new IllegalArgumentException(
            "principal "
                + quote(text)
                + " is a role; a role acts through its sessions: use the session ARN"
                + " arn:"
                + partition
                + ":sts::"
                + account
                + ":assumed-role/ROLE-NAME/SESSION-NAME");
      }
      if (resource.startsWith("saml-provider/") || resource.startsWith("oidc-provider/")) {
        return new Caller(Kind.FEDERATED, text, partition, "", "");
      }
    } else if (arn.service().equals("sts")) {
      if (resource.startsWith("assumed-role/")) {
        int slash = resource.indexOf('/', 13);
        if (slash > 13 && slash < resource.length() - 1) {
          return new Caller(
              Kind.ASSUMED_ROLE, text, partition, account, resource.substring(13, slash));
        }
      } else if (resource.startsWith("federated-user/") && resource.length() > 15) {
        return new Caller(Kind.FEDERATED_USER, text, partition, account, "");
      }
    }
    throw invalid(text);
  }

  private static boolean nameChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '-'
        || c == '_';
  }

  static boolean isAccount(String text) {
    if (text.length() != 12) {
      return false;
    }
    for (int i = 0; i < 12; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "principal "
            + quote(text)
            + " is not a request principal; expected an IAM user, root, assumed-role or"
            + " federated-user ARN, a service principal such as lambda.amazonaws.com, or"
            + " \"anonymous\"");
  }
}
