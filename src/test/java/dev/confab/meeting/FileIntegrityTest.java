package dev.confab.meeting;

import dev.confab.meeting.chat.ChatCrypto;
import dev.confab.meeting.chat.ChatKeyPair;
import dev.confab.meeting.chat.ChatWire;
import dev.confab.meeting.files.FileCipher;
import dev.confab.meeting.files.FileFailure;
import dev.confab.meeting.files.FileManifest;
import dev.confab.meeting.files.ReceivedFile;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.FileChunkFrame;
import dev.confab.protocol.ServerMessage;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real session receives files from a raw client that seals them exactly as docs/security.md section 10 says,
 * then breaks them on purpose: a changed chunk, a cut-short transfer, a file whose hash is not the announced one.
 * Each is reported and none is handed up to be saved; an intact one is.
 */
@IntegrationTest
class FileIntegrityTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private MeetingServer server;
    private MeetingSession grace;
    private final List<ReceivedFile> received = new CopyOnWriteArrayList<>();
    private final List<FileFailure> failures = new CopyOnWriteArrayList<>();
    private TestClient mallory;
    private ChatCrypto malloryCrypto;
    private int graceId;
    private String graceKey;

    @BeforeEach
    void meeting() throws Exception {
        server = TestServers.start(TestServers.loopback());
        Recorder events = new Recorder() {
            @Override
            public void onFileReceived(ReceivedFile file) {
                received.add(file);
            }

            @Override
            public void onFileFailed(FileFailure failure) {
                failures.add(failure);
            }
        };
        grace = new MeetingSession(SessionOptions.of(server.url(), "Grace", ServerTrust.systemOnly()), events);
        grace.createMeeting(null);
        await().atMost(WAIT).until(events::inMeeting);
        ChatKeyPair keys = ChatKeyPair.generate();
        mallory = TestClient.greeted(server.url());
        mallory.send(new ClientMessage.Join(grace.roster().meetingId(), "Mallory", null, keys.publicKeyBase64()));
        ServerMessage.Joined joined = mallory.next(ServerMessage.Joined.class);
        malloryCrypto = new ChatCrypto(joined.meetingId(), joined.selfId(), keys);
        graceId = grace.roster().selfId();
        graceKey = joined.roster().stream().filter(p -> p.id() == graceId).findFirst().orElseThrow().chatKey();
        await().atMost(WAIT).until(() -> grace.roster().participants().size() == 2);
    }

    @AfterEach
    void stop() {
        grace.close();
        mallory.close();
        server.stop();
    }

    /** Offers {@code content} as transfer {@code id}, announcing {@code announcedSha}, and returns the cipher. */
    private FileCipher offer(int id, byte[] content, String announcedSha) {
        byte[] key = new byte[FileCipher.KEY_BYTES];
        new Random(id).nextBytes(key);
        var manifest = new FileManifest(FileManifest.KIND, id, "figures.xlsx", "application/octet-stream",
                content.length, announcedSha, Base64.getEncoder().encodeToString(key));
        String payload = ChatWire.encode(malloryCrypto.encrypt(manifest.toJson(), Map.of(graceId, graceKey), true));
        mallory.send(new ClientMessage.FileOffer(id, List.of(graceId), FileManifest.sealedSize(content.length),
                manifest.chunks(), ChatWire.ENC, payload));
        return new FileCipher(key, id);
    }

    /** Sends chunks {@code from} to {@code to} (exclusive), sealed; {@code tamper} may change each. */
    private void chunks(FileCipher cipher, int id, byte[] content, int from, int to, int tamperWith) throws Exception {
        int chunks = FileManifest.chunksFor(content.length);
        for (int i = from; i < to; i++) {
            int start = i * FileChunkFrame.CHUNK_BYTES;
            byte[] plain = Arrays.copyOfRange(content, start, Math.min(content.length, start + FileChunkFrame.CHUNK_BYTES));
            byte[] sealed = cipher.seal(i, i == chunks - 1, plain, plain.length);
            if (i == tamperWith) {
                sealed[sealed.length / 2] ^= 1;
            }
            mallory.send(FileChunkFrame.encode(id, i, i == chunks - 1, sealed));
            mallory.next(ServerMessage.FileAck.class);
        }
    }

    /** Waits for Grace's report of the broken file and checks that nothing was handed up to be saved. */
    private FileFailure reportedAndNotKept() {
        await().atMost(WAIT).until(() -> !failures.isEmpty());
        assertThat(received).as("a broken file is never handed up").isEmpty();
        return failures.getFirst();
    }

    private static byte[] content(int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return content;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void anIntactFileArrivesWithItsHash() throws Exception {
        byte[] content = content(50_000);
        FileCipher cipher = offer(1, content, sha256(content));
        chunks(cipher, 1, content, 0, 4, -1);
        await().atMost(WAIT).until(() -> !received.isEmpty());
        assertThat(received.getFirst().content()).isEqualTo(content);
        assertThat(received.getFirst().sha256()).isEqualTo(sha256(content));
        assertThat(received.getFirst().fromName()).isEqualTo("Mallory");
        assertThat(received.getFirst().direct()).isTrue();
        assertThat(failures).isEmpty();
    }

    @Test
    void aChangedChunkIsReportedAndTheFileNeverHandedUp() throws Exception {
        byte[] content = content(50_000);
        FileCipher cipher = offer(2, content, sha256(content));
        chunks(cipher, 2, content, 0, 4, 1);
        FileFailure failure = reportedAndNotKept();
        assertThat(failure.kind()).isEqualTo(FileFailure.Kind.CORRUPTED);
        assertThat(failure.name()).isEqualTo("figures.xlsx");
        assertThat(failure.peer()).isEqualTo("Mallory");
    }

    @Test
    void aTransferCutShortIsReportedAsIncomplete() throws Exception {
        byte[] content = content(50_000);
        FileCipher cipher = offer(3, content, sha256(content));
        chunks(cipher, 3, content, 0, 2, -1);
        mallory.send(new ClientMessage.FileCancel(3));
        assertThat(reportedAndNotKept().kind()).isEqualTo(FileFailure.Kind.INCOMPLETE);
    }

    @Test
    void aSenderLeavingMidwayLeavesNothingBehind() throws Exception {
        byte[] content = content(50_000);
        FileCipher cipher = offer(4, content, sha256(content));
        chunks(cipher, 4, content, 0, 1, -1);
        mallory.close();
        assertThat(reportedAndNotKept().kind()).isEqualTo(FileFailure.Kind.INCOMPLETE);
    }

    @Test
    void aFileWhoseHashIsNotTheAnnouncedOneIsReportedAsCorrupted() throws Exception {
        byte[] content = content(20_000);
        FileCipher cipher = offer(5, content, sha256(new byte[]{1, 2, 3}));
        chunks(cipher, 5, content, 0, 2, -1);
        FileFailure failure = reportedAndNotKept();
        assertThat(failure.kind()).isEqualTo(FileFailure.Kind.CORRUPTED);
        assertThat(failure.detail()).contains("SHA-256");
    }
}
