package dev.confab.meeting.call;

import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.media.VideoFormat;
import dev.confab.meeting.video.StreamStats;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Simulcast end to end with real encoders, a real server and a real narrow link: in a meeting of three, Ada's
 * camera goes out in two layers; Grace, on a clean link, keeps the big one, while Linus, behind 250 kbit/s, is
 * switched by the server to the small one — and Ada does not lower her picture for Grace because of Linus.
 */
@IntegrationTest
class SimulcastTest {

    /** Its ladder: 960×540, 640×360 (a meeting of three starts here), 480×270, 320×180 (the small layer). */
    private static final VideoFormat CAMERA = new VideoFormat(960, 540, 15);

    @RegisterExtension
    final ServersExtension servers = new ServersExtension();
    @RegisterExtension
    final CallsInMeetings calls = new CallsInMeetings();


    @Test
    void eachReceiverGetsTheLayerItsLinkCarriesAndNobodyElseSuffersForIt() throws Exception {
        URI server = servers.loopback().url();
        LinkEmulator link = LinkEmulator.inFrontOf(server, LinkSpec.parse("down 250kbit"), LinkEmulator.ScheduleStart.FIRST_CONNECTION);
        calls.closeLater(link);
        Three three = adaSendsToGraceAndLinus(server, link.routeThrough(server));
        MeetingCall grace = three.grace();
        MeetingCall linus = three.linus();
        VideoSender camera = three.camera();
        int adaId = three.adaId();

        await("Ada sends two layers").atMost(Duration.ofSeconds(15)).until(() -> camera.stats().layers() == 2);
        await("Linus, behind 250 kbit/s, is moved to the small layer").atMost(Duration.ofSeconds(20))
                .until(() -> height(linus, adaId) == 180 && linus.cameraStats(adaId).framesDecoded() > 20);
        long decodedAtSmall = linus.cameraStats(adaId).framesDecoded();
        await("and keeps getting pictures").atMost(Duration.ofSeconds(10))
                .until(() -> linus.cameraStats(adaId).framesDecoded() > decodedAtSmall + 30);
        StreamStats atGrace = grace.cameraStats(adaId);
        System.out.printf("Grace gets %dx%d at %.0f fps, Linus %dx%d at %.0f fps; Ada sends %s%n", atGrace.width(),
                atGrace.height(), atGrace.fps(), linus.cameraStats(adaId).width(), height(linus, adaId),
                linus.cameraStats(adaId).fps(), camera.stats());
        assertThat(atGrace.height()).as("Grace keeps the big layer").isEqualTo(360);
        assertThat(camera.stats().height()).as("Ada's picture is not lowered for everyone").isEqualTo(360);
        assertThat(atGrace.framesDecoded()).isPositive();
    }

    @Test
    void aThumbnailGetsTheSmallLayerEvenOnAFastLink() throws Exception {
        URI server = servers.loopback().url();
        Three three = adaSendsToGraceAndLinus(server, server);
        MeetingCall grace = three.grace();
        MeetingCall linus = three.linus();
        int adaId = three.adaId();
        grace.showCameras(java.util.List.of(new dev.confab.meeting.ShownCamera(adaId, 320, 180))); // a filmstrip tile
        linus.showCameras(java.util.List.of(new dev.confab.meeting.ShownCamera(adaId, 960, 540))); // the stage

        await("Grace's thumbnail gets the 320x180 layer").atMost(Duration.ofSeconds(20))
                .until(() -> height(grace, adaId) == 180 && grace.cameraStats(adaId).framesDecoded() > 10);
        await("Linus's big tile the 640x360 one").atMost(Duration.ofSeconds(20))
                .until(() -> height(linus, adaId) == 360 && linus.cameraStats(adaId).framesDecoded() > 10);
    }

    /** A meeting of three in which Ada's synthetic camera is on; Linus joins through {@code linusServer}. */
    private record Three(MeetingCall grace, MeetingCall linus, VideoSender camera, int adaId) {
    }

    private Three adaSendsToGraceAndLinus(URI server, URI linusServer) throws Exception {
        MeetingCall ada = calls.join(server, "Ada", null);
        String meeting = ada.session().roster().meetingId();
        MeetingCall grace = calls.join(server, "Grace", meeting);
        MeetingCall linus = calls.join(linusServer, "Linus", meeting);
        VideoSender camera = ada.startVideo(new FfmpegCaptureFactory(), FfmpegCaptureFactory.SYNTHETIC_CAMERA,
                new VideoQualityPolicy(CAMERA)).sender();
        camera.setCameraOn(true);
        grace.startVideo(new FfmpegCaptureFactory(), null, new VideoQualityPolicy(CAMERA));
        linus.startVideo(new FfmpegCaptureFactory(), null, new VideoQualityPolicy(CAMERA));
        return new Three(grace, linus, camera, ada.session().roster().selfId());
    }

    private static int height(MeetingCall call, int participantId) {
        StreamStats stats = call.cameraStats(participantId);
        return stats == null ? 0 : stats.height();
    }
}
