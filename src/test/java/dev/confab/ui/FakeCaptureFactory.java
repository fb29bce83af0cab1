package dev.confab.ui;

import dev.confab.media.AudioFrameListener;
import dev.confab.media.Capture;
import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.VideoFormat;
import dev.confab.media.VideoFrameListener;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A capture factory for UI tests: pictures and a tone generated in Java on their own threads (as the real
 * media layer would deliver them), and a record of every call, so tests can prove nothing was opened
 * before consent and that the lobby closes what it opened.
 */
final class FakeCaptureFactory implements CaptureFactory {
    static final CaptureDevice CAMERA = new CaptureDevice("fake:camera", "Test camera", CaptureDevice.Kind.CAMERA, false);
    static final CaptureDevice PATTERN = new CaptureDevice("lavfi:testsrc2", "Test pattern", CaptureDevice.Kind.CAMERA, true);
    static final CaptureDevice MICROPHONE = new CaptureDevice("fake:mic", "Test microphone", CaptureDevice.Kind.MICROPHONE, false);
    static final CaptureDevice TONE = new CaptureDevice("lavfi:sine", "Test tone", CaptureDevice.Kind.MICROPHONE, true);

    final AtomicInteger calls = new AtomicInteger();
    /** Calls made on the FX thread, which must never wait for a device. */
    final AtomicInteger fxThreadCalls = new AtomicInteger();
    final List<FakeCapture> opened = new CopyOnWriteArrayList<>();
    /** When set, opening a camera fails with this message, as a busy or unplugged device would. */
    volatile String cameraFailure;
    /** When set, opening a microphone fails with this message. */
    volatile String microphoneFailure;
    private final List<CaptureDevice> cameras;
    private final List<CaptureDevice> microphones;

    FakeCaptureFactory(List<CaptureDevice> cameras, List<CaptureDevice> microphones) {
        this.cameras = cameras;
        this.microphones = microphones;
    }

    static FakeCaptureFactory syntheticOnly() {
        return new FakeCaptureFactory(List.of(PATTERN), List.of(TONE));
    }

    static FakeCaptureFactory withRealDevices() {
        return new FakeCaptureFactory(List.of(CAMERA, PATTERN), List.of(MICROPHONE, TONE));
    }

    @Override
    public List<CaptureDevice> cameras() {
        count();
        return cameras;
    }

    @Override
    public List<CaptureDevice> microphones() {
        count();
        return microphones;
    }

    @Override
    public Capture openCamera(CaptureDevice device, VideoFormat format, VideoFrameListener listener) throws MediaException {
        count();
        if (cameraFailure != null) {
            throw new MediaException(cameraFailure);
        }
        int w = format.width();
        int h = format.height();
        ByteBuffer frame = ByteBuffer.allocateDirect(w * h * 4);
        byte[] row = new byte[w * 4];
        return start(device, n -> {
            // Vertical colour bars that scroll, left half brighter, so mirroring and motion are visible. Every row
            // is the same: made once and copied, so the fake camera does not eat the CPU the UI tests run on.
            for (int x = 0; x < w; x++) {
                int bar = ((x + n * 4) / (w / 8)) % 8;
                row[x * 4] = (byte) ((bar & 1) * 200 + 40);
                row[x * 4 + 1] = (byte) (((bar >> 1) & 1) * 200 + 40);
                row[x * 4 + 2] = (byte) (((bar >> 2) & 1) * 200 + (x < w / 2 ? 55 : 0));
                row[x * 4 + 3] = (byte) 255;
            }
            for (int y = 0; y < h; y++) {
                frame.put(y * w * 4, row);
            }
            listener.onFrame(w, h, w * 4, frame, System.currentTimeMillis() * 1000);
        }, 33);
    }

    @Override
    public Capture openMicrophone(CaptureDevice device, AudioFrameListener listener) throws MediaException {
        count();
        if (microphoneFailure != null) {
            throw new MediaException(microphoneFailure);
        }
        short[] block = new short[960];
        return start(device, n -> {
            for (int i = 0; i < block.length; i++) {
                double t = (n * block.length + i) / (double) AudioFrameListener.SAMPLE_RATE;
                block[i] = (short) (Math.sin(2 * Math.PI * 440 * t) * 0.3 * Short.MAX_VALUE);
            }
            listener.onSamples(block, block.length, System.currentTimeMillis() * 1000);
        }, 20);
    }

    private void count() {
        calls.incrementAndGet();
        if (javafx.application.Platform.isFxApplicationThread()) {
            fxThreadCalls.incrementAndGet();
        }
    }

    long running(CaptureDevice.Kind kind) {
        return opened.stream().filter(c -> !c.closed && c.device().kind() == kind).count();
    }

    private FakeCapture start(CaptureDevice device, java.util.function.IntConsumer produce, long periodMillis) {
        FakeCapture capture = new FakeCapture(device, produce, periodMillis);
        opened.add(capture);
        capture.thread.start();
        return capture;
    }

    long running() {
        return opened.stream().filter(c -> !c.closed).count();
    }

    static final class FakeCapture implements Capture {
        private final CaptureDevice device;
        final Thread thread;
        volatile boolean closed;

        FakeCapture(CaptureDevice device, java.util.function.IntConsumer produce, long periodMillis) {
            this.device = device;
            this.thread = new Thread(() -> {
                for (int n = 0; !closed; n++) {
                    produce.accept(n);
                    try {
                        Thread.sleep(periodMillis); // paces the fake device like a real one
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "fake-capture-" + device.id());
            thread.setDaemon(true);
        }

        @Override
        public CaptureDevice device() {
            return device;
        }

        /**
         * As the real captures do: returns once the thread has stopped, so no frame arrives after it (a frame in
         * flight once reached the lobby's preview after it was cleared, and the "camera is off" text never came).
         */
        @Override
        public void close() {
            closed = true;
            thread.interrupt();
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
