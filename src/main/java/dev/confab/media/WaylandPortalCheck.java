package dev.confab.media;

import java.util.Map;
import java.util.Optional;

/**
 * Whether a Wayland screen cast can work here, and if not the first reason a user can act on: a screen cast
 * portal on the session bus (ScreenCast version 2 or newer, for the pointer modes) and GStreamer's tools with
 * the PipeWire element to read its pictures. Asks the bus and runs {@code gst-inspect-1.0}: call it off the FX
 * thread.
 */
final class WaylandPortalCheck {
    /** The oldest ScreenCast interface version Confab uses (cursor_mode came with version 2). */
    static final int MIN_VERSION = 2;

    /** The outcome; {@code capabilities} only when {@code state} is AVAILABLE. */
    record Result(ScreenCaptureFactory.Limitation problem, ScreenCastPortal.Capabilities capabilities) {
        static Result available(ScreenCastPortal.Capabilities capabilities) {
            return new Result(null, capabilities);
        }

        static Result unavailable(ScreenCaptureFactory.Limitation problem) {
            return new Result(problem, null);
        }

        boolean usable() {
            return problem == null;
        }

        boolean offers(int sourceType) {
            return usable() && capabilities.offers(sourceType);
        }
    }

    private WaylandPortalCheck() {
    }

    static Result run(Map<String, String> environment) {
        ScreenCastPortal.Capabilities capabilities;
        try (ScreenCastPortal portal = ScreenCastPortal.connect(environment)) {
            capabilities = portal.capabilities();
        } catch (MediaException e) {
            return Result.unavailable(ScreenCaptureFactory.Limitation.WAYLAND_NO_PORTAL);
        }
        if (capabilities.version() < MIN_VERSION || !capabilities.offers(ScreenCastPortal.MONITOR)) {
            return Result.unavailable(ScreenCaptureFactory.Limitation.WAYLAND_PORTAL_TOO_OLD);
        }
        Optional<GStreamerTools.Missing> missing = GStreamerTools.missing();
        if (missing.isPresent()) {
            return Result.unavailable(switch (missing.get()) {
                case TOOLS -> ScreenCaptureFactory.Limitation.WAYLAND_NO_GSTREAMER;
                case PIPEWIRE_ELEMENT -> ScreenCaptureFactory.Limitation.WAYLAND_NO_GSTREAMER_PIPEWIRE;
            });
        }
        return Result.available(capabilities);
    }
}
