package dev.confab.meeting;

import dev.confab.meeting.chat.ChatKeyPair;
import dev.confab.meeting.chat.ChatWire;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ProtocolVersion;
import dev.confab.protocol.ServerMessage;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** End-to-end encrypted chat through a real loopback server, watched by a raw protocol client. */
@IntegrationTest
class ChatEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private MeetingServer server;
    private final List<MeetingSession> sessions = new ArrayList<>();
    private final List<TestClient> rawClients = new ArrayList<>();

    /** Records every text frame exactly as it came off the wire. */
    static final class WireTap extends TestClient {
        final List<String> frames = new CopyOnWriteArrayList<>();

        WireTap(URI uri) {
            super(uri);
        }

        @Override
        public void onMessage(String text) {
            frames.add(text);
            super.onMessage(text);
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.loopback());
    }

    @AfterEach
    void stop() {
        sessions.forEach(MeetingSession::close);
        rawClients.forEach(TestClient::close);
        server.stop();
    }

    private record Joined(MeetingSession session, Recorder events) {
        int id() {
            return session.roster().selfId();
        }
    }

    private Joined host(String name) {
        Recorder events = new Recorder();
        MeetingSession session = new MeetingSession(SessionOptions.of(server.url(), name, ServerTrust.systemOnly()), events);
        sessions.add(session);
        session.createMeeting(null);
        await().atMost(WAIT).until(events::inMeeting);
        return new Joined(session, events);
    }

    private Joined join(String meetingId, String name) {
        Recorder events = new Recorder();
        MeetingSession session = new MeetingSession(SessionOptions.of(server.url(), name, ServerTrust.systemOnly()), events);
        sessions.add(session);
        session.join(meetingId, null);
        await().atMost(WAIT).until(events::inMeeting);
        return new Joined(session, events);
    }

    private WireTap tap(String meetingId, String chatKey) throws InterruptedException {
        WireTap tap = new WireTap(server.url());
        rawClients.add(tap);
        if (!tap.connectBlocking(TestClient.TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("tap could not connect");
        }
        tap.send(new ClientMessage.Hello(ProtocolVersion.CURRENT, "tap"));
        tap.next(ServerMessage.Welcome.class);
        tap.send(new ClientMessage.Join(meetingId, "Eve", null, chatKey));
        tap.next(ServerMessage.Joined.class);
        return tap;
    }

    private void awaitRosterSize(int size, Joined... all) {
        for (Joined j : all) {
            await().atMost(WAIT).until(() -> j.session().roster().participants().size() == size);
        }
    }

    @Test
    void publicReachesEveryonePrivateOnlyItsRecipientAndTheServerSeesNoPlaintext() throws Exception {
        Joined ada = host("Ada");
        String meetingId = ada.session().roster().meetingId();
        Joined grace = join(meetingId, "Grace");
        Joined lin = join(meetingId, "Lin");
        WireTap eve = tap(meetingId, null);
        awaitRosterSize(4, ada, grace, lin);

        ada.session().sendChat("Hello everyone 👋 你好");
        ada.session().sendChatTo(List.of(grace.id()), "Grace, the launch code is 0451");
        await().atMost(WAIT).until(() -> grace.events().chats.size() == 2 && lin.events().chats.size() == 1);

        assertThat(grace.events().chats).extracting(ChatMessage::text)
                .containsExactly("Hello everyone 👋 你好", "Grace, the launch code is 0451");
        ChatMessage direct = grace.events().chats.get(1);
        assertThat(direct.direct()).isTrue();
        assertThat(direct.fromName()).isEqualTo("Ada");
        assertThat(direct.recipientIds()).containsExactly(grace.id());
        assertThat(lin.events().chats).extracting(ChatMessage::text).containsExactly("Hello everyone 👋 你好");
        assertThat(lin.events().chats.getFirst().direct()).isFalse();
        assertThat(ada.events().chatsSent).extracting(ChatMessage::text)
                .containsExactly("Hello everyone 👋 你好", "Grace, the launch code is 0451");

        // The raw client got the public message as ciphertext it cannot read, and never the private one.
        await().atMost(WAIT).until(() -> eve.frames.stream().anyMatch(f -> f.contains("\"chat\"")));
        assertThat(eve.receivesNo(ServerMessage.ChatMessage.class, 300)).isFalse();
        assertThat(eve.receivesNo(ServerMessage.ChatMessage.class, 500)).as("private one not delivered").isTrue();
        for (String frame : eve.frames) {
            assertThat(frame).doesNotContain("Hello", "launch code", "0451");
            if (frame.contains("\"payload\"")) {
                String payload = frame.replaceAll(".*\"payload\":\"([^\"]+)\".*", "$1");
                String envelope = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8);
                assertThat(envelope).doesNotContain("Hello", "你好", "👋", "launch");
            }
        }
        assertThat(lin.events().chatFailures).isEmpty();
        assertThat(ada.session().roster().securityCode())
                .isEqualTo(grace.session().roster().securityCode())
                .isEqualTo(lin.session().roster().securityCode());
    }

    @Test
    void tamperedOrForeignPayloadsAreReportedAndTheMeetingCarriesOn() throws Exception {
        Joined ada = host("Ada");
        String meetingId = ada.session().roster().meetingId();
        WireTap mallory = tap(meetingId, ChatKeyPair.generate().publicKeyBase64());
        awaitRosterSize(2, ada);

        String garbage = Base64.getEncoder().encodeToString("{\"messageId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        mallory.send(new ClientMessage.Chat(List.of(), ChatWire.ENC, garbage));
        mallory.send(new ClientMessage.Chat(List.of(), "none", Base64.getEncoder().encodeToString("hi".getBytes())));
        await().atMost(WAIT).until(() -> ada.events().chatFailures.size() == 2);
        assertThat(ada.events().chatFailures).extracting(ChatFailure::kind)
                .containsOnly(ChatFailure.Kind.UNDECRYPTABLE);
        assertThat(ada.events().chatFailures.getFirst().participantName()).isEqualTo("Eve");
        assertThat(ada.events().chats).isEmpty();
        assertThat(ada.events().inMeeting()).isTrue();

        Joined grace = join(meetingId, "Grace");
        grace.session().sendChat("still works");
        await().atMost(WAIT).until(() -> ada.events().chats.size() == 1);
    }

    @Test
    void badInputGetsAClearReasonAndNothingIsSent() {
        Joined ada = host("Ada");
        String meetingId = ada.session().roster().meetingId();
        Joined grace = join(meetingId, "Grace");
        awaitRosterSize(2, ada, grace);

        ada.session().sendChat("   \n ");
        ada.session().sendChat("x".repeat(ChatMessage.MAX_CHARACTERS + 1));
        await().atMost(WAIT).until(() -> ada.events().chatFailures.size() == 2);
        assertThat(ada.events().chatFailures).extracting(ChatFailure::kind)
                .containsExactly(ChatFailure.Kind.EMPTY, ChatFailure.Kind.TOO_LONG);

        ada.session().sendChat("😀".repeat(ChatMessage.MAX_CHARACTERS));
        await().atMost(WAIT).until(() -> grace.events().chats.size() == 1);
        assertThat(ChatMessage.length(grace.events().chats.getFirst().text())).isEqualTo(ChatMessage.MAX_CHARACTERS);

        int graceId = grace.id();
        grace.session().leave();
        await().atMost(WAIT).until(() -> ada.session().roster().participants().size() == 1);
        ada.session().sendChatTo(List.of(graceId), "are you there?");
        await().atMost(WAIT).until(() -> ada.events().chatFailures.size() == 3);
        ChatFailure left = ada.events().chatFailures.get(2);
        assertThat(left.kind()).isEqualTo(ChatFailure.Kind.RECIPIENT_LEFT);
        assertThat(left.participantName()).isEqualTo("Grace");
    }

    @Test
    void floodingIsRateLimitedWithAVisibleReason() {
        Joined ada = host("Ada");
        Joined grace = join(ada.session().roster().meetingId(), "Grace");
        awaitRosterSize(2, ada, grace);

        for (int i = 0; i < 20; i++) {
            ada.session().sendChat("spam " + i);
        }
        await().atMost(WAIT).until(() -> ada.events().chatFailures.stream()
                .anyMatch(f -> f.kind() == ChatFailure.Kind.RATE_LIMITED));
        await().atMost(WAIT).until(() -> !grace.events().chats.isEmpty());
        assertThat(grace.events().chats.size()).isLessThan(20);
        assertThat(ada.events().inMeeting()).isTrue();
    }

    @Test
    void theServerRejectsOversizedPayloadsAndMalformedKeys() throws Exception {
        Joined ada = host("Ada");
        String meetingId = ada.session().roster().meetingId();
        TestClient bad = TestClient.greeted(server.url());
        rawClients.add(bad);
        bad.send(new ClientMessage.Join(meetingId, "Bad", null, "bm90IDMyIGJ5dGVz"));
        ServerMessage.ErrorMessage keyError = bad.nextError();
        assertThat(keyError.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(keyError.message()).contains("chatKey");

        bad.join(meetingId, "Bad", null);
        bad.send(new ClientMessage.Chat(List.of(), ChatWire.ENC, "A".repeat(50_000)));
        ServerMessage.ErrorMessage sizeError = bad.nextError();
        assertThat(sizeError.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(sizeError.requestType()).isEqualTo("chat");
        assertThat(ada.events().chatFailures).isEmpty();
    }
}
