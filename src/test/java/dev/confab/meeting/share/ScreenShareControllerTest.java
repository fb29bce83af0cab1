package dev.confab.meeting.share;

import dev.confab.media.ScreenCaptureFactory;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.ShareAnnotation;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.PrivateWaylandDesktop;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two participants with controllers over a loopback server, wired by their {@link MeetingCall} as in the desktop app. */
@IntegrationTest
class ScreenShareControllerTest {

    private MeetingServer server;
    private Side ada;
    private Side bob;

    private static final class Side implements ScreenShareController.Events {
        MeetingCall call;
        MeetingSession session;
        ScreenShareController shares;
        final AtomicReference<int[]> lastPicture = new AtomicReference<>();
        final List<String> events = new CopyOnWriteArrayList<>();

        Side(MeetingServer server, String name) {
            this(server, name, ScreenCaptureFactory.syntheticOnly());
        }

        Side(MeetingServer server, String name, ScreenCaptureFactory screens) {
            call = MeetingCall.open(SessionOptions.of(server.url(), name, ServerTrust.systemOnly()));
            session = call.session();
            shares = call.startScreenShare(screens, // VP8, the preferred codec
                    (sharer, w, h, stride, bgra, time) -> lastPicture.set(new int[] {sharer, w, h}), this);
        }

        @Override
        public void shareStarted(int sharerId, boolean self, AnnotationModel annotations, boolean viewersMayAnnotate) {
            events.add("started " + sharerId + (self ? " self" : ""));
        }

        @Override
        public void shareEnded(int sharerId, boolean self, boolean stoppedByHost) {
            events.add("ended " + sharerId + (stoppedByHost ? " by host" : ""));
        }

        @Override
        public void shareFailed(Refusal refusal, String detail) {
            events.add("failed " + refusal);
        }

        @Override
        public void shareCancelled() {
            events.add("cancelled");
        }

        @Override
        public void computerSoundFailed(String detail) {
            events.add("no sound: " + detail);
        }

        int id() {
            return session.roster().selfId();
        }

        void close() {
            call.close();
            session.close();
        }
    }

    @BeforeEach
    void meeting() throws Exception {
        server = TestServers.start(TestServers.loopback());
        ada = new Side(server, "Ada");
        ada.session.createMeeting(null);
        await().until(() -> ada.session.state() instanceof SessionState.InMeeting);
        bob = new Side(server, "Bob");
        bob.session.join(((SessionState.InMeeting) ada.session.state()).meetingId(), null);
        await().until(() -> bob.session.state() instanceof SessionState.InMeeting);
    }

    @AfterEach
    void stop() {
        ada.close();
        bob.close();
        server.stop();
    }

    @Test
    void aShareIsDecodedAtFullHdAnnotatedAndEndedByTheHost() {
        bob.shares.start(ScreenCaptureFactory.SYNTHETIC_SCREEN, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> ada.lastPicture.get() != null);
        assertThat(ada.lastPicture.get()).containsExactly(bob.id(), 1920, 1080);
        assertThat(ada.events).containsExactly("started " + bob.id());
        assertThat(bob.events).containsExactly("started " + bob.id() + " self");
        assertThat(bob.shares.sendStats().width()).isEqualTo(1920);

        ada.shares.annotate(bob.id(), ShareAnnotation.stroke("1", ShareAnnotation.Tool.ARROW, "#FF0000", 0.004,
                List.of(0.9, 0.9, 0.5, 0.5)));
        await().until(() -> bob.shares.annotations(bob.id()).shapes().size() == 1);

        ada.shares.start(ScreenCaptureFactory.SYNTHETIC_SCREEN, false);
        await().until(() -> ada.events.contains("failed " + Refusal.SHARE_IN_PROGRESS));

        ada.session.stopShareOf(bob.id());
        await().until(() -> bob.events.contains("ended " + bob.id() + " by host"));
        await().until(() -> bob.shares.sendStats() == null);
        assertThat(ada.shares.annotations(bob.id())).isNull();
    }

    @Test
    void computerSoundThatCannotBeCapturedLeavesTheScreenSharedAndTellsTheUser() throws Exception {
        // Ada has no audio running: the computer sound has nowhere to go, which MeetingCall reports.
        ada.shares.start(ScreenCaptureFactory.SYNTHETIC_SCREEN, false,
                ada.call.computerSound(listener -> { throw new AssertionError("not opened without audio"); }));
        await().atMost(Duration.ofSeconds(30)).until(() -> ada.events.stream().anyMatch(e -> e.startsWith("no sound: ")));
        assertThat(ada.events).contains("no sound: Computer sound needs the meeting's audio, which is not running");
        await().atMost(Duration.ofSeconds(30)).until(() -> bob.lastPicture.get() != null);
        assertThat(ada.shares.sendStats()).as("the screen is still shared").isNotNull();
    }

    @Test
    void aShareCancelledInTheSystemDialogIsACancellationAndEndsTheShareForEveryone() throws Exception {
        try (PrivateWaylandDesktop desktop = PrivateWaylandDesktop.start()) {
            desktop.startPortalBackend(true); // the user presses Cancel in the portal's dialog
            Side cara = new Side(server, "Cara", ScreenCaptureFactory.withEnvironment(desktop.environment()));
            try {
                cara.session.join(((SessionState.InMeeting) ada.session.state()).meetingId(), null);
                await().until(() -> cara.session.state() instanceof SessionState.InMeeting);
                cara.shares.start(ScreenCaptureFactory.PORTAL_SCREEN, false);
                await().atMost(Duration.ofSeconds(20)).until(() -> cara.events.contains("cancelled"));
                assertThat(cara.events).noneMatch(e -> e.startsWith("failed"));
                await().until(() -> ada.events.contains("ended " + cara.id()));
                assertThat(cara.shares.sendStats()).isNull();
            } finally {
                cara.close();
            }
        }
    }
}
