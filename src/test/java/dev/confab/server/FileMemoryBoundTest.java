package dev.confab.server;

import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.files.FileFailure;
import dev.confab.meeting.files.FileSendStatus;
import dev.confab.meeting.files.ReceivedFile;
import dev.confab.protocol.FileChunkFrame;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 100 MB file passes between two real sessions while the server holds at most one flow-control window of it:
 * measured as the bytes of ciphertext the relay held (accepted, not yet taken by the recipient's connection) and
 * the largest file lane of any connection, not as heap snapshots.
 */
@IntegrationTest
class FileMemoryBoundTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private MeetingServer server;
    private final List<MeetingSession> sessions = new ArrayList<>();

    @AfterEach
    void stop() {
        sessions.forEach(MeetingSession::close);
        if (server != null) {
            server.stop();
        }
    }

    /** What one session saw of files. */
    private static final class FileEvents implements MeetingListener {
        final AtomicReference<SessionState> state = new AtomicReference<>();
        final List<ReceivedFile> received = new CopyOnWriteArrayList<>();
        final List<FileSendStatus> progress = new CopyOnWriteArrayList<>();
        final List<FileFailure> failures = new CopyOnWriteArrayList<>();

        @Override
        public void onStateChanged(SessionState now) {
            state.set(now);
        }

        @Override
        public void onFileReceived(ReceivedFile file) {
            received.add(file);
        }

        @Override
        public void onFileSendProgress(FileSendStatus status) {
            progress.add(status);
        }

        @Override
        public void onFileFailed(FileFailure failure) {
            failures.add(failure);
        }

        boolean sent() {
            return !progress.isEmpty() && progress.getLast().state() == FileSendStatus.State.SENT;
        }
    }

    private MeetingSession session(String name, FileEvents events) {
        MeetingSession session = new MeetingSession(SessionOptions.of(server.url(), name, ServerTrust.systemOnly()), events);
        sessions.add(session);
        return session;
    }

    @Test
    void theServerHoldsOneWindowWhileAHundredMegabytesPass() throws Exception {
        server = TestServers.start(TestServers.loopback());
        Path file = dir.resolve("disk image.bin");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1024 * 1024];
        Random random = new Random(100);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 99; i++) { // 99 MiB: under the 100 MiB limit with the chunks' tags
                random.nextBytes(block);
                out.write(block);
                sha.update(block);
            }
        }
        String expected = HexFormat.of().formatHex(sha.digest());

        FileEvents adaEvents = new FileEvents();
        FileEvents graceEvents = new FileEvents();
        MeetingSession ada = session("Ada", adaEvents);
        ada.createMeeting(null);
        await().atMost(WAIT).until(() -> adaEvents.state.get() instanceof SessionState.InMeeting);
        MeetingSession grace = session("Grace", graceEvents);
        grace.join(ada.roster().meetingId(), null);
        await().atMost(WAIT).until(() -> ada.roster().participants().size() == 2);

        long started = System.nanoTime();
        ada.sendFile(file, List.of());
        await().atMost(Duration.ofSeconds(120)).until(() -> !graceEvents.received.isEmpty()
                || !graceEvents.failures.isEmpty() || !adaEvents.failures.isEmpty());
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(adaEvents.failures).isEmpty();
        assertThat(graceEvents.failures).isEmpty();
        ReceivedFile received = graceEvents.received.getFirst();
        assertThat(received.size()).isEqualTo(99L * 1024 * 1024);
        assertThat(received.sha256()).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(received.content())))
                .isEqualTo(expected);
        await().atMost(WAIT).until(adaEvents::sent);

        FileRelay.Stats stats = server.fileStats();
        long window = (long) FileChunkFrame.WINDOW * FileChunkFrame.MAX_FRAME_BYTES;
        assertThat(stats.relayedBytes()).as("all of it passed").isGreaterThan(99L * 1024 * 1024);
        assertThat(stats.peakHeldBytes()).as("ciphertext held at most (%d ms for the file)", millis)
                .isLessThanOrEqualTo(window);
        assertThat(stats.peakLaneBytes()).as("one connection's file lane at most").isLessThanOrEqualTo(window);
        assertThat(stats.heldBytes()).as("nothing kept afterwards").isZero();
        System.out.printf("FileMemoryBoundTest: 99 MiB in %d ms; server held at most %d bytes, lane at most %d%n",
                millis, stats.peakHeldBytes(), stats.peakLaneBytes());
    }
}
