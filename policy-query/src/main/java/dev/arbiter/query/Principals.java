package dev.arbiter.query;

import dev.arbiter.account.AccountSnapshot;
import dev.arbiter.account.IamRole;
import dev.arbiter.account.IamUser;
import dev.arbiter.policy.Arn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Resolves how a question names a principal to a user or role session of the loaded accounts. */
final class Principals {
  private final List<AccountSnapshot> accounts;

  Principals(List<AccountSnapshot> accounts) {
    this.accounts = accounts;
  }

  /**
   * {@code user/NAME}, {@code role/NAME}, {@code role/NAME/SESSION}, a user or role ARN, or an
   * assumed-role session ARN.
   */
  AccountPrincipal resolve(String text) {
    Optional<Arn> arn = Arn.tryParse(text);
    if (arn.isPresent()) {
      return resolveArn(text, arn.get());
    }
    if (text.startsWith("user/") && text.length() > 5) {
      String name = text.substring(5);
      List<IamUser> users = new ArrayList<>();
      accounts.forEach(a -> users.addAll(a.usersNamed(name)));
      IamUser user = unique(users, text, IamUser::arn);
      return AccountPrincipal.of(user, accountOf(user.arn()));
    }
    if (text.startsWith("role/") && text.length() > 5) {
      String rest = text.substring(5);
      int slash = rest.indexOf('/');
      String name = slash < 0 ? rest : rest.substring(0, slash);
      String session = slash < 0 ? AccountPrincipal.DEFAULT_SESSION : rest.substring(slash + 1);
      if (name.isEmpty() || session.isEmpty() || session.contains("/")) {
        throw new QueryException(
            "cannot read principal " + text + "; write role/NAME or role/NAME/SESSION");
      }
      List<IamRole> roles = new ArrayList<>();
      accounts.forEach(a -> roles.addAll(a.rolesNamed(name)));
      IamRole role = unique(roles, "role/" + name, IamRole::arn);
      return AccountPrincipal.of(role, accountOf(role.arn()), session);
    }
    throw new QueryException(
        "cannot read principal "
            + text
            + "; write an ARN, user/NAME, role/NAME or role/NAME/SESSION");
  }

  private AccountPrincipal resolveArn(String text, Arn arn) {
    String resource = arn.resource();
    if (arn.service().equals("iam") && resource.startsWith("user/")) {
      for (AccountSnapshot account : accounts) {
        Optional<IamUser> user = account.userByArn(text);
        if (user.isPresent()) {
          return AccountPrincipal.of(user.get(), arn.account());
        }
      }
      throw new QueryException("no user " + text + " in the loaded accounts");
    }
    if (arn.service().equals("iam") && resource.startsWith("role/")) {
      for (AccountSnapshot account : accounts) {
        Optional<IamRole> role = account.roleByArn(text);
        if (role.isPresent()) {
          return AccountPrincipal.of(role.get(), arn.account(), AccountPrincipal.DEFAULT_SESSION);
        }
      }
      throw new QueryException("no role " + text + " in the loaded accounts");
    }
    if (arn.service().equals("sts") && resource.startsWith("assumed-role/")) {
      String[] parts = resource.split("/", -1);
      if (parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty()) {
        for (AccountSnapshot account : accounts) {
          for (IamRole role : account.rolesNamed(parts[1])) {
            if (accountOf(role.arn()).equals(arn.account())) {
              return AccountPrincipal.of(role, arn.account(), parts[2]);
            }
          }
        }
        throw new QueryException("no role " + parts[1] + " in account " + arn.account());
      }
    }
    throw new QueryException(
        "principal " + text + " is not a user, role or assumed-role session ARN");
  }

  private static <T> T unique(
      List<T> found, String text, java.util.function.Function<T, String> arn) {
    if (found.isEmpty()) {
      throw new QueryException("no " + text + " in the loaded accounts");
    }
    if (found.size() > 1) {
      List<String> arns = found.stream().map(arn).toList();
      throw new QueryException(
          text + " is ambiguous; write one of these ARNs instead: " + String.join(", ", arns));
    }
    return found.get(0);
  }

  static String accountOf(String arn) {
    return Arn.tryParse(arn).map(Arn::account).orElse("");
  }

  /** Every user and role (as a session) of the loaded accounts, in snapshot order. */
  List<AccountPrincipal> all() {
    List<AccountPrincipal> out = new ArrayList<>();
    for (AccountSnapshot account : accounts) {
      account.users().forEach(u -> out.add(AccountPrincipal.of(u, accountOf(u.arn()))));
      account
          .roles()
          .forEach(
              r ->
                  out.add(
                      AccountPrincipal.of(
                          r, accountOf(r.arn()), AccountPrincipal.DEFAULT_SESSION)));
    }
    return out;
  }
}
