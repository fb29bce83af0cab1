package dev.confab.media.effects;

import dev.confab.media.AudioFrameListener;
import dev.confab.media.Capture;
import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.VideoFormat;
import dev.confab.media.VideoFrameListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A {@link CaptureFactory} whose cameras deliver pictures with the {@link CameraEffects} applied, on the camera's
 * own thread, before any listener (preview, encoder, recorder) sees them.
 */
final class EffectCaptureFactory implements CaptureFactory {
    private static final Logger LOG = LoggerFactory.getLogger(EffectCaptureFactory.class);

    private final CaptureFactory delegate;
    private final CameraEffects effects;

    EffectCaptureFactory(CaptureFactory delegate, CameraEffects effects) {
        this.delegate = delegate;
        this.effects = effects;
    }

    @Override
    public List<CaptureDevice> cameras() {
        return delegate.cameras();
    }

    @Override
    public List<CaptureDevice> microphones() {
        return delegate.microphones();
    }

    @Override
    public Capture openCamera(CaptureDevice device, VideoFormat format, VideoFrameListener listener) throws MediaException {
        return delegate.openCamera(device, format, new EffectedFrames(effects, listener));
    }

    @Override
    public Capture openMicrophone(CaptureDevice device, AudioFrameListener listener) throws MediaException {
        return delegate.openMicrophone(device, listener);
    }

    /** One camera's frames through its own processor (the camera thread is the only caller). */
    private static final class EffectedFrames implements VideoFrameListener {
        private final CameraEffects effects;
        private final VideoFrameListener downstream;
        private final EffectProcessor processor;

        EffectedFrames(CameraEffects effects, VideoFrameListener downstream) {
            this.effects = effects;
            this.downstream = downstream;
            this.processor = new EffectProcessor(effects.stats());
        }

        @Override
        public void onFrame(int width, int height, int stride, ByteBuffer bgra, long captureTimeMicros) {
            Effect effect = effects.effect();
            if (effect == null) {
                downstream.onFrame(width, height, stride, bgra, captureTimeMicros);
                return;
            }
            ByteBuffer processed;
            try {
                processed = processor.process(effect, effects.segmenter(), width, height, stride, bgra, captureTimeMicros);
            } catch (RuntimeException e) {
                // This frame is dropped rather than sent unprocessed: the user asked not to show their room.
                LOG.warn("The background effect failed; turning it off", e);
                effects.becomeUnavailable(e.getMessage() == null ? e.toString() : e.getMessage());
                return;
            }
            downstream.onFrame(width, height, width * 4, processed, captureTimeMicros);
        }
    }
}
