package dev.confab.server;

import dev.confab.testing.IntegrationTest;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ProtocolCodec;
import dev.confab.protocol.ProtocolVersion;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.FrameFuzzer;
import dev.confab.testing.RawWebSocket;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import dev.confab.testing.WsFrames;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fuzzes the server's WebSocket frame handling over raw sockets with seeded hostile traffic
 * ({@link FrameFuzzer}). Checked after every case: a well-framed sequence is answered (our trailing ping gets
 * its pong, or the server closes with a documented code) instead of hanging, and no exception escaped the
 * library's frame decoder (which would leave the connection in an unknown state). Checked every few cases and at
 * the end: a well-behaved client still joins the meeting and chats; at the end, every fuzz connection is
 * forgotten and the heap has not grown. Each seed is printed; rerun one with {@code -Dconfab.fuzz.seed=N}.
 * Bounded: at most {@link #CASES_PER_SEED} cases per seed and {@link #BUDGET} in all.
 */
@IntegrationTest
class FrameFuzzTest {

    private static final long[] SEEDS = {20261205L, 6455L, 1009L};
    private static final int CASES_PER_SEED = 150;
    private static final Duration BUDGET = Duration.ofSeconds(45);
    private static final int MAX_BINARY = 64 * 1024;
    private static final long MAX_HEAP_GROWTH_BYTES = 64L * 1024 * 1024;
    /**
     * Codes a server may close a fuzzed connection with (docs/protocol.md 8.1), plus 4000, which the fuzzer's
     * own close frames use and the server echoes; 1011 would mean a server bug.
     */
    private static final Set<Integer> DOCUMENTED_CLOSE_CODES = Set.of(-1, 1000, 1002, 1007, 1008, 1009, 4000, 4001, 4002);
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    /**
     * Java-WebSocket's worker only logs an exception that escapes decoding ("Error while reading from remote
     * connection") and carries on with the connection in an unknown state; the server must turn every such
     * case into a proper close, so none may show up here.
     */
    private final ListAppender<ILoggingEvent> escapedFromDecoder = new ListAppender<>();
    private final Logger libraryServerLog = (Logger) LoggerFactory.getLogger(WebSocketServer.class);
    /**
     * The library's frame processing catches what our message handlers throw and only logs it ("Runtime
     * exception during onWebsocketMessage"), and the server logs what its dispatcher catches as
     * event=internal_error: either means a hostile message found a bug and its sender got no proper answer.
     */
    private final ListAppender<ILoggingEvent> handlerFailures = new ListAppender<>();
    private final Logger libraryDraftLog = (Logger) LoggerFactory.getLogger(org.java_websocket.drafts.Draft_6455.class);
    private final Logger serverLog = (Logger) LoggerFactory.getLogger("confab.server");
    private MeetingServer server;
    private TestClient host;
    private String meetingId;

    @BeforeEach
    void watchTheDecoder() {
        escapedFromDecoder.start();
        libraryServerLog.addAppender(escapedFromDecoder);
        handlerFailures.start();
        libraryDraftLog.addAppender(handlerFailures);
        serverLog.addAppender(handlerFailures);
    }

    /**
     * What {@code appender} has collected so far. Server threads may still be logging: logback appends under the
     * appender's lock, so the copy is taken under it too (iterating the live list failed once).
     */
    private static List<ILoggingEvent> logged(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    private List<String> handlerFailures() {
        return logged(handlerFailures).stream()
                .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
                .filter(e -> e.getFormattedMessage().startsWith("Runtime exception")
                        || e.getFormattedMessage().contains("event=internal_error"))
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                        : ": " + e.getThrowableProxy().getClassName() + " " + e.getThrowableProxy().getMessage()))
                .toList();
    }

    @AfterEach
    void stop() {
        libraryServerLog.detachAppender(escapedFromDecoder);
        libraryDraftLog.detachAppender(handlerFailures);
        serverLog.detachAppender(handlerFailures);
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void hostileFramesNeitherHangNorBreakTheServer() throws Exception {
        server = TestServers.start(TestServers.loopback().maxBinaryFrameBytes(MAX_BINARY)
                .handshakeTimeout(Duration.ofSeconds(2)).helloTimeout(Duration.ofSeconds(2))
                .maxConnectionsPerAddress(200));
        host = TestClient.greeted(server.url());
        meetingId = host.create("Host", null).meetingId();
        long heapBefore = usedHeapAfterGc();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        String property = System.getProperty("confab.fuzz.seed");
        long[] seeds = property != null ? new long[]{Long.parseLong(property)} : SEEDS;
        int casesRun = 0;

        for (long seed : seeds) {
            System.out.println("FrameFuzzTest seed=" + seed + " (rerun: -Dconfab.fuzz.seed=" + seed + ")");
            FrameFuzzer fuzzer = new FrameFuzzer(seed, ProtocolVersion.MAX_TEXT_FRAME_BYTES, MAX_BINARY);
            for (int n = 0; n < CASES_PER_SEED && System.nanoTime() < deadline; n++, casesRun++) {
                String where = "seed " + seed + " case " + n;
                runCase(fuzzer, where);
                if (n % 25 == 24) {
                    meetingStillWorks(where);
                }
            }
        }
        System.out.println("FrameFuzzTest ran " + casesRun + " cases");
        assertThat(logged(escapedFromDecoder)).as("exceptions that escaped the frame decoder").isEmpty();
        assertThat(handlerFailures()).as("exceptions thrown while handling a hostile message").isEmpty();

        meetingStillWorks("after fuzzing");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        await("every fuzz connection forgotten").atMost(Duration.ofSeconds(15))
                .until(() -> server.connectionsFrom(loopback) == 1); // the host
        assertThat(usedHeapAfterGc() - heapBefore).as("heap growth").isLessThan(MAX_HEAP_GROWTH_BYTES);
        assertThat(casesRun).as("cases run within the budget").isGreaterThan(100);
    }

    private void runCase(FrameFuzzer fuzzer, String where) throws IOException {
        if (fuzzer.chance(0.1)) {
            byte[] request = fuzzer.badUpgradeRequest(server.url());
            try (RawWebSocket raw = RawWebSocket.tcp(server.url())) {
                raw.write(request);
            } catch (IOException closedByServer) {
                // expected for some requests; the handshake deadline covers the ones left hanging
            }
            return;
        }
        FrameFuzzer.Sequence sequence = fuzzer.sequence();
        boolean greet = fuzzer.chance(0.7);
        try (RawWebSocket raw = RawWebSocket.upgraded(server.url())) {
            if (greet) {
                raw.sendText(CODEC.encode(new ClientMessage.Hello(ProtocolVersion.CURRENT, "fuzz")));
                assertThat(raw.readText()).as(where).contains("\"welcome\"");
            }
            byte[] marker = ("end-" + where).getBytes(StandardCharsets.UTF_8);
            // One write, so that the server usually reads the sequence and the ping together: a frame that
            // derails the decoder must not silently swallow the frames after it.
            byte[] ping = WsFrames.masked(true, WsFrames.PING, marker);
            byte[] bytes = Arrays.copyOf(sequence.bytes(), sequence.bytes().length + ping.length);
            System.arraycopy(ping, 0, bytes, sequence.bytes().length, ping.length);
            try {
                raw.write(bytes);
            } catch (IOException closedWhileSending) {
                return; // the server closed on an earlier frame and the rest met a closed socket
            }
            String outcome = awaitAnswer(raw, marker, sequence.wellFramed() ? Duration.ofSeconds(5) : Duration.ofMillis(100));
            if (sequence.wellFramed()) {
                // Whatever it thinks of the frames, the server has to act on them: a pong, or closing.
                assertThat(outcome).as("%s %s: the server must answer or close", where, sequence.frames()).isNotNull();
            }
            assertThat(logged(escapedFromDecoder)).as("%s %s: exceptions that escaped the frame decoder", where, sequence.frames())
                    .isEmpty();
        }
    }

    /** "pong", "closed CODE", or null if nothing came within {@code patience}. Fails on an undocumented close code. */
    private static String awaitAnswer(RawWebSocket raw, byte[] marker, Duration patience) throws IOException {
        raw.readTimeout(patience);
        try {
            while (true) {
                RawWebSocket.Frame frame = raw.readFrame();
                if (frame.opcode() == WsFrames.PONG && Arrays.equals(frame.payload(), marker)) {
                    return "pong";
                }
                if (frame.opcode() == WsFrames.CLOSE) {
                    assertThat(DOCUMENTED_CLOSE_CODES).as("close code %d (%s)", frame.closeCode(), frame.closeReason())
                            .contains(frame.closeCode());
                    return "closed " + frame.closeCode();
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return "closed -1"; // end of stream or reset: closed without a close frame
        }
    }

    private void meetingStillWorks(String where) throws InterruptedException {
        TestClient guest = TestClient.greeted(server.url());
        try {
            guest.join(meetingId, "Guest", null);
            String payload = Base64.getEncoder().encodeToString(where.getBytes(StandardCharsets.UTF_8));
            guest.send(new ClientMessage.Chat(List.of(), "none", payload));
            ServerMessage.ChatMessage chat;
            do {
                chat = host.next(ServerMessage.ChatMessage.class);
            } while (!chat.payload().equals(payload));
        } finally {
            guest.closeBlocking();
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
