package dev.confab.server;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The unit every per-address limit counts in (docs/security.md, "Limits"): an IPv4 address as it is, an IPv6
 * address by its /64 prefix, an IPv4-mapped IPv6 address as its IPv4 address. One home or office network is
 * normally given a whole IPv6 /64, so counting single IPv6 addresses would let one client take a fresh address
 * for every connection and walk around every limit.
 */
final class AddressGroup {

    private static final int IPV6_PREFIX_BYTES = 8;

    private AddressGroup() {
    }

    /** A stable text key, e.g. {@code 203.0.113.7} or {@code 2001:db8:1:2::/64}. */
    static String of(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            if (isIpv4Mapped(bytes)) {
                return ipv4(Arrays.copyOfRange(bytes, 12, 16));
            }
            byte[] prefix = Arrays.copyOf(bytes, 16);
            Arrays.fill(prefix, IPV6_PREFIX_BYTES, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always an IPv6 address", e);
            }
        }
        return address instanceof Inet4Address ? address.getHostAddress() : String.valueOf(address);
    }

    private static boolean isIpv4Mapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
    }

    private static String ipv4(byte[] four) {
        return (four[0] & 0xff) + "." + (four[1] & 0xff) + "." + (four[2] & 0xff) + "." + (four[3] & 0xff);
    }
}
