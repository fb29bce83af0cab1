package dev.confab.media;

import org.bytedeco.ffmpeg.global.avformat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Screens and windows the user can share and their capture: x11grab on Linux/X11 (also XWayland), gdigrab on
 * Windows, avfoundation on macOS, an AWT Robot fallback where those devices are missing, and a synthetic test
 * screen (FFmpeg testsrc2) for tests and bots. Nothing here runs until the user asks: listing reads only the
 * environment, monitor geometry and the window list.
 *
 * <p>Confab's own windows are never shared: they are left out of the window list; on Windows they are excluded
 * from every capture by the system (display affinity); on X11, which has no such exclusion, a shared screen has
 * them painted over ({@link OwnWindowMask}).
 *
 * <p>Wayland: a native Wayland session allows screen capture only through the xdg-desktop-portal
 * ScreenCast interface (D-Bus + PipeWire). Where that portal and GStreamer's PipeWire reader are present, the
 * picker offers {@link #PORTAL_SCREEN} (and {@link #PORTAL_WINDOW} where the portal shares windows) and the
 * system's dialog chooses ({@link PortalScreenCapture}); otherwise {@link #limitation()} says what is missing
 * (docs/architecture.md, "Screen and window sources").
 */
public final class ScreenCaptureFactory {
    private static final Logger log = LoggerFactory.getLogger(ScreenCaptureFactory.class);

    public static final CaptureDevice SYNTHETIC_SCREEN = new CaptureDevice("lavfi:testsrc2",
            "Test screen (synthetic)", CaptureDevice.Kind.SCREEN, true);
    /** The largest share Confab sends: full HD keeps text sharp at a bitrate most links carry. */
    public static final VideoFormat MAX_SHARE_FORMAT = new VideoFormat(1920, 1080, 15);
    /** At most this long the portal check may take (it starts with the factory, at launch); then: no portal. */
    private static final int PORTAL_CHECK_TIMEOUT_SECONDS = 25;

    /**
     * A screen chosen in the desktop's own dialog (Wayland: the xdg-desktop-portal ScreenCast interface); there is
     * no picture to preview before that choice.
     */
    public static final CaptureDevice PORTAL_SCREEN = new CaptureDevice(ScreenSource.PORTAL_MONITOR,
            "Screen (choose in the system dialog)", CaptureDevice.Kind.SCREEN, false);
    /** A window chosen in the desktop's own dialog (Wayland portal). */
    public static final CaptureDevice PORTAL_WINDOW = new CaptureDevice(ScreenSource.PORTAL_WINDOW,
            "Window (choose in the system dialog)", CaptureDevice.Kind.SCREEN, false);

    /** Why sharing a real screen is limited here (or, for WAYLAND_PORTAL, how it works). */
    public enum Limitation {
        /** Wayland with a working screen cast portal: the system's dialog chooses, without previews. */
        WAYLAND_PORTAL,
        /** Wayland: the portal shares whole screens only (e.g. xdg-desktop-portal-wlr 0.7, Debian 12). */
        WAYLAND_PORTAL_NO_WINDOWS,
        /** Wayland without a screen cast portal on the session bus: only XWayland programs can be captured. */
        WAYLAND_NO_PORTAL,
        /** Wayland: the portal's ScreenCast interface is older than version 2 or offers no screens. */
        WAYLAND_PORTAL_TOO_OLD,
        /** Wayland: gst-launch-1.0 (gstreamer1.0-tools), which reads the portal's PipeWire stream, is missing. */
        WAYLAND_NO_GSTREAMER,
        /** Wayland: GStreamer's PipeWire element (gstreamer1.0-pipewire) is missing. */
        WAYLAND_NO_GSTREAMER_PIPEWIRE,
        /** No graphical desktop (headless machine). */
        NO_DESKTOP,
        /** macOS: single windows cannot be captured (no ScreenCaptureKit binding); whole screens can. */
        MAC_NO_WINDOWS
    }

    private final Map<String, String> environment;
    private final boolean syntheticOnly;
    /** The Wayland portal check, started with the factory (so the picker rarely waits), or null off Wayland. */
    private final CompletableFuture<WaylandPortalCheck.Result> portal;

    public ScreenCaptureFactory() {
        this(System.getenv(), false);
    }

    private ScreenCaptureFactory(Map<String, String> environment, boolean syntheticOnly) {
        this.environment = environment;
        this.syntheticOnly = syntheticOnly;
        this.portal = !syntheticOnly && present("WAYLAND_DISPLAY")
                && DeviceAddress.HostOs.current() == DeviceAddress.HostOs.LINUX
                ? CompletableFuture.supplyAsync(() -> WaylandPortalCheck.run(environment),
                        runnable -> Thread.ofVirtual().name("wayland-portal-check").start(runnable))
                        .completeOnTimeout(WaylandPortalCheck.Result.unavailable(Limitation.WAYLAND_NO_PORTAL),
                                PORTAL_CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                : null;
    }

    /**
     * Completes once what the picker asks here can be answered without waiting (the Wayland portal check, which
     * a stuck session bus can hold up to {@value #PORTAL_CHECK_TIMEOUT_SECONDS} s). Open the picker after it, so
     * that the JavaFX thread never waits for D-Bus.
     */
    public CompletableFuture<Void> ready() {
        return portal == null ? CompletableFuture.completedFuture(null) : portal.handle((result, error) -> null);
    }

    /** A factory offering only the synthetic screen (tests, bots, demos). */
    public static ScreenCaptureFactory syntheticOnly() {
        return new ScreenCaptureFactory(Map.of(), true);
    }

    /** A factory for the screens and windows of one X11 display (e.g. ":99"), whatever this desktop is. */
    public static ScreenCaptureFactory forX11Display(String display) {
        return new ScreenCaptureFactory(Map.of("DISPLAY", display), false);
    }

    /**
     * A factory for a desktop session described by these environment variables (WAYLAND_DISPLAY, DISPLAY,
     * DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR, ...) rather than this process's: tests of the platform rules,
     * and a test desktop (a private Wayland compositor, bus and portal).
     */
    public static ScreenCaptureFactory withEnvironment(Map<String, String> environment) {
        return new ScreenCaptureFactory(environment, false);
    }

    /** Real screens first, then the synthetic test screen (always present). */
    public List<CaptureDevice> screens() {
        List<CaptureDevice> screens = new ArrayList<>();
        if (!syntheticOnly) {
            try {
                screens.addAll(realScreens());
            } catch (RuntimeException | LinkageError e) {
                log.warn("Listing screens failed", e);
            }
        }
        screens.add(SYNTHETIC_SCREEN);
        return List.copyOf(screens);
    }

    /** What limits real screen sharing on this desktop, if anything. */
    public Optional<Limitation> limitation() {
        if (syntheticOnly) {
            return Optional.empty();
        }
        boolean wayland = present("WAYLAND_DISPLAY");
        boolean x11 = present("DISPLAY");
        if (DeviceAddress.HostOs.current() != DeviceAddress.HostOs.LINUX) {
            return Optional.empty();
        }
        if (wayland) {
            WaylandPortalCheck.Result check = portalCheck();
            return Optional.of(check.usable() ? Limitation.WAYLAND_PORTAL : check.problem());
        }
        return x11 ? Optional.empty() : Optional.of(Limitation.NO_DESKTOP);
    }

    /**
     * The application windows that can be shared one by one, Confab's own left out; empty where single windows
     * cannot be captured ({@link #windowLimitation()} says why).
     */
    public List<CaptureDevice> windows() {
        if (syntheticOnly) {
            return List.of();
        }
        try {
            if (portal != null && portalCheck().offers(ScreenCastPortal.WINDOW)) {
                return List.of(PORTAL_WINDOW);
            }
            return switch (DeviceAddress.HostOs.current()) {
                case LINUX -> present("DISPLAY") && hasFfmpegDevice("x11grab") ? x11Windows() : List.of();
                case WINDOWS -> hasFfmpegDevice("gdigrab") ? gdiWindows() : List.of();
                case MAC -> List.of();
            };
        } catch (RuntimeException | LinkageError e) {
            log.warn("Listing windows failed", e);
            return List.of();
        }
    }

    /** Why single windows cannot be shared here (or only some of them), if anything. */
    public Optional<Limitation> windowLimitation() {
        if (syntheticOnly) {
            return Optional.empty();
        }
        if (DeviceAddress.HostOs.current() == DeviceAddress.HostOs.MAC) {
            return Optional.of(Limitation.MAC_NO_WINDOWS);
        }
        if (portal != null && portalCheck().usable() && !portalCheck().offers(ScreenCastPortal.WINDOW)) {
            return Optional.of(Limitation.WAYLAND_PORTAL_NO_WINDOWS);
        }
        return limitation();
    }

    /** The window whose title is {@code title} (exactly, else the first containing it), as a share. */
    public Optional<CaptureDevice> windowTitled(String title) {
        List<CaptureDevice> windows = windows();
        return windows.stream().filter(w -> w.displayName().equals(title)).findFirst()
                .or(() -> windows.stream().filter(w -> w.displayName().contains(title)).findFirst());
    }

    private List<CaptureDevice> x11Windows() {
        String display = environment.get("DISPLAY");
        return X11WindowList.list(display).stream()
                .filter(w -> !w.ownedByThisProcess())
                .map(w -> new CaptureDevice(ScreenSource.x11WindowId(display, w.handle(), w.bounds().width,
                        w.bounds().height), w.title(), CaptureDevice.Kind.SCREEN, false))
                .toList();
    }

    private static List<CaptureDevice> gdiWindows() {
        // gdigrab finds a window by its exact title; Windows has no titles FFmpeg could not take.
        return Win32WindowList.list().stream()
                .filter(w -> !w.ownedByThisProcess())
                .map(w -> new CaptureDevice("gdigrab:title=" + w.title(), w.title(), CaptureDevice.Kind.SCREEN, false))
                .toList();
    }

    /** Starts capturing; pictures are at most {@code max} in size (aspect kept) at {@code max.fps()}. */
    public Capture openScreen(CaptureDevice device, VideoFormat max, VideoFrameListener listener) throws MediaException {
        return openScreen(device, max, listener, reason -> { });
    }

    /**
     * Starts capturing, as {@link #openScreen(CaptureDevice, VideoFormat, VideoFrameListener)}; where the
     * capture can end by itself (a Wayland screen cast the system stopped), {@code onEnded} hears why, on the
     * capture's thread. A portal source blocks until the user chose in the system's dialog; their Cancel is a
     * {@link CaptureCancelledException}.
     */
    public Capture openScreen(CaptureDevice device, VideoFormat max, VideoFrameListener listener,
                              Consumer<String> onEnded) throws MediaException {
        Objects.requireNonNull(listener, "listener");
        if (device.kind() != CaptureDevice.Kind.SCREEN) {
            throw new MediaException(device.displayName() + " is not a screen");
        }
        ScreenSource source = ScreenSource.of(device);
        if (!source.synthetic() && DeviceAddress.HostOs.current() == DeviceAddress.HostOs.WINDOWS) {
            Win32WindowList.excludeOwnWindowsFromCapture();
        }
        if (source.robot()) {
            return new RobotScreenCapture(device, max, listener);
        }
        if (source.portal()) {
            return PortalScreenCapture.open(device, source.portalSourceType(), environment, max, listener, onEnded);
        }
        VideoFrameListener delivered = source.x11CapturedArea()
                .<VideoFrameListener>map(area -> new OwnWindowMask(area, () -> ownX11Windows(source.x11Display()), listener))
                .orElse(listener);
        ScreenCapture capture = new ScreenCapture(device, max, delivered);
        capture.open();
        return capture;
    }

    /**
     * Whether a share of {@code device} would show Confab's own windows, because nothing on this system keeps
     * them out of it: a whole screen (or part of one) through the Wayland portal, macOS's avfoundation or the AWT
     * Robot outside Windows. (Windows excludes them from every capture; X11 captures have them painted over; a
     * single window is someone else's.) The app then minimizes its window while the share runs.
     */
    public static boolean showsOwnWindows(CaptureDevice device) {
        return showsOwnWindows(ScreenSource.of(device), DeviceAddress.HostOs.current());
    }

    /** How Confab's own windows stay out of a shared screen on this desktop, for the picker to say. */
    public enum OwnWindows { PAINTED_OVER, EXCLUDED_BY_SYSTEM, MINIMIZED }

    public OwnWindows ownWindowsInASharedScreen() {
        return switch (DeviceAddress.HostOs.current()) {
            case WINDOWS -> OwnWindows.EXCLUDED_BY_SYSTEM;
            case MAC -> OwnWindows.MINIMIZED;
            case LINUX -> present("WAYLAND_DISPLAY") ? OwnWindows.MINIMIZED : OwnWindows.PAINTED_OVER;
        };
    }

    static boolean showsOwnWindows(ScreenSource source, DeviceAddress.HostOs os) {
        if (source.synthetic() || source.kind() == ShareSourceKind.WINDOW) {
            return false;
        }
        return source.portal() || source.backend().equals("avfoundation")
                || (source.robot() && os != DeviceAddress.HostOs.WINDOWS);
    }

    /**
     * The part of {@code screen} between the fractions (0..1 of its width and height), as a device to
     * share, or empty where this screen's backend cannot capture a part (macOS avfoundation, or an X11
     * screen of unknown size).
     */
    public Optional<CaptureDevice> region(CaptureDevice screen, double left, double top, double right, double bottom) {
        ScreenSource source = ScreenSource.of(screen);
        if (!source.regionCapable() || source.region() != null || !(0 <= left && left < right && right <= 1
                && 0 <= top && top < bottom && bottom <= 1)) {
            return Optional.empty();
        }
        int[] full = source.fullSize();
        int x = (int) Math.round(left * full[0]);
        int y = (int) Math.round(top * full[1]);
        int width = (int) Math.round((right - left) * full[0]) & ~1;
        int height = (int) Math.round((bottom - top) * full[1]) & ~1;
        if (width < 16 || height < 16) {
            return Optional.empty();
        }
        var region = new ScreenSource.Region(x, y, Math.min(width, full[0] - x) & ~1, Math.min(height, full[1] - y) & ~1);
        return Optional.of(new CaptureDevice(screen.id() + region.suffix(),
                screen.displayName() + " (" + region.width() + "x" + region.height() + ")", screen.kind(), screen.synthetic()));
    }

    /**
     * A still picture of the screen, at most {@code maxWidth} x {@code maxHeight}: for the picker. None for a
     * portal source: the system's dialog chooses what is shared, only when sharing starts.
     */
    public Thumbnail thumbnail(CaptureDevice device, int maxWidth, int maxHeight) throws MediaException {
        if (ScreenSource.of(device).portal()) {
            throw new MediaException("No preview before the choice in the system dialog");
        }
        var first = new CompletableFuture<Thumbnail>();
        VideoFormat small = new VideoFormat(maxWidth & ~1, maxHeight & ~1, 5);
        try (Capture ignored = openScreen(device, small, (w, h, stride, bgra, time) -> {
            if (!first.isDone()) {
                first.complete(Thumbnail.copyOf(w, h, stride, bgra));
            }
        })) {
            return first.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new MediaException("No picture from " + device.displayName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("Interrupted", e);
        }
    }

    /** A tightly packed BGRA still (stride = width * 4). */
    public record Thumbnail(int width, int height, byte[] bgra) {
        static Thumbnail copyOf(int width, int height, int stride, ByteBuffer source) {
            byte[] pixels = new byte[width * height * 4];
            for (int row = 0; row < height; row++) {
                source.get(row * stride, pixels, row * width * 4, width * 4);
            }
            return new Thumbnail(width, height, pixels);
        }
    }

    private List<CaptureDevice> realScreens() {
        return switch (DeviceAddress.HostOs.current()) {
            case LINUX -> linuxScreens();
            case WINDOWS -> hasFfmpegDevice("gdigrab")
                    ? List.of(new CaptureDevice("gdigrab:desktop", "Entire desktop", CaptureDevice.Kind.SCREEN, false))
                    : robotScreens();
            case MAC -> hasFfmpegDevice("avfoundation")
                    ? List.of(new CaptureDevice("avfoundation:Capture screen 0", "Screen 1", CaptureDevice.Kind.SCREEN, false))
                    : robotScreens();
        };
    }

    private List<CaptureDevice> linuxScreens() {
        if (portal != null && portalCheck().usable()) {
            // XWayland's screen would show native Wayland windows black: the portal shares everything.
            return List.of(PORTAL_SCREEN);
        }
        if (!present("DISPLAY")) {
            return List.of(); // native Wayland or no desktop: see limitation()
        }
        String display = environment.get("DISPLAY");
        if (!hasFfmpegDevice("x11grab")) {
            return robotScreens();
        }
        List<Rectangle> monitors = monitors();
        if (monitors.isEmpty()) {
            return List.of(new CaptureDevice("x11grab:" + display, "Entire screen", CaptureDevice.Kind.SCREEN, false));
        }
        List<CaptureDevice> screens = new ArrayList<>();
        for (int i = 0; i < monitors.size(); i++) {
            Rectangle m = monitors.get(i);
            screens.add(new CaptureDevice(ScreenSource.x11Id(display, m.x, m.y, m.width, m.height),
                    "Screen " + (i + 1) + " (" + m.width + "x" + m.height + ")", CaptureDevice.Kind.SCREEN, false));
        }
        return screens;
    }

    /** Where this process's windows are on an X11 display. */
    private static List<Rectangle> ownX11Windows(String display) {
        try {
            return X11WindowList.list(display).stream().filter(WindowOnScreen::ownedByThisProcess)
                    .map(WindowOnScreen::bounds).toList();
        } catch (RuntimeException | LinkageError e) {
            log.warn("Cannot find Confab's own windows to leave them out of the share: {}", e.toString());
            return List.of();
        }
    }

    private static List<CaptureDevice> robotScreens() {
        List<CaptureDevice> screens = new ArrayList<>();
        List<Rectangle> monitors = monitors();
        for (int i = 0; i < monitors.size(); i++) {
            Rectangle m = monitors.get(i);
            screens.add(new CaptureDevice(ScreenSource.robotId(m.x, m.y, m.width, m.height),
                    "Screen " + (i + 1) + " (" + m.width + "x" + m.height + ")", CaptureDevice.Kind.SCREEN, false));
        }
        return screens;
    }

    /** Monitor rectangles from AWT, or nothing on a headless JVM. */
    private static List<Rectangle> monitors() {
        if (GraphicsEnvironment.isHeadless()) {
            return List.of();
        }
        try {
            List<Rectangle> bounds = new ArrayList<>();
            for (GraphicsDevice screen : GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices()) {
                bounds.add(screen.getDefaultConfiguration().getBounds());
            }
            return bounds;
        } catch (RuntimeException | Error e) {
            log.debug("No monitor geometry from AWT: {}", e.toString());
            return List.of();
        }
    }

    /** The portal check's result, waiting for it if it is still running (only right after the factory was made). */
    private WaylandPortalCheck.Result portalCheck() {
        try {
            return portal.get(PORTAL_CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("The Wayland screen cast portal check did not finish: {}", e.toString());
            return WaylandPortalCheck.Result.unavailable(Limitation.WAYLAND_NO_PORTAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WaylandPortalCheck.Result.unavailable(Limitation.WAYLAND_NO_PORTAL);
        }
    }

    private static boolean hasFfmpegDevice(String name) {
        Ffmpeg.ensureInitialized();
        return avformat.av_find_input_format(name) != null;
    }

    private boolean present(String variable) {
        String value = environment.get(variable);
        return value != null && !value.isBlank();
    }
}
