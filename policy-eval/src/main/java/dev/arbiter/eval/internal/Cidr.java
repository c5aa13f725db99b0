package dev.arbiter.eval.internal;

import com.google.common.net.InetAddresses;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address block, as written in {@code IpAddress} and {@code NotIpAddress} condition
 * values: {@code 203.0.113.0/24}, {@code 2001:db8::/32}, or a bare address (a block of one).
 *
 * <p>Addresses are parsed as literals with Guava's {@link InetAddresses#forString}, which never
 * consults DNS. Host bits beyond the prefix are ignored ({@code 203.0.113.77/24} is {@code
 * 203.0.113.0/24}), and an IPv4 address is never inside an IPv6 block or the other way round
 * (docs/semantics.md §6.4.2). Not API.
 */
public final class Cidr {
  private final byte[] network;
  private final int prefix;
  private final String text;

  private Cidr(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /** The block written as {@code text}, or null if it is not an address or address/prefix. */
  public static @Nullable Cidr parse(String text) {
    int slash = text.indexOf('/');
    String addressText = slash < 0 ? text : text.substring(0, slash);
    byte[] address = address(addressText);
    if (address == null) {
      return null;
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String digits = text.substring(slash + 1);
      if (digits.isEmpty() || digits.length() > 3) {
        return null;
      }
      prefix = 0;
      for (int i = 0; i < digits.length(); i++) {
        char c = digits.charAt(i);
        if (c < '0' || c > '9') {
          return null;
        }
        prefix = prefix * 10 + (c - '0');
      }
      if (prefix > bits) {
        return null;
      }
    }
    return new Cidr(mask(address, prefix), prefix, text);
  }

  /**
   * The bytes of the address literal {@code text} (4 for IPv4, 16 for IPv6), or null if it is not
   * one. Never a DNS lookup; an IPv6 address with a zone ({@code %eth0}) is not one.
   */
  public static byte @Nullable [] address(String text) {
    // A '%' starts an IPv6 zone (fe80::1%eth0): not an IAM value, and Guava would look the
    // interface up on this machine, and throw if there is none.
    if (text.isEmpty()
        || text.length() > 64
        || text.indexOf('%') >= 0
        || !InetAddresses.isInetAddress(text)) {
      return null;
    }
    try {
      return InetAddresses.forString(text).getAddress();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether {@code address} (as returned by {@link #address}) lies inside this block. */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    return Arrays.equals(mask(address, prefix), network);
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
    }
    return out;
  }

  /** The prefix length. */
  public int prefix() {
    return prefix;
  }

  /** Returns the block as written. */
  @Override
  public String toString() {
    return text;
  }
}
