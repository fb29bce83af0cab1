package dev.confab.meeting.call;

import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.media.VideoFormat;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.audio.NullAudioOutput;
import dev.confab.meeting.video.VideoQualityPolicy;
import dev.confab.meeting.video.VideoSender;
import dev.confab.netem.LinkEmulator;
import dev.confab.netem.LinkSpec;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.ServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Congestion control end to end, with real encoders and a real server: the receiver's downlink narrows (the link
 * emulator between it and the server), the receiver measures the queue in its arrival times and reports what its
 * link carries, the server turns that into a target for the sender, and the sender's camera steps down to a rung
 * that fits — and back up once the link has widened again. The connection is kept throughout.
 */
@IntegrationTest
class SenderAdaptationTest {

    private static final VideoFormat CAMERA = new VideoFormat(640, 360, 15);
    private static final Duration LIMITED = Duration.ofSeconds(7);

    @RegisterExtension
    final ServersExtension servers = new ServersExtension();
    @RegisterExtension
    final CallsInMeetings calls = new CallsInMeetings();


    @Test
    void theSenderStepsDownWhileTheReceiversLinkIsNarrowAndBackUpAfterwards() throws Exception {
        URI server = servers.loopback().url();
        LinkEmulator link = LinkEmulator.inFrontOf(server, LinkSpec.parse("down 250kbit for " + LIMITED.toMillis() + "ms"),
                LinkEmulator.ScheduleStart.ON_REQUEST);
        calls.closeLater(link);
        List<SessionState> receiverStates = new CopyOnWriteArrayList<>();
        MeetingCall ada = join(server, "Ada", null, s -> { });
        MeetingCall grace = join(link.routeThrough(server), "Grace", ada.session().roster().meetingId(),
                receiverStates::add);
        VideoSender camera = ada.startVideo(new FfmpegCaptureFactory(), FfmpegCaptureFactory.SYNTHETIC_CAMERA,
                new VideoQualityPolicy(CAMERA)).sender();
        camera.setCameraOn(true);
        ada.startAudio(AudioCall.Source.microphone(new FfmpegCaptureFactory(), FfmpegCaptureFactory.syntheticTone(440)),
                new NullAudioOutput(), AudioCall.Processing.NONE, false);
        grace.startVideo(new FfmpegCaptureFactory(), null, new VideoQualityPolicy(CAMERA));
        grace.startAudio(new AudioCall.Source.None(), new NullAudioOutput(), AudioCall.Processing.NONE, true);
        int adaId = ada.session().roster().selfId();
        await().atMost(Duration.ofSeconds(15)).until(() -> grace.cameraStats(adaId) != null
                && grace.cameraStats(adaId).framesDecoded() > 20);
        assertThat(camera.stats().height()).as("a clean link: the top rung").isEqualTo(360);

        link.startSchedule();
        long limitStarted = System.nanoTime();
        await("the sender steps down").atMost(LIMITED).until(() -> camera.stats().height() < 360);
        double steppedDownAfter = (System.nanoTime() - limitStarted) / 1e9;
        await("to a rung that fits 250 kbit/s with the sound").atMost(LIMITED)
                .until(() -> camera.stats().bitrate() <= 250_000 - 48_000);
        var figures = grace.rateFigures();
        System.out.printf("stepped down %.1f s into the limit; Grace's estimate %d kbit/s, queueing %d ms%n",
                steppedDownAfter, figures.downlinkEstimateKbps(), figures.downlinkQueueingMillis());
        assertThat(figures.downlinkEstimateKbps()).as("Grace's downlink estimate, kbit/s").isBetween(100, 300);

        long limitEnds = limitStarted + LIMITED.toNanos();
        await().atMost(LIMITED.plusSeconds(5)).until(() -> System.nanoTime() >= limitEnds);
        await("back to the top rung after the limit").atMost(Duration.ofSeconds(20))
                .until(() -> camera.stats().height() == 360);
        System.out.printf("back at 360p %.1f s after the limit; %s%n", (System.nanoTime() - limitEnds) / 1e9,
                grace.rateFigures());
        assertThat(receiverStates).as("the receiver never lost its connection")
                .noneMatch(s -> s instanceof SessionState.Reconnecting);
        assertThat(link.connectionsAccepted()).isEqualTo(1);
    }

    private MeetingCall join(URI server, String name, String meetingId, java.util.function.Consumer<SessionState> states) {
        return calls.join(server, name, meetingId, new MeetingListener() {
            @Override
            public void onStateChanged(SessionState state) {
                states.accept(state);
            }
        });
    }
}
