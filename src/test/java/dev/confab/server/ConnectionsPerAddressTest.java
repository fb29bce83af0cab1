package dev.confab.server;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static dev.confab.server.ConnectionsPerAddress.Admission.ADMITTED;
import static dev.confab.server.ConnectionsPerAddress.Admission.OVER_LIMIT;
import static dev.confab.server.ConnectionsPerAddress.Admission.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class ConnectionsPerAddressTest {

    @Test
    void admitsUpToTheLimitThenLetsAFewThroughToBeToldThenRefuses() throws Exception {
        ConnectionsPerAddress counts = new ConnectionsPerAddress(2);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");

        assertThat(counts.admit(a)).isEqualTo(ADMITTED);
        assertThat(counts.admit(a)).isEqualTo(ADMITTED);
        for (int i = 0; i < ConnectionsPerAddress.REFUSAL_SLOTS; i++) {
            assertThat(counts.admit(a)).isEqualTo(OVER_LIMIT);
        }
        assertThat(counts.admit(a)).isEqualTo(REFUSED);
        assertThat(counts.openFrom(a)).isEqualTo(2 + ConnectionsPerAddress.REFUSAL_SLOTS);
        assertThat(counts.admit(b)).as("another address").isEqualTo(ADMITTED);

        for (int i = 0; i < 2 + ConnectionsPerAddress.REFUSAL_SLOTS; i++) {
            counts.release(a);
        }
        assertThat(counts.openFrom(a)).isZero();
        assertThat(counts.admit(a)).isEqualTo(ADMITTED);
    }

    @Test
    void addressesOfOneIpv6Slash64ShareOneCount() throws Exception {
        ConnectionsPerAddress counts = new ConnectionsPerAddress(2);
        assertThat(counts.admit(InetAddress.getByName("2001:db8:5:6::1"))).isEqualTo(ADMITTED);
        assertThat(counts.admit(InetAddress.getByName("2001:db8:5:6::2"))).isEqualTo(ADMITTED);
        assertThat(counts.admit(InetAddress.getByName("2001:db8:5:6:ffff::3"))).as("same /64").isEqualTo(OVER_LIMIT);
        assertThat(counts.admit(InetAddress.getByName("2001:db8:5:7::1"))).as("next /64").isEqualTo(ADMITTED);
    }
}
