package dev.confab.meeting.share;

import dev.confab.media.VideoCodec;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ScreenShareSenderTest {

    private static ByteBuffer picture(int width, int height, int shade) {
        ByteBuffer b = ByteBuffer.allocateDirect(width * height * 4);
        for (int i = 0; i < width * height; i++) {
            int v = (i % width) < shade ? 30 : 220;
            b.put((byte) v).put((byte) v).put((byte) v).put((byte) 255);
        }
        return b.flip();
    }

    @Test
    void aStillScreenIsSentAtTheLowRateAndFullResolutionAsScreenFrames() {
        List<MediaFrameHeader> sent = new CopyOnWriteArrayList<>();
        try (var sender = new ScreenShareSender((header, payload) -> sent.add(header), VideoCodec.VP8)) {
            ByteBuffer still = picture(1920, 1080, 400);
            Thread feeder = Thread.ofPlatform().start(() -> {
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                    sender.onFrame(1920, 1080, 1920 * 4, still, i * 66_000L);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                // The first picture is all new; once nothing changes the sender settles on the low rate.
                await().atMost(Duration.ofSeconds(20)).until(() -> sender.stats().fps() == ScreenShareSender.MIN_FPS);
            } finally {
                feeder.interrupt();
            }
            ScreenShareSender.Stats stats = sender.stats();
            assertThat(stats.framesSent()).as("settles within a few pictures").isLessThanOrEqualTo(12);
            assertThat(stats.width()).isEqualTo(1920);
            assertThat(stats.height()).isEqualTo(1080);
        }
        assertThat(sent).isNotEmpty().allMatch(h -> h.stream() == StreamKind.SCREEN);
        assertThat(sent.getFirst().keyframe()).isTrue();
    }

    @Test
    void movingContentRaisesTheFrameRateAndAKeyframeRequestIsHonoured() {
        List<MediaFrameHeader> sent = new CopyOnWriteArrayList<>();
        try (var sender = new ScreenShareSender((header, payload) -> sent.add(header), VideoCodec.VP8)) {
            ByteBuffer[] frames = {picture(640, 360, 100), picture(640, 360, 300), picture(640, 360, 500)};
            Thread feeder = Thread.ofPlatform().start(() -> {
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                    sender.onFrame(640, 360, 640 * 4, frames[i % 3], i * 33_000L);
                    try {
                        Thread.sleep(30);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> sender.stats().fps() == ScreenShareSender.MAX_FPS);
                int before = sent.size();
                sender.requestKeyframe();
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        sent.subList(before, sent.size()).stream().anyMatch(MediaFrameHeader::keyframe));
            } finally {
                feeder.interrupt();
            }
        }
    }
}
