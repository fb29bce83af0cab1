package dev.confab.meeting.video;

import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.SessionOptions;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/** In the desktop app SCREEN frames belong to the share decoder: MeetingVideo can be told to leave them alone. */
@IntegrationTest
class MeetingVideoScreenTest {

    private static MediaFrame frame(StreamKind kind) {
        return new MediaFrame(new MediaFrameHeader(kind, true, 1, 7, 1, 0), ByteBuffer.wrap(new byte[] {1, 2, 3}));
    }

    @Test
    void screenFramesAreLeftToTheShareDecoderWhenAskedButCameraFramesStillCount() {
        MeetingSession session = new MeetingSession(SessionOptions.of(URI.create("wss://127.0.0.1:1"), "Ada",
                ServerTrust.systemOnly()), new MeetingListener() { });
        try (MeetingVideo video = new MeetingVideo(session::sendMedia, session::requestKeyframe, new FfmpegCaptureFactory(), null, new VideoQualityPolicy())) {
            video.setScreenIgnored(true);
            video.onMedia(frame(StreamKind.SCREEN));
            video.onMedia(frame(StreamKind.CAMERA));
            assertThat(video.receiver().stats(7, StreamKind.SCREEN)).isNull();
            assertThat(video.receiver().stats(7, StreamKind.CAMERA)).isNotNull();

            video.setScreenIgnored(false);
            video.onMedia(frame(StreamKind.SCREEN));
            assertThat(video.receiver().stats(7, StreamKind.SCREEN)).isNotNull();
        } finally {
            session.close();
        }
    }
}
