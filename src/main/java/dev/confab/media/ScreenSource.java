package dev.confab.media;

import java.util.Locale;

/**
 * Where a screen capture reads from, parsed from a {@link CaptureDevice#id()} of kind SCREEN:
 * <ul>
 *   <li>{@code x11grab::0.0+X,Y/WxH} — an X11 display region (Linux, XWayland included)</li>
 *   <li>{@code gdigrab:desktop} or {@code gdigrab:title=Window title} — Windows</li>
 *   <li>{@code avfoundation:Capture screen 0} — macOS</li>
 *   <li>{@code robot:X,Y/WxH} — AWT Robot screenshots, where no FFmpeg device works</li>
 *   <li>{@code lavfi:testsrc2} — synthetic content for tests and bots</li>
 * </ul>
 */
record ScreenSource(String backend, String url, int width, int height) {

    static ScreenSource of(CaptureDevice device) {
        String id = device.id();
        int colon = id.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Not a screen id: " + id);
        }
        String backend = id.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = id.substring(colon + 1);
        int slash = rest.lastIndexOf('/');
        if ((backend.equals("x11grab") || backend.equals("robot")) && slash > 0) {
            String[] size = rest.substring(slash + 1).split("x");
            return new ScreenSource(backend, rest.substring(0, slash), Integer.parseInt(size[0]), Integer.parseInt(size[1]));
        }
        return new ScreenSource(backend, rest, 0, 0);
    }

    static String x11Id(String display, int x, int y, int width, int height) {
        return "x11grab:" + display + "+" + x + "," + y + "/" + width + "x" + height;
    }

    static String robotId(int x, int y, int width, int height) {
        return "robot:" + x + "," + y + "/" + width + "x" + height;
    }

    boolean synthetic() {
        return backend.equals("lavfi");
    }

    boolean robot() {
        return backend.equals("robot");
    }

    /** The top-left corner of a robot region. */
    int[] robotOrigin() {
        String[] xy = url.split(",");
        return new int[] {Integer.parseInt(xy[0]), Integer.parseInt(xy[1])};
    }
}
