package dev.arbiter.lint.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address block as written in an IpAddress condition: an address with an optional
 * {@code /prefix} (a bare address is a single host). Parsed by hand: no DNS, no {@code
 * InetAddress}.
 */
final class Cidr {
  /** The 4 or 16 address bytes as written, host bits included. */
  private final byte[] address;

  private final int prefix;

  private Cidr(byte[] address, int prefix) {
    this.address = address;
    this.prefix = prefix;
  }

  /** The prefix length. */
  int prefix() {
    return prefix;
  }

  /** Parses {@code text}, or returns empty if it is not an address or block. */
  static Optional<Cidr> parse(String text) {
    String addressText = text;
    int bits = -1;
    int slash = text.indexOf('/');
    if (slash >= 0) {
      addressText = text.substring(0, slash);
      String prefixText = text.substring(slash + 1);
      if (prefixText.isEmpty()
          || prefixText.length() > 3
          || !prefixText.chars().allMatch(Cidr::digit)) {
        return Optional.empty();
      }
      bits = Integer.parseInt(prefixText);
    }
    byte[] bytes = addressText.indexOf(':') >= 0 ? ipv6(addressText) : ipv4(addressText);
    if (bytes == null) {
      return Optional.empty();
    }
    int max = bytes.length * 8;
    if (bits < 0) {
      bits = max;
    }
    if (bits > max) {
      return Optional.empty();
    }
    return Optional.of(new Cidr(bytes, bits));
  }

  private static boolean digit(int c) {
    return c >= '0' && c <= '9';
  }

  private static byte @org.jspecify.annotations.Nullable [] ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Cidr::digit)) {
        return null;
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return null;
      }
      out[i] = (byte) value;
    }
    return out;
  }

  private static byte @org.jspecify.annotations.Nullable [] ipv6(String text) {
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      return null;
    }
    List<Integer> head = new ArrayList<>();
    List<Integer> tail = new ArrayList<>();
    byte[] embedded = null;
    String headText = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
    String tailText = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
    String last = doubleColon >= 0 ? tailText : headText;
    int lastColon = last.lastIndexOf(':');
    String lastGroup = last.substring(lastColon + 1);
    if (lastGroup.indexOf('.') >= 0) {
      embedded = ipv4(lastGroup);
      if (embedded == null) {
        return null;
      }
      String rest = lastColon >= 0 ? last.substring(0, lastColon) : "";
      if (doubleColon >= 0) {
        tailText = rest;
      } else {
        if (lastColon < 0) {
          return null;
        }
        headText = rest;
      }
    }
    if (!groups(headText, head) || !groups(tailText, tail)) {
      return null;
    }
    int total = head.size() + tail.size() + (embedded == null ? 0 : 2);
    if (doubleColon >= 0 ? total > 7 : total != 8) {
      return null;
    }
    byte[] out = new byte[16];
    int i = 0;
    for (int group : head) {
      out[i++] = (byte) (group >> 8);
      out[i++] = (byte) group;
    }
    int tailBytes = tail.size() * 2 + (embedded == null ? 0 : 4);
    i = 16 - tailBytes;
    for (int group : tail) {
      out[i++] = (byte) (group >> 8);
      out[i++] = (byte) group;
    }
    if (embedded != null) {
      System.arraycopy(embedded, 0, out, 12, 4);
    }
    return out;
  }

  private static boolean groups(String text, List<Integer> out) {
    if (text.isEmpty()) {
      return true;
    }
    for (String group : text.split(":", -1)) {
      if (group.isEmpty() || group.length() > 4) {
        return false;
      }
      for (int k = 0; k < group.length(); k++) {
        if (Character.digit(group.charAt(k), 16) < 0) {
          return false;
        }
      }
      out.add(Integer.parseInt(group, 16));
    }
    return true;
  }

  boolean isIpv4() {
    return address.length == 4;
  }

  /** Whether any bit after the prefix is set, as in {@code 10.0.0.1/8}. */
  boolean hasHostBits() {
    for (int bit = prefix; bit < address.length * 8; bit++) {
      if ((address[bit / 8] & (0x80 >> (bit % 8))) != 0) {
        return true;
      }
    }
    return false;
  }

  /** The block with its host bits cleared, written back as {@code network/prefix}. */
  String network() {
    byte[] masked = address.clone();
    for (int bit = prefix; bit < masked.length * 8; bit++) {
      masked[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
    }
    return format(masked) + "/" + prefix;
  }

  /** Whether this block lies wholly inside {@code other}. */
  boolean within(Cidr other) {
    if (other.address.length != address.length || other.prefix > prefix) {
      return false;
    }
    for (int bit = 0; bit < other.prefix; bit++) {
      int mask = 0x80 >> (bit % 8);
      if ((address[bit / 8] & mask) != (other.address[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static String format(byte[] bytes) {
    if (bytes.length == 4) {
      return (bytes[0] & 0xFF)
          + "."
          + (bytes[1] & 0xFF)
          + "."
          + (bytes[2] & 0xFF)
          + "."
          + (bytes[3] & 0xFF);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr c
        && c.prefix == prefix
        && java.util.Arrays.equals(c.address, address);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(address) * 31 + prefix;
  }

  @Override
  public String toString() {
    return format(address) + "/" + prefix;
  }
}
