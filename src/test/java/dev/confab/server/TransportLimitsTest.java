package dev.confab.server;

import dev.confab.testing.IntegrationTest;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ProtocolCodec;
import dev.confab.protocol.ProtocolVersion;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.RawWebSocket;
import dev.confab.testing.Bystanders;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import dev.confab.testing.WsFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frame-level limits a client built from the docs can run into (docs/protocol.md §1): message sizes count
 * across fragments, and clients must mask. Each attack is made on a raw socket; a bystander in a meeting
 * must not notice ({@link Bystanders#stillServed()} after each test).
 */
@IntegrationTest
class TransportLimitsTest {

    private static final int MAX_BINARY = 128 * 1024;
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private MeetingServer server;
    private Bystanders bystanders;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.loopback().maxBinaryFrameBytes(MAX_BINARY));
        bystanders = Bystanders.seatedOn(server);
    }

    @AfterEach
    void stop() throws Exception {
        bystanders.stillServed();
        server.stop();
    }

    private RawWebSocket greetedRaw() throws Exception {
        RawWebSocket raw = RawWebSocket.upgraded(server.url());
        raw.sendText(CODEC.encode(new ClientMessage.Hello(ProtocolVersion.CURRENT, "raw")));
        assertThat(raw.readText()).contains("\"welcome\"");
        return raw;
    }

    /** Starts a message of {@code opcode} and sends continuation fragments, none final, until {@code total} bytes. */
    private static void sendUnfinishedMessage(RawWebSocket raw, int opcode, int fragmentBytes, int total) throws Exception {
        byte[] fragment = new byte[fragmentBytes];
        java.util.Arrays.fill(fragment, (byte) 'A');
        raw.write(WsFrames.masked(false, opcode, fragment));
        for (int sent = fragmentBytes; sent < total; sent += fragmentBytes) {
            raw.write(WsFrames.masked(false, WsFrames.CONTINUATION, fragment));
        }
    }

    @Test
    void aFragmentedTextMessageIsRefusedAsSoonAsItPassesTheTextLimit() throws Exception {
        try (RawWebSocket raw = greetedRaw()) {
            // Never finished: the library alone would buffer this forever (the reported heap exhaustion).
            sendUnfinishedMessage(raw, WsFrames.TEXT, 16 * 1024, ProtocolVersion.MAX_TEXT_FRAME_BYTES + 16 * 1024);
            RawWebSocket.Closed closed = raw.awaitClose();
            assertThat(closed.code()).isEqualTo(1009);
            assertThat(closed.reason()).isEqualTo("Text message over 65536 bytes");
            assertThat(closed.texts()).anySatisfy(text -> assertThat(text).contains("FRAME_TOO_LARGE"));
        }
    }

    @Test
    void aFragmentedBinaryMessageIsRefusedAsSoonAsItPassesTheBinaryLimit() throws Exception {
        try (RawWebSocket raw = greetedRaw()) {
            sendUnfinishedMessage(raw, WsFrames.BINARY, 32 * 1024, MAX_BINARY + 32 * 1024);
            RawWebSocket.Closed closed = raw.awaitClose();
            assertThat(closed.code()).isEqualTo(1009);
            assertThat(closed.reason()).isEqualTo("Binary message over " + MAX_BINARY + " bytes");
        }
    }

    @Test
    void twoUnfinishedMessagesAtOnceAreBothRefused() throws Exception {
        try (RawWebSocket first = greetedRaw(); RawWebSocket second = greetedRaw()) {
            // One fragment past each limit, like the tests above: the server closes on that fragment, so more
            // writes would race its close (seen as "Broken pipe" on a loaded machine).
            sendUnfinishedMessage(first, WsFrames.BINARY, 32 * 1024, MAX_BINARY + 32 * 1024);
            sendUnfinishedMessage(second, WsFrames.TEXT, 32 * 1024, ProtocolVersion.MAX_TEXT_FRAME_BYTES + 32 * 1024);
            assertThat(first.awaitClose().code()).isEqualTo(1009);
            assertThat(second.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    void aFragmentedMessageWithinTheLimitIsDeliveredWithPingsBetweenItsFragments() throws Exception {
        try (RawWebSocket raw = greetedRaw()) {
            byte[] ping = CODEC.encode(new ClientMessage.Ping(42L)).getBytes(StandardCharsets.UTF_8);
            int half = ping.length / 2;
            raw.write(WsFrames.masked(false, WsFrames.TEXT, java.util.Arrays.copyOfRange(ping, 0, half)));
            raw.write(WsFrames.masked(true, WsFrames.PING, new byte[]{1}));
            raw.write(WsFrames.masked(true, WsFrames.CONTINUATION, java.util.Arrays.copyOfRange(ping, half, ping.length)));
            assertThat(raw.readText()).contains("\"pong\"").contains("42");
        }
    }

    @Test
    void aSingleTextFrameOverTheLimitGetsTheDocumentedErrorAnd1009() throws Exception {
        try (RawWebSocket raw = greetedRaw()) {
            raw.write(WsFrames.masked(true, WsFrames.TEXT, new byte[ProtocolVersion.MAX_TEXT_FRAME_BYTES + 1]));
            RawWebSocket.Closed closed = raw.awaitClose();
            assertThat(closed.code()).isEqualTo(1009);
            assertThat(closed.texts()).anySatisfy(text -> assertThat(text).contains("FRAME_TOO_LARGE"));
        }
    }

    @Test
    void anUnmaskedClientFrameIsAProtocolError() throws Exception {
        try (RawWebSocket raw = RawWebSocket.upgraded(server.url())) {
            byte[] hello = CODEC.encode(new ClientMessage.Hello(ProtocolVersion.CURRENT, "unmasked")).getBytes(StandardCharsets.UTF_8);
            raw.write(WsFrames.unmasked(true, WsFrames.TEXT, hello));
            RawWebSocket.Closed closed = raw.awaitClose();
            assertThat(closed.code()).isEqualTo(1002);
            assertThat(closed.reason()).contains("masked");
            assertThat(closed.texts()).noneSatisfy(text -> assertThat(text).contains("welcome"));
        }
    }

    @Test
    void anUnmaskedFrameAfterMaskedOnesClosesAGreetedConnection() throws Exception {
        try (RawWebSocket raw = greetedRaw()) {
            raw.write(WsFrames.unmasked(true, WsFrames.PING, new byte[]{7}));
            assertThat(raw.awaitClose().code()).isEqualTo(1002);
        }
    }

    @Test
    void aCloseFrameWhoseReasonIsNotUtf8ClosesTheConnectionInsteadOfDerailingIt() throws Exception {
        try (RawWebSocket raw = greetedRaw()) {
            // Java-WebSocket throws a NullPointerException on this close frame, which used to leave the
            // connection open with the rest of the read (here the ping) silently dropped.
            byte[] close = WsFrames.masked(true, WsFrames.CLOSE, new byte[]{0x03, (byte) 0xE8, (byte) 0xFF});
            byte[] ping = WsFrames.masked(true, WsFrames.PING, new byte[]{1});
            byte[] both = java.util.Arrays.copyOf(close, close.length + ping.length);
            System.arraycopy(ping, 0, both, close.length, ping.length);
            raw.write(both);
            RawWebSocket.Closed closed = raw.awaitClose();
            assertThat(closed.code()).isEqualTo(1002);
            assertThat(closed.reason()).isEqualTo("Malformed frame");
        }
    }
}
