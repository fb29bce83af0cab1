package dev.confab.meeting;

import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Someone who presses Leave while others' video is streaming to them must leave, not "drop": the others
 * see them go at once (reason LEFT), not a ghost kept for the one-minute resume grace.
 *
 * <p>Regression: the client used to send {@code leave} and close the WebSocket at once. Java-WebSocket's
 * client stops reading and tears the socket down as soon as a close it started meets incoming data, which
 * could happen before its writer thread had sent the {@code leave}; the server then saw a lost connection.
 * About one leave in twenty was lost this way with video flowing.
 */
@IntegrationTest
class LeaveWhileMediaFlowsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Far shorter than the server's resume grace (60 s): a leave taken for a dropped connection fails. */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(3);
    private static final int LEAVES = 40;

    private MeetingServer server;
    private MeetingSession host;
    private final AtomicBoolean streaming = new AtomicBoolean(true);
    private Thread camera;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.loopback());
    }

    @AfterEach
    void stop() throws InterruptedException {
        streaming.set(false);
        if (camera != null) {
            camera.join(WAIT.toMillis());
        }
        if (host != null) {
            host.close();
        }
        server.stop();
    }

    @Test
    void everyLeaveWhileVideoStreamsInIsSeenAsALeaveAtOnce() {
        Recorder hostEvents = new Recorder();
        host = new MeetingSession(SessionOptions.of(server.url(), "Ada", ServerTrust.systemOnly()), hostEvents);
        host.createMeeting(null);
        await().atMost(WAIT).until(hostEvents::inMeeting);
        String meetingId = host.roster().meetingId();
        camera = Thread.ofPlatform().daemon().name("test-camera").start(this::streamVideo);

        for (int visit = 1; visit <= LEAVES; visit++) {
            Recorder guestEvents = new Recorder();
            MeetingSession guest = new MeetingSession(SessionOptions.of(server.url(), "Lin", ServerTrust.systemOnly()),
                    guestEvents);
            guest.join(meetingId, null);
            await().atMost(WAIT).until(guestEvents::inMeeting);
            int guestId = guest.roster().selfId();
            await().atMost(WAIT).until(() -> host.roster().find(guestId).isPresent());

            guest.close();

            int attempt = visit;
            await().atMost(GONE_WITHIN).alias("visit " + attempt + ": Lin still listed after leaving")
                    .until(() -> host.roster().find(guestId).isEmpty());
            assertThat(hostEvents.departed).filteredOn(d -> d.participant().id() == guestId)
                    .extracting(Roster.Departed::reason).as("visit %d", attempt).containsExactly(DepartureReason.LEFT);
        }
    }

    /** A camera's worth of frames, sent faster than 30 fps so the guest always has data arriving. */
    private void streamVideo() {
        ByteBuffer picture = ByteBuffer.allocate(12_000);
        long sequence = 0;
        while (streaming.get()) {
            var header = new MediaFrameHeader(StreamKind.CAMERA, sequence % 30 == 0, MediaCodec.VP8, sequence,
                    System.nanoTime() / 1000);
            host.sendMedia(header, picture.duplicate());
            sequence++;
            try {
                Thread.sleep(3);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
