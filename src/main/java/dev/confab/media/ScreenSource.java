package dev.confab.media;

import java.util.Locale;

/**
 * Where a screen capture reads from, parsed from a {@link CaptureDevice#id()} of kind SCREEN:
 * <ul>
 *   <li>{@code x11grab::0.0+X,Y/WxH} — an X11 display region (Linux, XWayland included)</li>
 *   <li>{@code x11window::0.0@WINDOW/WxH} — one X11 window by its decimal id, as listed (size when listed)</li>
 *   <li>{@code gdigrab:desktop} or {@code gdigrab:title=Window title} — Windows: the desktop, or one window</li>
 *   <li>{@code avfoundation:Capture screen 0} — macOS</li>
 *   <li>{@code robot:X,Y/WxH} — AWT Robot screenshots, where no FFmpeg device works</li>
 *   <li>{@code portal:monitor} or {@code portal:window} — Wayland: a screen or a window the user chooses in the
 *   system's dialog (xdg-desktop-portal ScreenCast), read from PipeWire</li>
 *   <li>{@code lavfi:testsrc2} — synthetic content for tests and bots</li>
 * </ul>
 */
record ScreenSource(String backend, String url, int width, int height, Region region) {

    /** The synthetic screen's own size: full HD, like a common monitor. */
    static final int SYNTHETIC_WIDTH = 1920;
    static final int SYNTHETIC_HEIGHT = 1080;
    /** One X11 window: FFmpeg's x11grab with its {@code window_id} option. */
    static final String X11_WINDOW = "x11window";
    /** Wayland portal sources: what is shared is chosen in the system's dialog when sharing starts. */
    static final String PORTAL_MONITOR = "portal:monitor";
    static final String PORTAL_WINDOW = "portal:window";

    /** A part of the screen, in the screen's pixels; appended to an id as {@code #x,y,w,h}. */
    record Region(int x, int y, int width, int height) {
        Region {
            if (x < 0 || y < 0 || width < 2 || height < 2) {
                throw new IllegalArgumentException("Invalid region " + x + "," + y + " " + width + "x" + height);
            }
        }

        String suffix() {
            return "#" + x + "," + y + "," + width + "," + height;
        }
    }

    ScreenSource(String backend, String url, int width, int height) {
        this(backend, url, width, height, null);
    }

    static ScreenSource of(CaptureDevice device) {
        String id = device.id();
        Region region = null;
        int hash = id.lastIndexOf('#');
        if (hash > 0) {
            String[] r = id.substring(hash + 1).split(",");
            region = new Region(Integer.parseInt(r[0]), Integer.parseInt(r[1]), Integer.parseInt(r[2]), Integer.parseInt(r[3]));
            id = id.substring(0, hash);
        }
        return parse(id).withRegion(region);
    }

    private ScreenSource withRegion(Region value) {
        return new ScreenSource(backend, url, width, height, value);
    }

    /** The full screen's size in pixels, when known (0 when the backend does not say). */
    int[] fullSize() {
        if (synthetic()) {
            return new int[] {SYNTHETIC_WIDTH, SYNTHETIC_HEIGHT};
        }
        return new int[] {width, height};
    }

    /** Whether a part of this screen can be captured: the backend crops and the screen's size is known. */
    boolean regionCapable() {
        return !backend.equals("avfoundation") && kind() == ShareSourceKind.SCREEN && fullSize()[0] > 0;
    }

    ShareSourceKind kind() {
        if (region != null) {
            return ShareSourceKind.REGION;
        }
        boolean gdiWindow = backend.equals("gdigrab") && (url.startsWith("title=") || url.startsWith("hwnd="));
        boolean portalWindow = portal() && url.equals("window");
        return backend.equals(X11_WINDOW) || gdiWindow || portalWindow ? ShareSourceKind.WINDOW : ShareSourceKind.SCREEN;
    }

    /** The X11 display of an x11grab or x11window source, e.g. {@code :0.0}. */
    String x11Display() {
        int end = url.length();
        for (char separator : new char[] {'+', '@'}) {
            int at = url.indexOf(separator);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return url.substring(0, end);
    }

    /** The X11 window id of an x11window source. */
    long x11Window() {
        return Long.parseLong(url.substring(url.indexOf('@') + 1));
    }

    /**
     * The part of the X11 display an x11grab screen or region captures, in the display's pixels; empty for
     * windows and where the screen's size is unknown.
     */
    java.util.Optional<java.awt.Rectangle> x11CapturedArea() {
        if (!backend.equals("x11grab") || width <= 0) {
            return java.util.Optional.empty();
        }
        int plus = url.indexOf('+');
        int originX = 0;
        int originY = 0;
        if (plus >= 0) {
            String[] xy = url.substring(plus + 1).split(",");
            originX = Integer.parseInt(xy[0]);
            originY = Integer.parseInt(xy[1]);
        }
        return java.util.Optional.of(region == null ? new java.awt.Rectangle(originX, originY, width, height)
                : new java.awt.Rectangle(originX + region.x(), originY + region.y(), region.width(), region.height()));
    }

    private static ScreenSource parse(String id) {
        int colon = id.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Not a screen id: " + id);
        }
        String backend = id.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = id.substring(colon + 1);
        int slash = rest.lastIndexOf('/');
        if ((backend.equals("x11grab") || backend.equals(X11_WINDOW) || backend.equals("robot")) && slash > 0) {
            String[] size = rest.substring(slash + 1).split("x");
            return new ScreenSource(backend, rest.substring(0, slash), Integer.parseInt(size[0]), Integer.parseInt(size[1]));
        }
        return new ScreenSource(backend, rest, 0, 0);
    }

    static String x11Id(String display, int x, int y, int width, int height) {
        return "x11grab:" + display + "+" + x + "," + y + "/" + width + "x" + height;
    }

    static String x11WindowId(String display, long window, int width, int height) {
        return X11_WINDOW + ":" + display + "@" + window + "/" + width + "x" + height;
    }

    static String robotId(int x, int y, int width, int height) {
        return "robot:" + x + "," + y + "/" + width + "x" + height;
    }

    boolean synthetic() {
        return backend.equals("lavfi");
    }

    /** A Wayland screen cast through the desktop portal. */
    boolean portal() {
        return backend.equals("portal");
    }

    /** The portal's source type for this source: monitor (1) or window (2). */
    int portalSourceType() {
        return switch (url) {
            case "monitor" -> ScreenCastPortal.MONITOR;
            case "window" -> ScreenCastPortal.WINDOW;
            default -> throw new IllegalArgumentException("Unknown portal source: portal:" + url);
        };
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
