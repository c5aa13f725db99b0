package dev.arbiter.query;

import dev.arbiter.account.IamRole;
import dev.arbiter.account.IamUser;
import java.util.Optional;

/**
 * A principal of the loaded accounts that a question is about: an IAM user, or a session of an IAM
 * role.
 *
 * @param arn the ARN the request is made as: the user ARN, or the session ARN {@code
 *     arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION}
 * @param account the principal's account
 * @param user the user, for a user
 * @param role the role, for a role session
 * @param sessionName the session name, for a role session
 */
public record AccountPrincipal(
    String arn,
    String account,
    Optional<IamUser> user,
    Optional<IamRole> role,
    Optional<String> sessionName) {

  /** The session name used when a question names a role without a session. */
  public static final String DEFAULT_SESSION = "arbiter-session";

  static AccountPrincipal of(IamUser user, String account) {
    return new AccountPrincipal(
        user.arn(), account, Optional.of(user), Optional.empty(), Optional.empty());
  }

  static AccountPrincipal of(IamRole role, String account, String session) {
    String partition = role.arn().split(":", -1)[1];
    String arn =
        "arn:" + partition + ":sts::" + account + ":assumed-role/" + role.name() + "/" + session;
    return new AccountPrincipal(
        arn, account, Optional.empty(), Optional.of(role), Optional.of(session));
  }

  /** The user ARN, or the role ARN (with its path) for a session: {@code aws:PrincipalArn}. */
  public String principalArn() {
    return user.map(IamUser::arn).orElseGet(() -> role.map(IamRole::arn).orElse(arn));
  }

  /** {@code user/NAME} or {@code role/NAME/SESSION}, for display. */
  public String shortName() {
    if (user.isPresent()) {
      return "user/" + user.get().name();
    }
    return "role/" + role.map(IamRole::name).orElse("?") + "/" + sessionName.orElse("?");
  }
}
