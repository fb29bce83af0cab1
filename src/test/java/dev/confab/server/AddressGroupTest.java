package dev.confab.server;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class AddressGroupTest {

    @Test
    void ipv4CountsAsItself() throws Exception {
        assertThat(AddressGroup.of(InetAddress.getByName("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(AddressGroup.of(InetAddress.getByName("127.0.0.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void ipv6CountsByItsSlash64SoOneNetworkCannotTakeAFreshAddressPerConnection() throws Exception {
        String first = AddressGroup.of(InetAddress.getByName("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        String second = AddressGroup.of(InetAddress.getByName("2001:db8:1:2::1"));
        String otherNetwork = AddressGroup.of(InetAddress.getByName("2001:db8:1:3::1"));
        assertThat(first).isEqualTo("2001:db8:1:2:0:0:0:0/64").isEqualTo(second);
        assertThat(otherNetwork).isNotEqualTo(first);
    }

    @Test
    void anIpv4MappedIpv6AddressCountsAsTheIpv4Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 203, 0, 113, 7};
        assertThat(AddressGroup.of(InetAddress.getByAddress(mapped))).isEqualTo("203.0.113.7");
    }
}
