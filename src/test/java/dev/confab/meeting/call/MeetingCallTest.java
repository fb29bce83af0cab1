package dev.confab.meeting.call;

import dev.confab.meeting.ShareUpdate;
import dev.confab.testing.IntegrationTest;
import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.media.VideoFormat;
import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.audio.NullAudioOutput;
import dev.confab.meeting.audio.RemoteAudioStats;
import dev.confab.meeting.share.ScreenShareController;
import dev.confab.meeting.video.StreamStats;
import dev.confab.meeting.video.VideoQualityPolicy;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.StreamKind;
import dev.confab.testing.ServersExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The media engine over a real loopback server and real sessions, with the synthetic sources the bot uses: it
 * alone routes received media to the decoders, requests and rate hints to the senders, share events to the share
 * side and departures to everything, and every received frame passes its one incoming stage.
 */
@IntegrationTest
class MeetingCallTest {
    private static final VideoFormat SMALL = new VideoFormat(320, 180, 15);

    @RegisterExtension
    final ServersExtension servers = new ServersExtension();
    @RegisterExtension
    final CallsInMeetings calls = new CallsInMeetings();
    private MeetingCall ada;
    private MeetingCall bob;

    /** Ada creates a meeting on a fresh loopback server, Bob joins it. */
    @BeforeEach
    void adaAndBob() throws Exception {
        URI server = servers.loopback().url();
        ada = join(server, "Ada", null);
        bob = join(server, "Bob", meetingId(ada));
    }


    @Test
    void decodesCameraAndSoundOfAnotherCallAndPassesKeyframeRequestsOn() throws Exception {
        Keyframes adaKeyframes = new Keyframes();
        ada.addListener(adaKeyframes);
        Stages seenByBob = new Stages();
        bob.filterIncoming(seenByBob);

        sendCamera(ada);
        ada.startAudio(AudioCall.Source.microphone(new FfmpegCaptureFactory(), FfmpegCaptureFactory.syntheticTone(440)),
                new NullAudioOutput(), AudioCall.Processing.NONE, false);
        receiveVideo(bob);
        bob.startAudio(new AudioCall.Source.None(), new NullAudioOutput(), AudioCall.Processing.NONE, true);
        int adaId = ada.session().roster().selfId();

        await().atMost(ofSeconds(20)).until(() -> {
            StreamStats camera = bob.cameraStats(adaId);
            RemoteAudioStats sound = bob.audio().receiver().stats().get(adaId);
            return camera != null && camera.framesDecoded() >= 10 && sound != null && sound.played() >= 50;
        });
        assertThat(seenByBob.kinds).containsKeys(StreamKind.CAMERA, StreamKind.AUDIO);
        assertThat(bob.video().receiver().lipSync(adaId)).as("pictures follow the sound").isNotNull();

        // A keyframe request from the decoder side reaches the sender and is reported once.
        bob.requestKeyframe(adaId, StreamKind.CAMERA);
        await().atMost(ofSeconds(10)).until(() -> adaKeyframes.camera.get() > 0);
        await().atMost(ofSeconds(10)).until(() -> ada.video().sender().stats().keyframesSent() >= 2);
    }

    @Test
    void aStageThatDropsEverythingKeepsFramesFromTheDecoders() throws Exception {
        Stages seenByBob = new Stages();
        bob.filterIncoming(frame -> IncomingStage.DROP_ALL.process(seenByBob.process(frame)));
        receiveVideo(bob);
        sendCamera(ada);

        await().atMost(ofSeconds(20)).until(() -> seenByBob.kinds.getOrDefault(StreamKind.CAMERA, new AtomicLong()).get() >= 10);
        assertThat(bob.cameraStats(ada.session().roster().selfId())).isNull();
    }

    @Test
    void sharesReachTheShareSideAndItHearsWhenTheSharerLeaves() throws Exception {
        RecordingShare bobShare = new RecordingShare();
        bob.useShare(bobShare);
        ScreenShareController adaShare = ada.startScreenShare(ScreenCaptureFactory.syntheticOnly(),
                (sharer, w, h, stride, bgra, time) -> { }, new ScreenShareController.Events() { });
        int adaId = ada.session().roster().selfId();

        adaShare.start(ScreenCaptureFactory.SYNTHETIC_SCREEN, false);

        await().atMost(ofSeconds(20)).until(() -> bobShare.screenFrames.get() >= 3);
        assertThat(bobShare.events).contains("started " + adaId);
        ada.session().leave();
        await().atMost(ofSeconds(10)).until(() -> bobShare.events.contains("left " + adaId));
    }

    private MeetingCall join(URI server, String name, String meetingId) {
        return calls.join(server, name, meetingId);
    }

    private static void sendCamera(MeetingCall call) throws Exception {
        call.startVideo(new FfmpegCaptureFactory(), FfmpegCaptureFactory.SYNTHETIC_CAMERA, new VideoQualityPolicy(SMALL))
                .sender().setCameraOn(true);
    }

    private static void receiveVideo(MeetingCall call) {
        call.startVideo(new FfmpegCaptureFactory(), null, new VideoQualityPolicy(SMALL));
    }

    private static String meetingId(MeetingCall call) {
        return call.session().roster().meetingId();
    }

    /** Counts what passes the incoming stage, per stream kind, and lets it through. */
    private static final class Stages implements IncomingStage {
        final Map<StreamKind, AtomicLong> kinds = new ConcurrentHashMap<>();

        @Override
        public MediaFrame process(MediaFrame frame) {
            kinds.computeIfAbsent(frame.header().stream(), k -> new AtomicLong()).incrementAndGet();
            return frame;
        }
    }

    private static final class Keyframes implements CallListener {
        final AtomicLong camera = new AtomicLong();

        @Override
        public void keyframeRequested(StreamKind stream, int requestedBy) {
            if (stream == StreamKind.CAMERA) {
                camera.incrementAndGet();
            }
        }
    }

    /** A share side that only writes down what the call routes to it. */
    private static final class RecordingShare implements ShareMedia {
        final AtomicLong screenFrames = new AtomicLong();
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onScreenFrame(MediaFrame frame) {
            screenFrames.incrementAndGet();
        }

        @Override
        public void onShareUpdated(ShareUpdate update) {
            events.add((update.sharing() ? "started " : "stopped ") + update.participantId());
        }

        @Override
        public void onParticipantLeft(int participantId) {
            events.add("left " + participantId);
        }

        @Override
        public void close() {
        }
    }
}
