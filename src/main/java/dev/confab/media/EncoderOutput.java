package dev.confab.media;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;

import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/** The receive half of libavcodec's send/receive encoding loop, shared by the video and audio encoders. */
final class EncoderOutput {
    private EncoderOutput() {
    }

    /**
     * Takes every packet the encoder has ready (a picture or chunk can yield none, one or several) until
     * it answers EAGAIN, copying each into an {@link EncodedPacket}.
     */
    static void drain(AVCodecContext context, AVPacket packet, String codecName, LongUnaryOperator captureTimeOfPts,
                      Consumer<EncodedPacket> packets) throws MediaException {
        while (true) {
            int result = avcodec.avcodec_receive_packet(context, packet);
            if (result == avutil.AVERROR_EAGAIN() || result == avutil.AVERROR_EOF()) {
                return;
            }
            check(result, "encode with " + codecName);
            try {
                byte[] data = new byte[packet.size()];
                packet.data().get(data);
                boolean keyframe = (packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0;
                packets.accept(new EncodedPacket(data, keyframe, captureTimeOfPts.applyAsLong(packet.pts())));
            } finally {
                avcodec.av_packet_unref(packet);
            }
        }
    }

    static void check(int result, String action) throws MediaException {
        if (result < 0) {
            throw new MediaException("Could not " + action + ": " + Ffmpeg.describe(result));
        }
    }
}
