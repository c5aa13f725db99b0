package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SUGGESTION;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.Cidr;
import dev.arbiter.policy.value.IamValues;
import java.util.List;
import java.util.Objects;

/** Checks of IpAddress and NotIpAddress conditions: CIDR syntax, host bits, private ranges. */
final class IpAddressConditionRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check TYPE_MISMATCH_IP_RANGE =
      CHECKS.aws(
          "TYPE_MISMATCH_IP_RANGE",
          ERROR,
          "An IpAddress condition value is not an IP address or CIDR block.",
          "IpAddress and NotIpAddress take IPv4 or IPv6 addresses or CIDR blocks such as"
              + " 203.0.113.0/24 or 2001:db8::/32. Host names and ranges written otherwise do"
              + " not work.");
  static final Check IMPROVE_IP_RANGE =
      CHECKS.aws(
          "IMPROVE_IP_RANGE",
          SUGGESTION,
          "A CIDR block has bits set after its prefix.",
          "Bits after the prefix length are ignored, so 203.0.113.77/24 means 203.0.113.0/24."
              + " Write the network address to make the intent clear.");
  static final Check PRIVATE_IP_ADDRESS =
      CHECKS.aws(
          "PRIVATE_IP_ADDRESS",
          ERROR,
          "aws:SourceIp is compared only with private addresses, so it never matches.",
          "aws:SourceIp holds the public address a request comes from; requests through a VPC"
              + " endpoint carry no aws:SourceIp. To restrict private addresses, use"
              + " aws:VpcSourceIp (with aws:SourceVpc).");
  static final Check PRIVATE_NOT_IP_ADDRESS =
      CHECKS.aws(
          "PRIVATE_NOT_IP_ADDRESS",
          ERROR,
          "NotIpAddress on aws:SourceIp lists only private addresses, so it always matches.",
          "aws:SourceIp never holds a private address, so NotIpAddress with private ranges"
              + " excludes nothing. Use aws:VpcSourceIp for private addresses.");
  static final Check PRIVATE_IP_ADDRESS_SUBSET =
      CHECKS.aws(
          "PRIVATE_IP_ADDRESS_SUBSET",
          SUGGESTION,
          "aws:SourceIp mixes private and public ranges; the private ones never match.",
          "aws:SourceIp holds only public addresses. Remove the private ranges, or restrict"
              + " them with aws:VpcSourceIp in a separate statement.");
  static final Check PRIVATE_NOT_IP_ADDRESS_SUBSET =
      CHECKS.aws(
          "PRIVATE_NOT_IP_ADDRESS_SUBSET",
          SUGGESTION,
          "NotIpAddress on aws:SourceIp mixes private and public ranges.",
          "aws:SourceIp holds only public addresses, so the private ranges have no effect."
              + " Remove them, or use aws:VpcSourceIp for private addresses.");

  /** RFC 1918 IPv4 private ranges and the RFC 4193 IPv6 unique local range. */
  private static final List<Cidr> PRIVATE =
      List.of(
          Objects.requireNonNull(Cidr.parse("10.0.0.0/8")),
          Objects.requireNonNull(Cidr.parse("172.16.0.0/12")),
          Objects.requireNonNull(Cidr.parse("192.168.0.0/16")),
          Objects.requireNonNull(Cidr.parse("fc00::/7")));

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    boolean variables = context.policy().variablesEnabled();
    for (Statement statement : context.policy().statements()) {
      for (Condition condition : statement.conditions()) {
        if (condition.operator().base().family() != BaseOperator.Family.IP_ADDRESS) {
          continue;
        }
        int privateCount = 0;
        int publicCount = 0;
        for (ConditionValue value : condition.values()) {
          if (variables && IamValues.hasVariableSyntax(value.text())) {
            continue; // INVALID_VARIABLE_FOR_OPERATOR
          }
          Cidr cidr = Cidr.parse(value.text());
          if (cidr == null) {
            context.report(
                TYPE_MISMATCH_IP_RANGE,
                value.location(),
                condition.operator().text()
                    + " value "
                    + quote(value.text())
                    + " is not an IP address or CIDR block such as 203.0.113.0/24");
            continue;
          }
          if (cidr.hasHostBits()) {
            context.report(
                IMPROVE_IP_RANGE,
                value.location(),
                quote(value.text())
                    + " has bits set after its /"
                    + cidr.prefix()
                    + " prefix, which are ignored; write "
                    + quote(cidr.network()));
          }
          if (PRIVATE.stream().anyMatch(cidr::within)) {
            privateCount++;
          } else {
            publicCount++;
          }
        }
        if (!condition.key().normalized().equals("aws:sourceip") || privateCount == 0) {
          continue;
        }
        boolean not = condition.operator().base() == BaseOperator.NOT_IP_ADDRESS;
        if (publicCount == 0) {
          context.report(
              not ? PRIVATE_NOT_IP_ADDRESS : PRIVATE_IP_ADDRESS,
              condition.location(),
              not
                  ? "NotIpAddress on aws:SourceIp lists only private ranges, so it always"
                      + " matches: aws:SourceIp never holds a private address. Use"
                      + " aws:VpcSourceIp for private addresses"
                  : "aws:SourceIp is compared only with private ranges, so the condition never"
                      + " matches: aws:SourceIp holds public addresses only. Use"
                      + " aws:VpcSourceIp for private addresses");
        } else {
          context.report(
              not ? PRIVATE_NOT_IP_ADDRESS_SUBSET : PRIVATE_IP_ADDRESS_SUBSET,
              condition.location(),
              privateCount
                  + " of the ranges for aws:SourceIp are private and have no effect, because"
                  + " aws:SourceIp holds public addresses only; remove them or use"
                  + " aws:VpcSourceIp for them");
        }
      }
    }
  }
}
