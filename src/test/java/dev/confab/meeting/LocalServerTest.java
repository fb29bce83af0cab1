package dev.confab.meeting;

import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
public class LocalServerTest {
    @TempDir
    Path dir;

    @Test
    void startsOnlyWhenAskedOnceAndStopsOnClose() throws Exception {
        LocalServer local = new LocalServer(dir, false);
        assertThat(local.running()).as("nothing listens before a meeting is asked for").isEmpty();

        LocalServer.Running first = local.start(LocalServer.Reach.THIS_COMPUTER).get(30, TimeUnit.SECONDS);
        LocalServer.Running second = local.start(LocalServer.Reach.THIS_COMPUTER).get(30, TimeUnit.SECONDS);
        assertThat(second).as("one server per app").isSameAs(first);
        assertThat(local.running()).containsSame(first);
        assertThat(accepts(first.port())).isTrue();

        local.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(first.port()));
        assertThatThrownBy(() -> local.start(LocalServer.Reach.THIS_COMPUTER).get()).isInstanceOf(ExecutionException.class);
    }

    /** Issue #16: without allowThisComputerHosting no built-in server listens for others, whatever is asked. */
    @Test
    void whenHostingForOthersIsNotAllowedEvenANetworkStartListensOnLoopbackOnly() throws Exception {
        try (LocalServer local = new LocalServer(dir, () -> false)) {
            LocalServer.Running server = local.start(LocalServer.Reach.NETWORK).get(30, TimeUnit.SECONDS);

            assertLoopbackOnly(server);
        }
    }

    /** The demo asks for this computer only: loopback even where hosting for others is allowed. */
    @Test
    void aThisComputerStartIsLoopbackOnlyEvenWhenHostingIsAllowed() throws Exception {
        try (LocalServer local = new LocalServer(dir, () -> true)) {
            assertLoopbackOnly(local.start(LocalServer.Reach.THIS_COMPUTER).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void hostingForOthersWhenAllowedListensOnTheNetworkAndAskingAgainForThisComputerRestartsOnLoopback()
            throws Exception {
        try (LocalServer local = new LocalServer(dir, () -> true)) {
            LocalServer.Running hosting = local.start(LocalServer.Reach.NETWORK).get(30, TimeUnit.SECONDS);
            assertThat(hosting.reachableFromNetwork()).isTrue();
            lanAddress().ifPresent(lan -> assertThat(accepts(lan, hosting.port())).isTrue());

            LocalServer.Running demo = local.start(LocalServer.Reach.THIS_COMPUTER).get(30, TimeUnit.SECONDS);

            assertThat(demo).isNotSameAs(hosting);
            assertLoopbackOnly(demo);
            await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(InetAddress.getLoopbackAddress(), hosting.port()));
        }
    }

    /** Leave: the server stops with its meeting, and a later meeting starts a new one. */
    @Test
    void theServerStopsWhenItsMeetingEndsButNotForAnotherServersMeeting() throws Exception {
        try (LocalServer local = new LocalServer(dir, () -> false)) {
            LocalServer.Running first = local.start(LocalServer.Reach.THIS_COMPUTER).get(30, TimeUnit.SECONDS);

            assertThat(local.stopIfServing(java.net.URI.create("wss://meet.example.org"))).isFalse();
            assertThat(accepts(InetAddress.getLoopbackAddress(), first.port())).isTrue();
            assertThat(local.stopIfServing(first.localUrl())).isTrue();

            assertThat(local.running()).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(InetAddress.getLoopbackAddress(), first.port()));
            LocalServer.Running next = local.start(LocalServer.Reach.THIS_COMPUTER).get(30, TimeUnit.SECONDS);
            assertThat(next.port()).isNotEqualTo(first.port());
            assertThat(local.stopIfServing(first.localUrl())).as("the old meeting's URL").isFalse();
            assertThat(local.running()).containsSame(next);
        }
    }

    /** Listens on 127.0.0.1, offers no LAN address to invite with, and a LAN address of this computer refuses. */
    public static void assertLoopbackOnly(LocalServer.Running server) {
        assertThat(server.reachableFromNetwork()).isFalse();
        assertThat(server.networkUrls()).isEmpty();
        assertThat(server.localUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(accepts(InetAddress.getLoopbackAddress(), server.port())).isTrue();
        Optional<InetAddress> lan = lanAddress();
        lan.ifPresent(address -> assertThat(accepts(address, server.port()))
                .as("not reachable at " + address.getHostAddress()).isFalse());
    }

    /** A non-loopback IPv4 address of this computer, if it has one (CI containers usually do). */
    public static Optional<InetAddress> lanAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return Optional.of(address);
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean accepts(int port) {
        return accepts(InetAddress.getLoopbackAddress(), port);
    }

    public static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
