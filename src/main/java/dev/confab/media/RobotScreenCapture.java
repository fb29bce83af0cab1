package dev.confab.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.AWTException;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * Fallback screen capture with {@link Robot#createScreenCapture}, for desktops where no FFmpeg screen device
 * works. Slower than the FFmpeg devices and without the mouse pointer, but needs nothing beyond the JDK.
 */
final class RobotScreenCapture implements Capture {
    private static final Logger log = LoggerFactory.getLogger(RobotScreenCapture.class);

    private final CaptureDevice device;
    private final Rectangle area;
    private final VideoFormat max;
    private final VideoFrameListener listener;
    private final Robot robot;
    private final Thread thread;
    private volatile boolean running = true;

    RobotScreenCapture(CaptureDevice device, VideoFormat max, VideoFrameListener listener) throws MediaException {
        this.device = device;
        ScreenSource source = ScreenSource.of(device);
        int[] origin = source.robotOrigin();
        ScreenSource.Region region = source.region();
        this.area = region == null ? new Rectangle(origin[0], origin[1], source.width(), source.height())
                : new Rectangle(origin[0] + region.x(), origin[1] + region.y(), region.width(), region.height());
        this.max = max;
        this.listener = listener;
        try {
            this.robot = new Robot();
        } catch (AWTException | RuntimeException e) {
            throw new MediaException("Screen capture is not available on this desktop", e);
        }
        this.thread = Thread.ofPlatform().name("screen-robot").daemon().start(this::run);
    }

    private void run() {
        int[] size = ScreenGeometry.fitInside(area.width, area.height, max.width(), max.height());
        BufferedImage scaled = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_ARGB_PRE);
        // TYPE_INT_ARGB pixels are 0xAARRGGBB; written little-endian they are the bytes B, G, R, A.
        ByteBuffer bgra = ByteBuffer.allocateDirect(size[0] * size[1] * 4).order(ByteOrder.LITTLE_ENDIAN);
        IntBuffer pixels = bgra.asIntBuffer();
        RealTimePacer pacer = RealTimePacer.framesPerSecond(max.fps());
        while (running) {
            pacer.awaitNextSlot();
            try {
                BufferedImage shot = robot.createScreenCapture(area);
                long captureTime = Ffmpeg.nowMicros();
                Graphics2D g = scaled.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(shot, 0, 0, size[0], size[1], null);
                g.dispose();
                pixels.clear();
                pixels.put(((DataBufferInt) scaled.getRaster().getDataBuffer()).getData());
                bgra.position(0);
                listener.onFrame(size[0], size[1], size[0] * 4, bgra, captureTime);
            } catch (RuntimeException e) {
                log.warn("Screen capture stopped: {}", e.toString());
                return;
            }
        }
    }

    @Override
    public CaptureDevice device() {
        return device;
    }

    @Override
    public void close() {
        running = false;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
