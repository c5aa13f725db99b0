package dev.arbiter.policy.value;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address block, as written in {@code IpAddress} and {@code NotIpAddress} condition
 * values: {@code 203.0.113.0/24}, {@code 2001:db8::/32}, or a bare address (a block of one).
 *
 * <p>Addresses are parsed as literals with Guava's {@link InetAddresses#forString}, which never
 * consults DNS; an IPv6 zone ({@code %eth0}) is refused before Guava could look up a network
 * interface, and so is any character outside ASCII. Guava reads IPv4 octets without leading zeros
 * only ({@code 010.1.2.3} is not an address) and an IPv4-mapped IPv6 address as the IPv4 address
 * ({@code ::ffff:10.0.0.0/104} has a prefix longer than 32, so it is not a block). Host bits beyond
 * the prefix are ignored ({@code 203.0.113.77/24} is {@code 203.0.113.0/24}), and an IPv4 address
 * is never inside an IPv6 block or the other way round (docs/semantics.md §6.4.2).
 */
public final class Cidr {
  /** Longest address text read: the longest IPv6 literal is 45 characters. */
  private static final int MAX_ADDRESS_LENGTH = 64;

  /** The 4 or 16 address bytes as written, host bits included. */
  private final byte[] address;

  /** The address with the host bits cleared. */
  private final byte[] network;

  private final int prefix;
  private final String text;

  private Cidr(byte[] address, int prefix, String text) {
    this.address = address;
    this.network = mask(address, prefix);
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
    return new Cidr(address, prefix, text);
  }

  /**
   * The bytes of the address literal {@code text} (4 for IPv4, 16 for IPv6), or null if it is not
   * one. Never a DNS lookup; an IPv6 address with a zone ({@code %eth0}) is not one.
   */
  public static byte @Nullable [] address(String text) {
    // A '%' starts an IPv6 zone (fe80::1%eth0): not an IAM value, and Guava would look the
    // interface up on this machine, and throw if there is none.
    if (text.isEmpty()
        || text.length() > MAX_ADDRESS_LENGTH
        || text.indexOf('%') >= 0
        || !isAscii(text)
        || !InetAddresses.isInetAddress(text)) {
      return null;
    }
    try {
      return InetAddresses.forString(text).getAddress();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Guava reads any Unicode decimal digit ({@code １.2.3.4}); an IAM address is ASCII. */
  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code address} (as returned by {@link #address}) lies inside this block. */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    for (int i = 0; i < network.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      if ((byte) (address[i] & (0xFF << (8 - keep))) != network[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether this block lies wholly inside {@code other}. */
  public boolean within(Cidr other) {
    return other.prefix <= prefix && other.contains(network);
  }

  /** The prefix length. */
  public int prefix() {
    return prefix;
  }

  /** Whether the block is IPv4 (else IPv6). */
  public boolean isIpv4() {
    return address.length == 4;
  }

  /** Whether any bit after the prefix is set, as in {@code 10.0.0.1/8}. */
  public boolean hasHostBits() {
    return !Arrays.equals(address, network);
  }

  /** The block with its host bits cleared, written back as {@code network/prefix}. */
  public String network() {
    try {
      return InetAddresses.toAddrString(InetAddress.getByAddress(network)) + "/" + prefix;
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are an address", e);
    }
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
    }
    return out;
  }

  /** Returns the block as written. */
  @Override
  public String toString() {
    return text;
  }
}
