package dev.confab.loadtest;

import dev.confab.media.Capture;
import dev.confab.media.EncodedPacket;
import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoEncoder;
import dev.confab.media.VideoFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A short loop of the synthetic camera, encoded once and replayed by every load-test participant so that
 * the test measures the relay rather than N encoders. Keyframes every {@code fps} frames let a receiver
 * that the server cut off rejoin within a second.
 */
record PreEncodedLoop(List<EncodedPacket> packets, VideoFormat format) {

    static PreEncodedLoop encode(VideoFormat format, int bitrate, int frames) throws MediaException, InterruptedException {
        List<EncodedPacket> packets = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        MediaException[] failure = new MediaException[1];
        try (VideoEncoder encoder = new VideoEncoder(VideoCodec.PREFERRED, format, bitrate)) {
            int[] pictures = {0};
            Capture capture = new FfmpegCaptureFactory().openCamera(FfmpegCaptureFactory.SYNTHETIC_CAMERA, format,
                    (w, h, stride, bgra, capture1) -> {
                        if (done.getCount() == 0) {
                            return;
                        }
                        try {
                            if (pictures[0]++ % format.fps() == 0) {
                                encoder.requestKeyframe();
                            }
                            encoder.encodeBgra(bgra, w, h, stride, capture1, packets::add);
                        } catch (MediaException e) {
                            failure[0] = e;
                            done.countDown();
                        }
                        if (packets.size() >= frames) {
                            done.countDown();
                        }
                    });
            try {
                if (!done.await(frames * 1000L / format.fps() + 15_000, TimeUnit.MILLISECONDS)) {
                    throw new MediaException("The synthetic camera delivered no pictures to pre-encode");
                }
            } finally {
                capture.close();
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return new PreEncodedLoop(List.copyOf(packets.subList(0, frames)), format);
    }

    /** The index of the first keyframe at or after {@code index} (wrapping). */
    int nextKeyframe(int index) {
        for (int i = 0; i < packets.size(); i++) {
            int candidate = (index + i) % packets.size();
            if (packets.get(candidate).keyframe()) {
                return candidate;
            }
        }
        return 0;
    }
}
