package dev.confab.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The GStreamer command-line tools that read a Wayland screen cast's PipeWire stream (FFmpeg as JavaCV ships it
 * has no PipeWire input), and whether they are installed: {@code gst-launch-1.0} and {@code gst-inspect-1.0}
 * (Debian/Ubuntu package gstreamer1.0-tools) and the pipewiresrc element (gstreamer1.0-pipewire).
 */
final class GStreamerTools {
    private static final Logger log = LoggerFactory.getLogger(GStreamerTools.class);
    static final String LAUNCH = "gst-launch-1.0";
    static final String INSPECT = "gst-inspect-1.0";
    static final String TOOLS_PACKAGE = "gstreamer1.0-tools";
    static final String PIPEWIRE_PACKAGE = "gstreamer1.0-pipewire";

    /** What is missing. */
    enum Missing { TOOLS, PIPEWIRE_ELEMENT }

    private GStreamerTools() {
    }

    /**
     * Asks {@code gst-inspect-1.0} for the pipewiresrc element (a fraction of a second; the first run after an
     * installation scans the plugins, a few seconds). Empty when everything needed is there.
     */
    static Optional<Missing> missing() {
        Process inspect;
        try {
            inspect = new ProcessBuilder(INSPECT, "pipewiresrc").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return Optional.of(Missing.TOOLS);
        }
        try {
            if (!inspect.waitFor(20, TimeUnit.SECONDS)) {
                inspect.destroyForcibly();
                log.warn("{} did not answer within 20 s; assuming the PipeWire element is there", INSPECT);
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            inspect.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return inspect.exitValue() == 0 ? Optional.empty() : Optional.of(Missing.PIPEWIRE_ELEMENT);
    }
}
