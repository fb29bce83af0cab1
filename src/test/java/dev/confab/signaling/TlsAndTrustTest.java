package dev.confab.signaling;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ServerMessage;
import dev.confab.server.MeetingServer;
import dev.confab.server.ServerConfig;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class TlsAndTrustTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    private MeetingServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private MeetingServer startTls(ServerConfig config) throws Exception {
        server = new MeetingServer(config.bindAddress("127.0.0.1").port(0));
        server.start();
        return server;
    }

    private static final class Inbox implements SignalingListener {
        final BlockingQueue<ServerMessage> messages = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(ServerMessage message) {
            messages.add(message);
        }

        @Override
        public void onClosed(int code, String reason, boolean byServer) {
        }
    }

    @Test
    void selfSignedServerIsRefusedUntilItsFingerprintIsPinnedThenWorks() throws Exception {
        startTls(new ServerConfig().dataDir(dataDir));
        assertThat(server.url().getScheme()).isEqualTo("wss");
        assertThat(server.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");

        assertThatThrownBy(() -> SignalingConnection.open(server.url(), ServerTrust.systemOnly(), new Inbox(), TIMEOUT))
                .isInstanceOfSatisfying(SignalingException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SignalingException.Kind.CERTIFICATE_UNTRUSTED);
                    assertThat(e.presentedFingerprint()).isEqualTo(server.fingerprint());
                });

        Inbox inbox = new Inbox();
        try (var connection = SignalingConnection.open(server.url(), ServerTrust.pinned(server.fingerprint()), inbox, TIMEOUT)) {
            assertThat(connection.welcome().version()).isEqualTo(1);
            connection.send(new ClientMessage.CreateMeeting("Ada", null));
            assertThat(inbox.messages.poll(5, TimeUnit.SECONDS)).isInstanceOf(ServerMessage.Joined.class);
        }
    }

    @Test
    void aDifferentCertificateThanThePinnedOneIsReportedAsChanged() throws Exception {
        startTls(new ServerConfig().dataDir(dataDir));
        String otherFingerprint = "00:".repeat(31) + "01";
        assertThatThrownBy(() -> SignalingConnection.open(server.url(), ServerTrust.pinned(otherFingerprint), new Inbox(), TIMEOUT))
                .isInstanceOfSatisfying(SignalingException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SignalingException.Kind.CERTIFICATE_CHANGED);
                    assertThat(e.presentedFingerprint()).isEqualTo(server.fingerprint());
                });
    }

    @Test
    void selfSignedIdentityIsGeneratedOnceAndKept() throws Exception {
        String first = startTls(new ServerConfig().dataDir(dataDir)).fingerprint();
        server.stop();
        String second = startTls(new ServerConfig().dataDir(dataDir)).fingerprint();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void anOrganisationKeystoreIsUsedWhenGiven(@TempDir Path otherDir) throws Exception {
        // Produce a PKCS#12 file the way an organisation would hand one over: a file plus its password.
        String generated = startTls(new ServerConfig().dataDir(otherDir)).fingerprint();
        server.stop();
        Path keystore = otherDir.resolve("server-identity.p12");
        char[] password = Files.readString(otherDir.resolve("server-identity.secret"), StandardCharsets.UTF_8).trim().toCharArray();

        startTls(new ServerConfig().tlsKeystore(keystore, password));
        assertThat(server.fingerprint()).isEqualTo(generated);
        try (var connection = SignalingConnection.open(server.url(), ServerTrust.pinned(generated), new Inbox(), TIMEOUT)) {
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void plainWebSocketIsOnlyAllowedOnLoopback() {
        var server = new MeetingServer(new ServerConfig().bindAddress("0.0.0.0").port(0).plain(true));
        assertThatThrownBy(server::start).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }

    @Test
    void nobodyListeningIsReportedAsUnreachable() throws Exception {
        int freePort;
        try (var socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        URI nowhere = URI.create("ws://127.0.0.1:" + freePort);
        assertThatThrownBy(() -> SignalingConnection.open(nowhere, ServerTrust.systemOnly(), new Inbox(), TIMEOUT))
                .isInstanceOfSatisfying(SignalingException.class,
                        e -> assertThat(e.kind()).isEqualTo(SignalingException.Kind.UNREACHABLE));
    }
}
