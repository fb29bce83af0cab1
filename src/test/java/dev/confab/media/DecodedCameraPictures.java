package dev.confab.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a meeting recorder actually records from a remote camera: pictures that went through the meeting's
 * own video path. A moving FFmpeg {@code testsrc2} picture with mild sensor-like noise that changes every
 * frame is encoded with the meeting's VP8 settings at 720p30 / 1.5 Mbit/s and decoded again, exactly as a
 * receiver shows it. Unlike {@link TestPictures}' per-pixel grain this is smooth, already-compressed video.
 */
final class DecodedCameraPictures {
    static final String SOURCE = "testsrc2=size=1280x720:rate=30,noise=alls=8:allf=t";
    static final int MEETING_BITRATE = 1_500_000;
    /** The encoder's rate control settles during these before pictures are kept. */
    private static final int SETTLING_FRAMES = 30;

    private DecodedCameraPictures() {
    }

    /** {@code count} consecutive decoded 1280x720 BGRA pictures, {@code 1280 * 4} bytes per row. */
    static List<ByteBuffer> decode(int count) throws Exception {
        VideoFormat format = VideoFormat.HD_720P30;
        int rowBytes = format.width() * 4;
        List<ByteBuffer> kept = new ArrayList<>();
        int[] decodedSoFar = {0};
        VideoFrameListener keep = (width, height, stride, bgra, captureTimeMicros) -> {
            if (decodedSoFar[0]++ < SETTLING_FRAMES || kept.size() >= count) {
                return;
            }
            ByteBuffer copy = ByteBuffer.allocateDirect(rowBytes * height);
            for (int y = 0; y < height; y++) {
                copy.put(y * rowBytes, bgra, y * stride, rowBytes);
            }
            kept.add(copy);
        };
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(SOURCE);
             VideoEncoder encoder = new VideoEncoder(VideoCodec.VP8, format, MEETING_BITRATE);
             VideoDecoder decoder = new VideoDecoder(VideoCodec.VP8, keep)) {
            grabber.setFormat("lavfi");
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGRA);
            grabber.start();
            long frameMicros = 1_000_000L / format.fps();
            for (long index = 0; kept.size() < count; index++) {
                Frame frame = grabber.grabImage();
                encoder.encodeBgra((ByteBuffer) frame.image[0], frame.imageWidth, frame.imageHeight, frame.imageStride,
                        index * frameMicros, packet -> {
                            try {
                                decoder.decode(packet);
                            } catch (MediaException e) {
                                throw new IllegalStateException("VP8 decoding failed", e);
                            }
                        });
            }
            grabber.stop();
        }
        return kept;
    }
}
