package dev.arbiter.eval.internal;

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
        "256.0.0.1"
      })
  void parse_invalidBlock_returnsNull(String text) {
    assertThat(Cidr.parse(text)).isNull();
  }

  @Test
  void address_hostName_isNotResolved() {
    assertThat(Cidr.address("localhost")).isNull();
    assertThat(Cidr.address("dns.google")).isNull();
  }

  @Test
  void toString_givesBackTheText() {
    assertThat(Cidr.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
  }
}
