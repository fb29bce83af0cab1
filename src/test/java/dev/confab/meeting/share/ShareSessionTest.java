package dev.confab.meeting.share;

import dev.confab.meeting.AnnotationReceived;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.ShareAnnotation;
import dev.confab.meeting.ShareUpdate;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two real sessions over a loopback server: sharing requests and annotation round trips. */
@IntegrationTest
class ShareSessionTest {

    private MeetingServer server;
    private MeetingSession alice;
    private MeetingSession bob;
    private final Peer aliceSide = new Peer();
    private final Peer bobSide = new Peer();

    /** Applies share updates and annotations to an AnnotationModel, as the UI does. */
    private static final class Peer implements MeetingListener {
        volatile AnnotationModel model;
        final List<ShareUpdate> updates = new CopyOnWriteArrayList<>();
        final List<Refusal> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onShareUpdated(ShareUpdate update) {
            updates.add(update);
            model = update.sharing() ? (model != null && model.sharerId() == update.participantId() ? model
                    : new AnnotationModel(update.participantId())) : null;
        }

        @Override
        public void onAnnotation(AnnotationReceived message) {
            AnnotationModel current = model;
            if (current != null && current.sharerId() == message.sharerId()) {
                current.apply(message.authorId(), message.annotation());
            }
        }

        @Override
        public void onRequestFailed(Refusal refusal, String detail, String requestType) {
            errors.add(refusal);
        }
    }

    @BeforeEach
    void twoParticipants() throws Exception {
        server = TestServers.start(TestServers.loopback());
        alice = new MeetingSession(SessionOptions.of(server.url(), "Alice", ServerTrust.systemOnly()), aliceSide);
        alice.createMeeting(null);
        await().until(() -> alice.state() instanceof SessionState.InMeeting);
        String meetingId = ((SessionState.InMeeting) alice.state()).meetingId();
        bob = new MeetingSession(SessionOptions.of(server.url(), "Bob", ServerTrust.systemOnly()), bobSide);
        bob.join(meetingId, null);
        await().until(() -> bob.state() instanceof SessionState.InMeeting);
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        server.stop();
    }

    @Test
    void aStrokeAppearsInTheOthersModelAtTheSameSharedCoordinatesAndUndoAndClearFollow() {
        alice.startShare(true);
        await().until(() -> bobSide.model != null && aliceSide.model != null);
        int aliceId = alice.roster().selfId();
        int bobId = bob.roster().selfId();

        ShareAnnotation stroke = ShareAnnotation.stroke("a1", ShareAnnotation.Tool.HIGHLIGHTER, "#FFEE00", 0.01,
                List.of(0.25, 0.5, 0.75, 0.5));
        aliceSide.model.apply(aliceId, stroke);
        alice.annotate(aliceId, stroke);
        await().until(() -> bobSide.model.shapes().size() == 1);
        assertThat(bobSide.model.shapes().getFirst()).isEqualTo(new AnnotationModel.Shape(aliceId, "a1", stroke));

        ShareAnnotation note = ShareAnnotation.text("b1", "#0000FF", 0.02, 0.1, 0.1, "look here");
        bobSide.model.apply(bobId, note);
        bob.annotate(aliceId, note);
        await().until(() -> aliceSide.model.shapes().size() == 2);

        bob.annotate(aliceId, ShareAnnotation.undo("b1"));
        bobSide.model.apply(bobId, ShareAnnotation.undo("b1"));
        await().until(() -> aliceSide.model.shapes().size() == 1);
        assertThat(aliceSide.model.shapes().getFirst().id()).isEqualTo("a1");

        alice.annotate(aliceId, ShareAnnotation.clear());
        await().until(() -> bobSide.model.shapes().isEmpty());
    }

    @Test
    void aSecondSharerIsToldTheShareIsInProgressAndTheHostCanStopTheFirst() {
        bob.startShare(false);
        await().until(() -> aliceSide.model != null);
        alice.startShare(false);
        await().until(() -> aliceSide.errors.contains(Refusal.SHARE_IN_PROGRESS));

        alice.stopShareOf(bob.roster().selfId()); // alice created the meeting: host
        await().atMost(Duration.ofSeconds(5)).until(() -> bobSide.updates.stream()
                .anyMatch(u -> !u.sharing() && u.stoppedBy() != null && u.stoppedBy() == alice.roster().selfId()));
        await().until(() -> bob.roster().find(bob.roster().selfId()).map(p -> !p.sharing()).orElse(false));
    }
}
