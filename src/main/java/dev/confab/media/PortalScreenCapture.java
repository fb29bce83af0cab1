package dev.confab.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Wayland screen or window through the xdg-desktop-portal ScreenCast interface: the user picks in the
 * system's dialog ({@link ScreenCastPortal}), the portal hands over a PipeWire stream, and a
 * {@link PipeWireStreamReader} delivers its pictures. Closing it stops the reader and closes the portal session;
 * a stream that ends by itself closes the session too and {@code onEnded} hears why.
 */
final class PortalScreenCapture implements Capture {
    private static final Logger log = LoggerFactory.getLogger(PortalScreenCapture.class);
    /** How long the user may take in the system's dialog. */
    static final Duration CHOICE_TIMEOUT = Duration.ofMinutes(3);

    private final CaptureDevice device;
    private final ScreenCastPortal portal;
    private PipeWireStreamReader reader;

    private PortalScreenCapture(CaptureDevice device, ScreenCastPortal portal) {
        this.device = device;
        this.portal = portal;
    }

    /**
     * Asks the portal for a screen cast of {@code sourceType} (blocks until the user chose in the dialog) and
     * starts reading it, at most {@code max} in size (aspect kept) and {@code max.fps()}.
     *
     * @param environment the session's DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR (PipeWire), PIPEWIRE_REMOTE, HOME
     */
    static PortalScreenCapture open(CaptureDevice device, int sourceType, Map<String, String> environment,
                                    VideoFormat max, VideoFrameListener listener, Consumer<String> onEnded)
            throws MediaException {
        ScreenCastPortal portal = ScreenCastPortal.connect(environment);
        PortalScreenCapture capture = new PortalScreenCapture(device, portal);
        try {
            ScreenCastPortal.Capabilities offered = portal.capabilities();
            if (!offered.offers(sourceType)) {
                throw new MediaException("The desktop's screen cast portal does not offer "
                        + (sourceType == ScreenCastPortal.WINDOW ? "single windows" : "screens"));
            }
            ScreenCastPortal.Stream stream = portal.start(sourceType, offered, CHOICE_TIMEOUT);
            int[] size = stream.width() > 0
                    ? ScreenGeometry.fitInside(stream.width(), stream.height(), max.width(), max.height())
                    : new int[] {max.width(), max.height()}; // size not told: letterboxed into the largest share
            int width = size[0] & ~1;
            int height = size[1] & ~1;
            log.info("Sharing PipeWire node {} ({}x{}) as {}x{}", stream.pipeWireNode(), stream.width(),
                    stream.height(), width, height);
            capture.reader = new PipeWireStreamReader(stream.pipeWireNode(), width, height, max.fps(), environment,
                    listener, reason -> {
                        portal.close();
                        onEnded.accept(reason);
                    });
            return capture;
        } catch (MediaException | RuntimeException e) {
            portal.close();
            throw e;
        }
    }

    @Override
    public CaptureDevice device() {
        return device;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        portal.close();
    }
}
