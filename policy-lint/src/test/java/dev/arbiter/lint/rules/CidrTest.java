package dev.arbiter.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "203.0.113.0/24, 203.0.113.0/24, false",
    "203.0.113.77/24, 203.0.113.0/24, true",
    "10.1.2.3, 10.1.2.3/32, false",
    "0.0.0.0/0, 0.0.0.0/0, false",
    "2001:db8::/32, 2001:db8::/32, false",
    "2001:DB8::1/32, 2001:db8::/32, true",
    "::/0, ::/0, false",
    "::ffff:192.0.2.1/128, ::ffff:c000:201/128, false",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1/128, false"
  })
  void parse_validBlock_givesNetworkAndHostBits(String text, String network, boolean hostBits) {
    Cidr cidr = Cidr.parse(text).orElseThrow();
    assertThat(cidr.network()).isEqualTo(network);
    assertThat(cidr.hasHostBits()).isEqualTo(hostBits);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "203.0.113.0/33",
        "256.0.0.1",
        "1.2.3",
        "1.2.3.4/",
        "1.2.3.4/-1",
        "2001:db8:::1",
        "2001:db8::1::2",
        "1:2:3:4:5:6:7:8:9",
        "gggg::",
        "example.com",
        "<my-cidr>",
        ""
      })
  void parse_invalidText_isEmpty(String text) {
    assertThat(Cidr.parse(text)).isEmpty();
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
    assertThat(Cidr.parse(inner).orElseThrow().within(Cidr.parse(outer).orElseThrow()))
        .isEqualTo(expected);
  }
}
