package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.FileChunkFrame;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.ProtocolVersion;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.StalledClient;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import dev.confab.testing.ThreePersonMeeting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's file relay on the wire (docs/protocol.md section 14), with raw clients: offers and chunks go to
 * the named recipients only, each chunk is acknowledged once every recipient's connection took it, and bad
 * offers or chunks get a clear error while the meeting carries on.
 */
@IntegrationTest
class FileRelayTest {

    private static final int SEALED = FileChunkFrame.CHUNK_BYTES + FileChunkFrame.TAG_BYTES;

    private ThreePersonMeeting meeting;
    private TestClient host;
    private TestClient first;
    private TestClient second;

    @BeforeEach
    void meetingWithThreePeople() throws Exception {
        meeting = ThreePersonMeeting.start("Alice", "Bob");
        host = meeting.host();
        first = meeting.first();
        second = meeting.second();
    }

    @AfterEach
    void stop() {
        for (TestClient client : new TestClient[]{host, first, second}) {
            client.close();
        }
        meeting.server().stop();
    }

    private static ClientMessage.FileOffer offer(int transferId, List<Integer> to, int chunks) {
        return new ClientMessage.FileOffer(transferId, to, (long) chunks * SEALED, chunks, "e2e-x25519-aesgcm-v1",
                "c2VhbGVk");
    }

    private static ByteBuffer chunk(int transferId, int index, boolean last) {
        byte[] sealed = new byte[SEALED];
        sealed[0] = (byte) index;
        return FileChunkFrame.encode(transferId, index, last, sealed);
    }

    @Test
    void aPrivateFileReachesItsRecipientOnlyAndEveryChunkIsAcknowledged() throws Exception {
        host.send(offer(7, List.of(meeting.firstId()), 3));
        ServerMessage.FileOffered offered = first.next(ServerMessage.FileOffered.class);
        assertThat(offered.from()).isEqualTo(meeting.hostId());
        assertThat(offered.transferId()).isEqualTo(7);
        assertThat(offered.to()).containsExactly(meeting.firstId());
        assertThat(offered.payload()).isEqualTo("c2VhbGVk");

        for (int i = 0; i < 3; i++) {
            host.send(chunk(7, i, i == 2));
        }
        for (int i = 0; i < 3; i++) {
            FileChunkFrame received = FileChunkFrame.of(MediaFrame.parse(first.media.poll(10, TimeUnit.SECONDS)));
            assertThat(received.senderId()).as("stamped by the server").isEqualTo(meeting.hostId());
            assertThat(received.index()).isEqualTo(i);
            assertThat(received.last()).isEqualTo(i == 2);
            assertThat(received.sealed().get(0)).isEqualTo((byte) i);
            assertThat(host.next(ServerMessage.FileAck.class).chunk()).isEqualTo(i);
        }
        assertThat(second.receivesNo(ServerMessage.FileOffered.class, 300)).isTrue();
        assertThat(second.media).as("the third person gets no byte of the file").isEmpty();
        assertThat(meeting.server().fileStats().heldBytes()).as("nothing kept once delivered").isZero();
    }

    @Test
    void aFileToEveryoneReachesEveryoneElse() throws Exception {
        host.send(offer(1, List.of(), 1));
        first.next(ServerMessage.FileOffered.class);
        second.next(ServerMessage.FileOffered.class);
        host.send(chunk(1, 0, true));
        assertThat(first.media.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(second.media.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(host.next(ServerMessage.FileAck.class).chunk()).isZero();
    }

    @Test
    void badOffersGetClearErrorsAndNothingReachesOthers() throws Exception {
        host.send(chunk(42, 0, true));
        assertThat(host.nextError().code()).as("a chunk of no transfer").isEqualTo(ErrorCode.FILE_TRANSFER_REFUSED);
        host.send(new ClientMessage.FileOffer(2, List.of(), 200L * 1024 * 1024, 13_000, "e2e", "x"));
        assertThat(host.nextError().code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
        host.send(offer(3, List.of(999), 1));
        assertThat(host.nextError().code()).isEqualTo(ErrorCode.UNKNOWN_PARTICIPANT);
        host.send(new ClientMessage.FileOffer(4, List.of(), 40_000, 1, "e2e", "x"));
        assertThat(host.nextError().code()).as("40,000 bytes do not fit 1 chunk")
                .isEqualTo(ErrorCode.INVALID_MESSAGE);
        host.send("{\"type\":\"file_offer\",\"transferId\":0,\"size\":10,\"chunks\":1,\"enc\":\"e\",\"payload\":\"p\"}");
        assertThat(host.nextError().code()).isEqualTo(ErrorCode.INVALID_MESSAGE);

        host.send(offer(5, List.of(), 2));
        host.send(offer(6, List.of(), 2));
        ServerMessage.ErrorMessage busy = host.nextError();
        assertThat(busy.code()).isEqualTo(ErrorCode.FILE_TRANSFER_REFUSED);
        assertThat(busy.requestType()).isEqualTo("file_offer");
        assertThat(first.next(ServerMessage.FileOffered.class).transferId()).isEqualTo(5);
        assertThat(first.receivesNo(ServerMessage.FileOffered.class, 300)).isTrue();

        // Everyone else's meeting carries on.
        first.send(new ClientMessage.Chat(List.of(), "e2e", "still here"));
        assertThat(second.next(ServerMessage.ChatMessage.class).payload()).isEqualTo("still here");
    }

    @Test
    void aChunkOutOfOrderCancelsTheTransferForItsRecipients() throws Exception {
        host.send(offer(9, List.of(), 3));
        first.next(ServerMessage.FileOffered.class);
        second.next(ServerMessage.FileOffered.class);
        host.send(chunk(9, 0, false));
        host.send(chunk(9, 2, true));
        ServerMessage.ErrorMessage refused = host.nextError();
        assertThat(refused.code()).isEqualTo(ErrorCode.FILE_TRANSFER_REFUSED);
        assertThat(refused.requestType()).isEqualTo("file_chunk");
        for (TestClient recipient : List.of(first, second)) {
            ServerMessage.FileCancelled cancelled = recipient.next(ServerMessage.FileCancelled.class);
            assertThat(cancelled.from()).isEqualTo(meeting.hostId());
            assertThat(cancelled.transferId()).isEqualTo(9);
        }
    }

    @Test
    void aSenderLeavingCancelsItsTransfer() throws Exception {
        host.send(offer(3, List.of(meeting.firstId()), 4));
        first.next(ServerMessage.FileOffered.class);
        host.send(chunk(3, 0, false));
        host.close();
        assertThat(first.next(ServerMessage.FileCancelled.class).transferId()).isEqualTo(3);
    }

    @Test
    void aRecipientThatStopsReadingHoldsUpItsSenderNotTheServersMemory() throws Exception {
        StalledClient stalled = StalledClient.greeted(meeting.server().url());
        try {
            int stalledId = stalled.join(meeting.meetingId(), "Stalled", null).selfId();
            int chunks = 2_000; // 32 MiB: far more than the socket buffers on the way can hide
            host.send(offer(11, List.of(stalledId), chunks));
            int acknowledged = 0;
            int sent = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // A sender keeping to its window: send while fewer than WINDOW wait; stop when acks stop coming.
            while (sent < chunks && System.nanoTime() < deadline) {
                while (sent < chunks && sent - acknowledged < FileChunkFrame.WINDOW) {
                    host.send(chunk(11, sent, sent == chunks - 1));
                    sent++;
                }
                ServerMessage message = host.messages.poll(1, TimeUnit.SECONDS);
                if (message == null) {
                    break; // stalled: no more room anywhere between the server and the receiver
                }
                if (message instanceof ServerMessage.FileAck) {
                    acknowledged++;
                }
            }
            assertThat(sent).as("the stalled recipient holds the transfer up").isLessThan(chunks);
            FileRelay.Stats stats = meeting.server().fileStats();
            long window = (long) FileChunkFrame.WINDOW * FileChunkFrame.MAX_FRAME_BYTES;
            assertThat(stats.heldBytes()).as("held now").isLessThanOrEqualTo(window);
            assertThat(stats.peakHeldBytes()).as("held at most").isLessThanOrEqualTo(window);
            assertThat(stats.peakLaneBytes()).as("one connection's file lane").isLessThanOrEqualTo(window);

            stalled.release();
            host.close(); // the sender leaves: its transfer is cancelled and nothing stays behind
            await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> meeting.server().fileStats().heldBytes() == 0);
        } finally {
            stalled.release();
            stalled.close();
        }
    }

    @Test
    void aServerWithFilesOffSaysSo() throws Exception {
        MeetingServer noFiles = TestServers.start(TestServers.loopback().maxFileBytes(0));
        try {
            TestClient client = TestClient.greeted(noFiles.url());
            client.create("Host", null);
            client.send(offer(1, List.of(), 1));
            assertThat(client.nextError().code()).isEqualTo(ErrorCode.FILES_DISABLED);
            client.close();
        } finally {
            noFiles.stop();
        }
    }

    @Test
    void theWelcomeAnnouncesTheFileLimit() throws Exception {
        TestClient client = TestClient.connect(meeting.server().url());
        try {
            client.send(new ClientMessage.Hello(ProtocolVersion.CURRENT, "t"));
            ServerMessage.Welcome welcome = client.next(ServerMessage.Welcome.class);
            assertThat(welcome.limits().maxFileBytes()).isEqualTo(ServerConfig.DEFAULT_MAX_FILE_BYTES);
        } finally {
            client.close();
        }
    }
}
