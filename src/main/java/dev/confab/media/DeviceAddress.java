package dev.confab.media;

import java.util.Locale;
import java.util.Set;

/**
 * Where FFmpeg finds a device: its input format ("v4l2", "dshow", "pulse", "lavfi", ...) and the URL that
 * format understands. Device ids are either the plain URL of the platform's default backend
 * ("/dev/video0", "video=Integrated Camera") or carry an explicit format prefix ("alsa:hw:0", "lavfi:sine").
 */
record DeviceAddress(String format, String url) {
    static final String SYNTHETIC_CAMERA_ID = "lavfi:testsrc2";
    static final String SYNTHETIC_MICROPHONE_ID = "lavfi:sine";

    private static final Set<String> EXPLICIT_FORMATS = Set.of("lavfi", "v4l2", "pulse", "alsa", "dshow", "avfoundation");

    static DeviceAddress of(CaptureDevice device) {
        String id = device.id();
        int colon = id.indexOf(':');
        if (colon > 0 && EXPLICIT_FORMATS.contains(id.substring(0, colon))) {
            return new DeviceAddress(id.substring(0, colon), id.substring(colon + 1));
        }
        return new DeviceAddress(defaultFormat(device.kind()), id);
    }

    boolean synthetic() {
        return format.equals("lavfi");
    }

    static String defaultFormat(CaptureDevice.Kind kind) {
        boolean camera = kind != CaptureDevice.Kind.MICROPHONE;
        return switch (HostOs.current()) {
            case WINDOWS -> "dshow";
            case MAC -> "avfoundation";
            case LINUX -> camera ? "v4l2" : "pulse";
        };
    }

    enum HostOs {
        LINUX, WINDOWS, MAC;

        static HostOs current() {
            String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (name.contains("win")) {
                return WINDOWS;
            }
            if (name.contains("mac") || name.contains("darwin")) {
                return MAC;
            }
            return LINUX;
        }
    }
}
