package dev.arbiter.iac.cloudformation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code Fn::Cidr} for IPv4 blocks: consecutive blocks with {@code cidrBits} host bits each. */
final class Cidrs {
  private Cidrs() {}

  /** The blocks, or empty when the arguments do not describe an IPv4 split that fits. */
  static Optional<List<String>> split(String block, String count, String cidrBits) {
    if (!count.matches("[0-9]{1,3}") || !cidrBits.matches("[0-9]{1,2}")) {
      return Optional.empty();
    }
    int n = Integer.parseInt(count);
    int hostBits = Integer.parseInt(cidrBits);
    String[] parts = block.split("/", -1);
    if (parts.length != 2 || !parts[1].matches("[0-9]{1,2}")) {
      return Optional.empty();
    }
    String[] octets = parts[0].split("\\.", -1);
    if (octets.length != 4) {
      return Optional.empty();
    }
    long address = 0;
    for (String octet : octets) {
      if (!octet.matches("[0-9]{1,3}") || Integer.parseInt(octet) > 255) {
        return Optional.empty();
      }
      address = address << 8 | Integer.parseInt(octet);
    }
    int prefix = Integer.parseInt(parts[1]);
    int subnetPrefix = 32 - hostBits;
    if (n < 1 || n > 256 || prefix > 32 || subnetPrefix < prefix || subnetPrefix > 32) {
      return Optional.empty();
    }
    if ((long) n > 1L << (subnetPrefix - prefix)) {
      return Optional.empty();
    }
    long base = address & (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    List<String> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      long start = base + (i << hostBits);
      out.add(
          (start >> 24 & 255)
              + "."
              + (start >> 16 & 255)
              + "."
              + (start >> 8 & 255)
              + "."
              + (start & 255)
              + "/"
              + subnetPrefix);
    }
    return Optional.of(out);
  }
}
