package dev.confab.server;

import dev.confab.testing.IntegrationTest;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ProtocolCodec;
import dev.confab.protocol.ProtocolVersion;
import dev.confab.testing.RawWebSocket;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections before and around the WebSocket upgrade (docs/protocol.md §1): the handshake deadline and the
 * per-address connection limit, on raw sockets.
 */
@IntegrationTest
class ConnectionAdmissionTest {

    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private MeetingServer server;
    private InetAddress loopback;

    private void start(ServerConfig config) throws IOException {
        server = TestServers.start(config);
        loopback = InetAddress.getByName("127.0.0.1");
    }

    private <T extends AutoCloseable> T keep(T resource) {
        opened.add(resource);
        return resource;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : opened) {
            resource.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void silentSocketsAreClosedAfterTheHandshakeTimeout() throws Exception {
        start(TestServers.loopback().handshakeTimeout(Duration.ofMillis(500)));
        List<RawWebSocket> silent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            silent.add(keep(RawWebSocket.tcp(server.url())));
        }
        for (RawWebSocket socket : silent) {
            assertThat(socket.awaitEndOfStream(PROMPTLY)).as("closed by the server").isTrue();
        }
        await().atMost(PROMPTLY).until(() -> server.connectionsFrom(loopback) == 0);
    }

    @Test
    void aSilentSocketOnATlsServerIsClosedAfterTheHandshakeTimeout(@TempDir Path dataDir) throws Exception {
        start(new ServerConfig().bindAddress("127.0.0.1").port(0).dataDir(dataDir).handshakeTimeout(Duration.ofMillis(500)));
        RawWebSocket silent = keep(RawWebSocket.tcp(server.url()));
        // Not even a TLS ClientHello: the deadline covers TLS as well as the upgrade.
        assertThat(silent.awaitEndOfStream(PROMPTLY)).isTrue();
        await().atMost(PROMPTLY).until(() -> server.connectionsFrom(loopback) == 0);
    }

    @Test
    void stoppingTheServerClosesConnectionsThatNeverUpgraded() throws Exception {
        start(TestServers.loopback().handshakeTimeout(Duration.ofMinutes(5)));
        RawWebSocket silent = keep(RawWebSocket.tcp(server.url()));
        await().atMost(PROMPTLY).until(() -> server.connectionsFrom(loopback) == 1);
        server.stop();
        assertThat(silent.awaitEndOfStream(PROMPTLY)).isTrue();
    }

    @Test
    void aHalfSentUpgradeRequestIsClosedAfterTheHandshakeTimeout() throws Exception {
        start(TestServers.loopback().handshakeTimeout(Duration.ofMillis(500)));
        RawWebSocket slow = keep(RawWebSocket.tcp(server.url()));
        slow.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(slow.awaitEndOfStream(PROMPTLY)).isTrue();
    }

    @Test
    void aClientThatUpgradesInTimeIsNotAffectedByTheDeadline() throws Exception {
        start(TestServers.loopback().handshakeTimeout(Duration.ofMillis(500)).helloTimeout(Duration.ofSeconds(30)));
        RawWebSocket client = keep(RawWebSocket.upgraded(server.url()));
        // Well past the handshake deadline, the upgraded connection still works.
        assertThat(client.awaitEndOfStream(Duration.ofMillis(1500))).isFalse();
        client.sendText(CODEC.encode(new ClientMessage.Hello(ProtocolVersion.CURRENT, "raw")));
        assertThat(client.readText()).contains("\"welcome\"");
    }

    @Test
    void anOversizedUpgradeRequestIsClosedAtOnce() throws Exception {
        // A long deadline, so only the size limit can close it in time.
        start(TestServers.loopback().handshakeTimeout(Duration.ofMinutes(5)));
        RawWebSocket endless = keep(RawWebSocket.tcp(server.url()));
        StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        while (request.length() <= ServerDraft.MAX_HANDSHAKE_BYTES + 1024) {
            request.append("X-Padding: ").append("p".repeat(100)).append("\r\n");
        }
        endless.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(endless.awaitEndOfStream(PROMPTLY)).isTrue();
    }

    @Test
    void connectionsOverTheLimitAreToldWhyThenDroppedAtAccept() throws Exception {
        start(TestServers.loopback().maxConnectionsPerAddress(3).handshakeTimeout(Duration.ofMinutes(5)));
        for (int i = 0; i < 3; i++) {
            TestClient.greeted(server.url()).closeBlocking();
        }
        // The three closed again: their places are free.
        await().atMost(PROMPTLY).until(() -> server.connectionsFrom(loopback) == 0);
        for (int i = 0; i < 3; i++) {
            TestClient client = TestClient.greeted(server.url());
            keep(client::close);
        }

        RawWebSocket fourth = keep(RawWebSocket.upgraded(server.url()));
        RawWebSocket.Closed refused = fourth.awaitClose();
        assertThat(refused.code()).isEqualTo(1013);
        assertThat(refused.reason()).isEqualTo("Too many connections from your address (limit 3)");

        // Silent sockets over the limit take the few refusal slots, then the next one is dropped at accept.
        await().atMost(PROMPTLY).until(() -> server.connectionsFrom(loopback) == 3);
        for (int i = 0; i < ConnectionsPerAddress.REFUSAL_SLOTS; i++) {
            keep(RawWebSocket.tcp(server.url()));
        }
        await().atMost(PROMPTLY).until(() -> server.connectionsFrom(loopback) == 3 + ConnectionsPerAddress.REFUSAL_SLOTS);
        RawWebSocket dropped = keep(RawWebSocket.tcp(server.url()));
        assertThat(dropped.awaitEndOfStream(PROMPTLY)).isTrue();
        assertThat(server.connectionsFrom(loopback)).isEqualTo(3 + ConnectionsPerAddress.REFUSAL_SLOTS);
    }

    @Test
    void anotherAddressIsNotAffectedByOneAtItsLimit() throws Exception {
        start(TestServers.loopback().maxConnectionsPerAddress(2).handshakeTimeout(Duration.ofMinutes(5)));
        InetAddress other = InetAddress.getByName("127.0.0.2");
        RawWebSocket probe;
        try {
            probe = RawWebSocket.tcp(server.url(), other);
        } catch (IOException e) {
            assumeThat(e).as("this OS routes 127.0.0.2 to loopback").isNull();
            return;
        }
        probe.close();
        for (int i = 0; i < 2 + ConnectionsPerAddress.REFUSAL_SLOTS; i++) {
            keep(RawWebSocket.tcp(server.url()));
        }
        await().atMost(PROMPTLY).until(() -> server.connectionsFrom(loopback) == 2 + ConnectionsPerAddress.REFUSAL_SLOTS);

        RawWebSocket neighbour = keep(RawWebSocket.upgraded(server.url(), other));
        neighbour.sendText(CODEC.encode(new ClientMessage.Hello(ProtocolVersion.CURRENT, "neighbour")));
        assertThat(neighbour.readText()).contains("\"welcome\"");
    }
}
