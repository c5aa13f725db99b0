package dev.arbiter.policy.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "203.0.113.0/24, 203.0.113.0, true",
    "203.0.113.0/24, 203.0.113.255, true",
    "203.0.113.0/24, 203.0.114.0, false",
    "203.0.113.77/24, 203.0.113.1, true",
    "203.0.113.5, 203.0.113.5, true",
    "203.0.113.5, 203.0.113.6, false",
    "203.0.113.5/32, 203.0.113.5, true",
    "0.0.0.0/0, 0.0.0.0, true",
    "0.0.0.0/0, 255.255.255.255, true",
    "10.0.0.0/9, 10.127.255.255, true",
    "10.0.0.0/9, 10.128.0.0, false",
    "2001:DB8:1234:5678::/64, 2001:db8:1234:5678:ffff::1, true",
    "2001:db8:1234:5678::/64, 2001:db8:1234:5679::1, false",
    "2001:db8::1, 2001:0db8:0000:0000:0000:0000:0000:0001, true",
    "::/0, ::1, true",
    "::/0, 203.0.113.5, false",
    "0.0.0.0/0, 2001:db8::1, false",
  })
  void contains_addresses_asDocumented(String block, String address, boolean expected) {
    Cidr cidr = Objects.requireNonNull(Cidr.parse(block));
    byte[] bytes = Objects.requireNonNull(Cidr.address(address));
    assertThat(cidr.contains(bytes)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "203.0.113.0/33",
        "2001:db8::/129",
        "203.0.113.0/",
        "203.0.113.0/x",
        "203.0.113",
        "localhost",
        "example.com",
        "203.0.113.0/24/1",
        "256.0.0.1",
        "1.2.3.4/-1",
        "2001:db8:::1",
        "2001:db8::1::2",
        "1:2:3:4:5:6:7:8:9",
        "gggg::",
        "<my-cidr>",
        "010.1.2.3",
        "::ffff:10.0.0.0/104",
        "::ffff:192.0.2.1/128",
        "fe80::1%eth0",
        "fe80::1%1",
        "１.2.3.4",
        " 10.0.0.1",
        "10.0.0.1 ",
        "10.0.0.0/0008"
      })
  void parse_invalidBlock_returnsNull(String text) {
    assertThat(Cidr.parse(text)).isNull();
  }

  @Test
  void address_hostName_isNotResolved() {
    assertThat(Cidr.address("localhost")).isNull();
    assertThat(Cidr.address("dns.google")).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "203.0.113.0/24, 203.0.113.0/24, false",
    "203.0.113.77/24, 203.0.113.0/24, true",
    "10.1.2.3, 10.1.2.3/32, false",
    "0.0.0.0/0, 0.0.0.0/0, false",
    "2001:db8::/32, 2001:db8::/32, false",
    "2001:DB8::1/32, 2001:db8::/32, true",
    "::/0, ::/0, false",
    "::ffff:192.0.2.1/32, 192.0.2.1/32, false",
    "::ffff:10.0.0.0/8, 10.0.0.0/8, false",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1/128, false"
  })
  void network_validBlock_givesNetworkAndHostBits(String text, String network, boolean hostBits) {
    Cidr cidr = Objects.requireNonNull(Cidr.parse(text));
    assertThat(cidr.network()).isEqualTo(network);
    assertThat(cidr.hasHostBits()).isEqualTo(hostBits);
  }

  @ParameterizedTest(name = "{0} within {1}: {2}")
  @CsvSource({
    "10.1.0.0/16, 10.0.0.0/8, true",
    "10.0.0.0/7, 10.0.0.0/8, false",
    "172.31.255.255, 172.16.0.0/12, true",
    "172.32.0.0/16, 172.16.0.0/12, false",
    "fd12::/16, fc00::/7, true",
    "10.0.0.0/8, fc00::/7, false"
  })
  void within_comparesPrefixes(String inner, String outer, boolean expected) {
    Cidr block = Objects.requireNonNull(Cidr.parse(inner));
    assertThat(block.within(Objects.requireNonNull(Cidr.parse(outer)))).isEqualTo(expected);
  }

  @Test
  void isIpv4_tellsTheFamily() {
    assertThat(Objects.requireNonNull(Cidr.parse("10.0.0.0/8")).isIpv4()).isTrue();
    assertThat(Objects.requireNonNull(Cidr.parse("::ffff:10.0.0.1")).isIpv4()).isTrue();
    assertThat(Objects.requireNonNull(Cidr.parse("fc00::/7")).isIpv4()).isFalse();
  }

  @Test
  void toString_givesBackTheText() {
    assertThat(Cidr.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
  }
}
