package dev.confab.meeting.share;

import dev.confab.media.MediaException;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoDecoder;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Decodes the SCREEN streams of other participants (one decoder per sharer) and hands BGRA pictures to a
 * {@link SharedPictureListener}. Deltas before the first keyframe, or after a gap, are skipped and a
 * keyframe is requested instead, so viewers never show smeared pictures.
 *
 * <p>Fed by the meeting engine ({@code MeetingCall}) with SCREEN frames on the network thread; pictures arrive on that thread.
 */
public final class ShareReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShareReceiver.class);
    private static final long KEYFRAME_REQUEST_INTERVAL_NANOS = 500_000_000L;

    /** A decoded picture of {@code sharerId}'s screen; the buffer is reused after the call returns. */
    @FunctionalInterface
    public interface SharedPictureListener {
        void onPicture(int sharerId, int width, int height, int stride, ByteBuffer bgra, long captureTimeMicros);
    }

    private final SharedPictureListener listener;
    private final BiConsumer<Integer, StreamKind> keyframeRequester;
    private final Map<Integer, Stream> streams = new HashMap<>();
    private boolean closed;

    private static final class Stream {
        VideoDecoder decoder;
        MediaCodec codec;
        long nextSequence = -1;
        boolean needKeyframe = true;
        long lastKeyframeRequest;
        long framesDecoded;
        int width;
        int height;
    }

    /** Per-sharer counters, for statistics. */
    public record Stats(long framesDecoded, int width, int height) {
    }

    /** @param keyframeRequester e.g. {@code session::requestKeyframe} */
    public ShareReceiver(SharedPictureListener listener, BiConsumer<Integer, StreamKind> keyframeRequester) {
        this.listener = listener;
        this.keyframeRequester = keyframeRequester;
    }

    /** Takes any media frame; ignores all but SCREEN. */
    public synchronized void accept(MediaFrame frame) {
        if (frame.header().stream() != StreamKind.SCREEN) {
            return;
        }
        int sharer = frame.header().senderId();
        if (closed) {
            return;
        }
        Stream stream = streams.computeIfAbsent(sharer, id -> new Stream());
        MediaCodec codec = frame.header().codec();
        if (codec != MediaCodec.VP8 && codec != MediaCodec.H264) {
            return;
        }
        boolean gap = stream.nextSequence >= 0 && frame.header().sequence() != stream.nextSequence;
        stream.nextSequence = (frame.header().sequence() + 1) & 0xFFFF_FFFFL;
        if (gap) {
            stream.needKeyframe = true;
        }
        if (stream.needKeyframe && !frame.header().keyframe()) {
            askForKeyframe(sharer, stream);
            return;
        }
        try {
            if (stream.decoder == null || stream.codec != codec) {
                closeDecoder(stream);
                stream.codec = codec;
                stream.decoder = new VideoDecoder(codec == MediaCodec.H264 ? VideoCodec.H264 : VideoCodec.VP8,
                        (w, h, stride, bgra, time) -> {
                            stream.framesDecoded++;
                            stream.width = w;
                            stream.height = h;
                            listener.onPicture(sharer, w, h, stride, bgra, time);
                        });
            }
            ByteBuffer payload = frame.payload();
            byte[] data = new byte[payload.remaining()];
            payload.duplicate().get(data);
            stream.decoder.decode(data, 0, data.length, frame.header().captureMicros());
            stream.needKeyframe = false;
        } catch (MediaException e) {
            LOG.debug("Screen share of {} did not decode: {}", sharer, e.getMessage());
            stream.needKeyframe = true;
            askForKeyframe(sharer, stream);
        }
    }

    /** The sharer stopped or left: free its decoder. */
    public synchronized void forget(int sharerId) {
        Stream stream = streams.remove(sharerId);
        if (stream != null) {
            closeDecoder(stream);
        }
    }

    public synchronized Map<Integer, Stats> stats() {
        Map<Integer, Stats> result = new HashMap<>();
        streams.forEach((id, s) -> result.put(id, new Stats(s.framesDecoded, s.width, s.height)));
        return result;
    }

    private void askForKeyframe(int sharer, Stream stream) {
        long now = System.nanoTime();
        if (now - stream.lastKeyframeRequest >= KEYFRAME_REQUEST_INTERVAL_NANOS) {
            stream.lastKeyframeRequest = now;
            keyframeRequester.accept(sharer, StreamKind.SCREEN);
        }
    }

    private static void closeDecoder(Stream stream) {
        if (stream.decoder != null) {
            stream.decoder.close();
            stream.decoder = null;
        }
    }

    /** Frees the decoders; {@link #stats()} stays readable. */
    @Override
    public synchronized void close() {
        closed = true;
        streams.values().forEach(ShareReceiver::closeDecoder);
    }
}
