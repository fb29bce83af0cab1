package dev.confab.server;

import dev.confab.protocol.Annotation;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.ThreePersonMeeting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ShareControlsTest {

    private static final Annotation LINE = Annotation.stroke("s1", Annotation.Tool.PEN, "#FF0000", 0.005,
            List.of(0.1, 0.2, 0.5, 0.6));

    private MeetingServer server;
    private TestClient host;
    private TestClient alice;
    private TestClient bob;
    private String meetingId;
    private int hostId;
    private int aliceId;
    private int bobId;

    @BeforeEach
    void meetingWithThreePeople() throws Exception {
        ThreePersonMeeting meeting = ThreePersonMeeting.start("Alice", "Bob");
        server = meeting.server();
        meetingId = meeting.meetingId();
        host = meeting.host();
        hostId = meeting.hostId();
        alice = meeting.first();
        aliceId = meeting.firstId();
        bob = meeting.second();
        bobId = meeting.secondId();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aShareIsAnnouncedToEveryoneWithTheSharingFlag() throws Exception {
        alice.send(new ClientMessage.ShareStart(true));
        assertThat(host.next(ServerMessage.ParticipantUpdated.class).participant().sharing()).isTrue();
        for (TestClient client : List.of(host, alice, bob)) {
            ServerMessage.ShareUpdated update = client.next(ServerMessage.ShareUpdated.class);
            assertThat(update).isEqualTo(new ServerMessage.ShareUpdated(aliceId, true, true, null));
        }
    }

    @Test
    void aSecondSharerIsRefusedByDefault() throws Exception {
        alice.send(new ClientMessage.ShareStart(false));
        alice.next(ServerMessage.ShareUpdated.class);
        bob.send(new ClientMessage.ShareStart(false));
        ServerMessage.ErrorMessage error = bob.nextError();
        assertThat(error.code()).isEqualTo(ErrorCode.SHARE_IN_PROGRESS);
        assertThat(error.requestType()).isEqualTo("share_start");
        assertThat(host.receivesNo(ServerMessage.ShareUpdated.class, 300)).isFalse(); // only alice's start
        assertThat(host.receivesNo(ServerMessage.ShareUpdated.class, 300)).isTrue();
    }

    @Test
    void theHostCanAllowSeveralSharers() throws Exception {
        alice.send(new ClientMessage.ShareStart(false));
        alice.next(ServerMessage.ShareUpdated.class);
        host.send(new ClientMessage.AllowMultipleSharers(true));
        assertThat(bob.next(ServerMessage.SharePolicy.class).allowMultipleSharers()).isTrue();
        bob.send(new ClientMessage.ShareStart(false));
        assertThat(host.next(ServerMessage.ShareUpdated.class).participantId()).isEqualTo(aliceId);
        assertThat(host.next(ServerMessage.ShareUpdated.class).participantId()).isEqualTo(bobId);
    }

    @Test
    void onlyTheHostMaySetTheSharingPolicy() throws Exception {
        alice.send(new ClientMessage.AllowMultipleSharers(true));
        assertThat(alice.nextError().code()).isEqualTo(ErrorCode.NOT_HOST);
    }

    @Test
    void theHostStopsAShareTheSharerIsToldAndItsFramesStop() throws Exception {
        alice.send(new ClientMessage.ShareStart(false));
        alice.next(ServerMessage.ShareUpdated.class);
        alice.send(screenFrame(1));
        assertThat(bob.media.poll(5, TimeUnit.SECONDS)).isNotNull();

        host.send(new ClientMessage.StopShare(aliceId));
        ServerMessage.ShareUpdated stopped = alice.next(ServerMessage.ShareUpdated.class);
        assertThat(stopped).isEqualTo(new ServerMessage.ShareUpdated(aliceId, false, false, hostId));

        alice.send(screenFrame(2));
        assertThat(alice.nextError().code()).isEqualTo(ErrorCode.NOT_SHARING);
        assertThat(bob.media.poll(300, TimeUnit.MILLISECONDS)).isNull();
        // Once stopped, someone else may share.
        host.messages.clear();
        bob.send(new ClientMessage.ShareStart(false));
        assertThat(host.next(ServerMessage.ShareUpdated.class).participantId()).isEqualTo(bobId);
    }

    @Test
    void aWhiteboardIsAShareWithoutFramesUnderTheSameRulesAndItsPagesTurnOnlySealed() throws Exception {
        alice.send(new ClientMessage.ShareStart(false, true));
        assertThat(alice.next(ServerMessage.ShareUpdated.class)).isEqualTo(new ServerMessage.ShareUpdated(aliceId, true, false, null, true));
        assertThat(bob.next(ServerMessage.ShareUpdated.class).whiteboard()).isTrue();

        alice.send(screenFrame(1));
        assertThat(alice.nextError().code()).as("a whiteboard travels as annotations only").isEqualTo(ErrorCode.NOT_SHARING);
        assertThat(bob.media.poll(300, TimeUnit.MILLISECONDS)).isNull();
        bob.send(new ClientMessage.ShareStart(false, true));
        assertThat(bob.nextError().code()).as("one sharer at a time").isEqualTo(ErrorCode.SHARE_IN_PROGRESS);
        alice.send(new ClientMessage.Annotate(aliceId, Annotation.page(1)));
        ServerMessage.ErrorMessage clearPage = alice.nextError();
        assertThat(clearPage.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(clearPage.requestType()).isEqualTo("annotate");

        host.send(new ClientMessage.StopShare(aliceId));
        assertThat(alice.next(ServerMessage.ShareUpdated.class)).isEqualTo(new ServerMessage.ShareUpdated(aliceId, false, false, hostId));
    }

    @Test
    void aNonHostCannotStopSomeoneElsesShare() throws Exception {
        alice.send(new ClientMessage.ShareStart(false));
        alice.next(ServerMessage.ShareUpdated.class);
        bob.send(new ClientMessage.StopShare(aliceId));
        assertThat(bob.nextError().code()).isEqualTo(ErrorCode.NOT_HOST);
    }

    @Test
    void screenFramesFromSomeoneNotSharingAreRefused() throws Exception {
        bob.send(screenFrame(1));
        assertThat(bob.nextError().code()).isEqualTo(ErrorCode.NOT_SHARING);
        assertThat(alice.media.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void viewerAnnotationIsRefusedUnlessTheSharerAllowsIt() throws Exception {
        alice.send(new ClientMessage.ShareStart(false));
        alice.next(ServerMessage.ShareUpdated.class);
        bob.send(new ClientMessage.Annotate(aliceId, LINE));
        assertThat(bob.nextError().code()).isEqualTo(ErrorCode.ANNOTATION_NOT_ALLOWED);
        assertThat(host.receivesNo(ServerMessage.AnnotationMessage.class, 300)).isTrue();

        alice.send(new ClientMessage.ShareOptions(true));
        assertThat(bob.next(ServerMessage.ShareUpdated.class).allowViewerAnnotation()).isTrue();
        bob.send(new ClientMessage.Annotate(aliceId, LINE));
        ServerMessage.AnnotationMessage relayed = alice.next(ServerMessage.AnnotationMessage.class);
        assertThat(relayed).isEqualTo(new ServerMessage.AnnotationMessage(aliceId, bobId, LINE));
        assertThat(host.next(ServerMessage.AnnotationMessage.class).from()).isEqualTo(bobId);
    }

    @Test
    void theSharersOwnAnnotationsReachTheViewers() throws Exception {
        alice.send(new ClientMessage.ShareStart(false));
        alice.send(new ClientMessage.Annotate(aliceId, LINE));
        assertThat(bob.next(ServerMessage.AnnotationMessage.class).annotation()).isEqualTo(LINE);
    }

    @Test
    void annotationsOnAShareThatDoesNotExistAreRefused() throws Exception {
        bob.send(new ClientMessage.Annotate(aliceId, LINE));
        assertThat(bob.nextError().code()).isEqualTo(ErrorCode.NOT_SHARING);
    }

    @Test
    void oversizedOrOutOfRangeAnnotationsAreRefusedWithTheFieldNamed() throws Exception {
        alice.send(new ClientMessage.ShareStart(false));
        List<Double> tooMany = Collections.nCopies(Annotation.MAX_POINTS + 2, 0.5);
        alice.send(new ClientMessage.Annotate(aliceId, Annotation.stroke("a", Annotation.Tool.PEN, "#000000", 0.01, tooMany)));
        assertThat(alice.nextError().message()).contains("points");
        alice.send(new ClientMessage.Annotate(aliceId, Annotation.stroke("a", Annotation.Tool.PEN, "#000000", 0.01,
                List.of(0.5, 1.5))));
        assertThat(alice.nextError().message()).contains("0..1");
        alice.send(new ClientMessage.Annotate(aliceId, Annotation.stroke("a", Annotation.Tool.PEN, "red", 0.01,
                List.of(0.5, 0.5))));
        assertThat(alice.nextError().code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(bob.receivesNo(ServerMessage.AnnotationMessage.class, 300)).isTrue();
    }

    @Test
    void annotationFloodsAreRateLimited() throws Exception {
        alice.send(new ClientMessage.ShareStart(false));
        alice.next(ServerMessage.ShareUpdated.class);
        for (int i = 0; i < 3 * ShareControls.ANNOTATIONS_PER_SECOND; i++) {
            alice.send(new ClientMessage.Annotate(aliceId, Annotation.undo("x" + i)));
        }
        ServerMessage.ErrorMessage error = alice.nextError();
        assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(error.requestType()).isEqualTo("annotate");
    }

    @Test
    void aLateJoinerLearnsAboutTheShareInProgress() throws Exception {
        host.send(new ClientMessage.AllowMultipleSharers(true));
        host.next(ServerMessage.SharePolicy.class); // the policy is in force before anyone else acts
        alice.send(new ClientMessage.ShareStart(true));
        alice.next(ServerMessage.ShareUpdated.class);
        TestClient late = TestClient.greeted(server.url());
        late.join(meetingId, "Late", null);
        assertThat(late.next(ServerMessage.SharePolicy.class).allowMultipleSharers()).isTrue();
        assertThat(late.next(ServerMessage.ShareUpdated.class)).isEqualTo(new ServerMessage.ShareUpdated(aliceId, true, true, null));
    }

    @Test
    void updateStateCannotSneakPastTheOneSharerRule() throws Exception {
        alice.send(new ClientMessage.ShareStart(false));
        alice.next(ServerMessage.ShareUpdated.class);
        bob.send(new ClientMessage.UpdateState(false, false, true, false));
        ServerMessage.ParticipantUpdated update = host.next(ServerMessage.ParticipantUpdated.class);
        while (update.participant().id() != bobId) {
            update = host.next(ServerMessage.ParticipantUpdated.class);
        }
        assertThat(update.participant().sharing()).isFalse();
    }

    private static ByteBuffer screenFrame(long sequence) {
        var header = new MediaFrameHeader(StreamKind.SCREEN, true, MediaCodec.VP8, sequence, 1_700_000_000_000_000L);
        return header.encode(ByteBuffer.wrap(new byte[]{1, 2, 3}));
    }
}
