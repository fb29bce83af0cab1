package dev.confab.ui;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells what each frame of a 1280x720 recording shows, decoded by JavaCV's own reader: a 16:9 picture that
 * fills the frame, a 4:3 picture with black bars left and right (160 pixels each), or nothing (black).
 */
final class RecordedPictures {
    /** Luma at or below this is black, with room for the encoder's ringing at the bars' edges. */
    private static final double BLACK = 24;

    enum Picture { SCREEN, CAMERA, BLACK }

    private RecordedPictures() {
    }

    static List<Picture> classify(Path file) throws Exception {
        List<Picture> pictures = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                ByteBuffer luma = (ByteBuffer) frame.image[0];
                boolean edges = mean(luma, frame.imageStride, 0, 120) > BLACK
                        || mean(luma, frame.imageStride, 1160, 1280) > BLACK;
                boolean middle = mean(luma, frame.imageStride, 200, 1080) > BLACK;
                pictures.add(edges ? Picture.SCREEN : middle ? Picture.CAMERA : Picture.BLACK);
            }
        }
        return pictures;
    }

    /** "SCREEN×95 CAMERA×120": the recording's runs, for assertion messages. */
    static String runs(List<Picture> pictures) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pictures.size(); ) {
            int end = i;
            while (end < pictures.size() && pictures.get(end) == pictures.get(i)) {
                end++;
            }
            text.append(pictures.get(i)).append('×').append(end - i).append(' ');
            i = end;
        }
        return text.toString().strip();
    }

    /** Mean luma of the columns {@code [from, to)} over the frame's middle rows. */
    private static double mean(ByteBuffer luma, int stride, int from, int to) {
        long sum = 0;
        int count = 0;
        for (int y = 60; y < 660; y += 4) {
            for (int x = from; x < to; x += 2) {
                sum += luma.get(y * stride + x) & 0xFF;
                count++;
            }
        }
        return (double) sum / count;
    }
}
