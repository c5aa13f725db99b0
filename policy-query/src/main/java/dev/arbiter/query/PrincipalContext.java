package dev.arbiter.query;

import dev.arbiter.account.IamRole;
import dev.arbiter.account.IamUser;
import dev.arbiter.account.Organization;
import dev.arbiter.catalog.Catalog;
import dev.arbiter.catalog.ConditionKeyInfo;
import dev.arbiter.eval.PrincipalKeys;
import dev.arbiter.eval.RequestContext;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Derives the request context AWS fills in from the principal ({@code aws:PrincipalArn}, {@code
 * aws:PrincipalAccount}, {@code aws:username}, {@code aws:userid}, {@code aws:PrincipalType},
 * {@code aws:PrincipalTag/*}, {@code aws:PrincipalOrgID}, {@code aws:PrincipalOrgPaths}) and the
 * clock ({@code aws:CurrentTime}, {@code aws:EpochTime}), under the values a question gives.
 */
final class PrincipalContext {
  private final Optional<Organization> organization;
  private final Catalog catalog;
  private final Clock clock;

  PrincipalContext(Optional<Organization> organization, Catalog catalog, Clock clock) {
    this.organization = organization;
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * The single-valued keys AWS fills in from the principal: those it derives from the caller alone
   * ({@link PrincipalKeys}, with the role's ARN and its path for a session), then what the snapshot
   * knows besides.
   */
  Map<String, String> principalKeys(AccountPrincipal caller) {
    Map<String, String> keys =
        new LinkedHashMap<>(
            caller.role().isPresent()
                ? PrincipalKeys.of(caller.arn(), caller.role().get().arn())
                : PrincipalKeys.of(caller.arn()));
    if (caller.user().isPresent()) {
      IamUser user = caller.user().get();
      keys.put("aws:userid", user.id());
      user.tags().forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, v));
    } else {
      IamRole role = caller.role().orElseThrow();
      keys.put(
          "aws:userid",
          role.id() + ":" + caller.sessionName().orElse(AccountPrincipal.DEFAULT_SESSION));
      role.tags().forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, v));
    }
    organization
        .filter(org -> org.contains(caller.account()))
        .ifPresent(org -> keys.put("aws:PrincipalOrgID", org.id()));
    return keys;
  }

  /**
   * The request context: the keys filled from the principal and the clock, except those the
   * question gives (compared ignoring case), then the given values; a single value of a key the
   * catalog calls multivalued stays a list.
   */
  RequestContext fill(AccountPrincipal caller, Map<String, List<String>> given) {
    Map<String, String> lowerGiven = new LinkedHashMap<>();
    given.keySet().forEach(k -> lowerGiven.put(k.toLowerCase(Locale.ROOT), k));
    RequestContext.Builder context = RequestContext.builder();
    Map<String, String> filled = new LinkedHashMap<>(principalKeys(caller));
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    filled.put("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(now));
    filled.put("aws:EpochTime", Long.toString(now.getEpochSecond()));
    filled.forEach(
        (key, value) -> {
          if (!lowerGiven.containsKey(key.toLowerCase(Locale.ROOT))) {
            context.put(key, value);
          }
        });
    if (!lowerGiven.containsKey("aws:principalorgpaths")) {
      organization
          .flatMap(org -> org.orgPath(caller.account()))
          .ifPresent(path -> context.put("aws:PrincipalOrgPaths", List.of(path)));
    }
    given.forEach(
        (key, values) -> {
          if (values.size() == 1 && !isMultivalued(key)) {
            context.put(key, values.get(0));
          } else {
            context.put(key, values);
          }
        });
    return context.build();
  }

  private boolean isMultivalued(String key) {
    return catalog.conditionKey(key).map(ConditionKeyInfo::isMultivalued).orElse(false);
  }
}
