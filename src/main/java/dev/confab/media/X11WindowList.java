package dev.confab.media;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.platform.unix.X11;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

import java.awt.Rectangle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The application windows of an X11 display (XWayland included), through libX11 with JNA's maintained X11
 * binding rather than by parsing {@code xwininfo}: no extra program to install, and titles arrive as UTF-8.
 * With a window manager, its {@code _NET_CLIENT_LIST} names the application windows; without one (a bare Xvfb),
 * the root's viewable children are. Titles come from {@code _NET_WM_NAME} (else {@code WM_NAME}), the owner
 * from {@code _NET_WM_PID}; the desktop background and panels ({@code _NET_WM_WINDOW_TYPE} DESKTOP, DOCK) are left
 * out. Each call opens its own connection, so any thread may list.
 */
final class X11WindowList {
    /** Xlib's window, string and cardinal properties are arrays of C longs, whatever their "format" of 32. */
    private static final int LONG_SIZE = Native.LONG_SIZE;

    private X11WindowList() {
    }

    /** The windows of {@code display} (e.g. ":0"), top-level and viewable, with a title; empty when X is unreachable. */
    static List<WindowOnScreen> list(String display) {
        X11 x = X11.INSTANCE;
        X11.Display connection = x.XOpenDisplay(display);
        if (connection == null) {
            return List.of();
        }
        // A window can close between the listing and the questions about it: Xlib's default handler would
        // end the whole process on that BadWindow, so errors on this connection are ignored (others chained).
        X11.XErrorHandler[] previous = new X11.XErrorHandler[1];
        X11.XErrorHandler ignoreOurs = (d, event) -> {
            if (connection.equals(d)) {
                return 0;
            }
            return previous[0] == null ? 0 : previous[0].apply(d, event);
        };
        previous[0] = x.XSetErrorHandler(ignoreOurs);
        try {
            X11.Window root = x.XDefaultRootWindow(connection);
            List<WindowOnScreen> windows = new ArrayList<>();
            for (long id : candidates(x, connection, root)) {
                describe(x, connection, root, new X11.Window(id)).ifPresent(windows::add);
            }
            return windows;
        } finally {
            x.XSync(connection, false); // every error of this connection is handled before the handler goes
            x.XSetErrorHandler(previous[0]);
            x.XCloseDisplay(connection);
        }
    }

    private static List<Long> candidates(X11 x, X11.Display connection, X11.Window root) {
        List<Long> managed = longs(x, connection, root, "_NET_CLIENT_LIST", X11.XA_WINDOW);
        if (!managed.isEmpty()) {
            return managed;
        }
        X11.WindowByReference rootOut = new X11.WindowByReference();
        X11.WindowByReference parent = new X11.WindowByReference();
        PointerByReference children = new PointerByReference();
        IntByReference count = new IntByReference();
        if (x.XQueryTree(connection, root, rootOut, parent, children, count) == 0 || children.getValue() == null) {
            return List.of();
        }
        try {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count.getValue(); i++) {
                ids.add(children.getValue().getNativeLong((long) i * LONG_SIZE).longValue());
            }
            return ids;
        } finally {
            x.XFree(children.getValue());
        }
    }

    private static Optional<WindowOnScreen> describe(X11 x, X11.Display connection, X11.Window root, X11.Window window) {
        X11.XWindowAttributes attributes = new X11.XWindowAttributes();
        if (x.XGetWindowAttributes(connection, window, attributes) == 0 || attributes.map_state != X11.IsViewable
                || attributes.override_redirect || attributes.width < 2 || attributes.height < 2) {
            return Optional.empty(); // hidden, a menu or tooltip, or gone
        }
        String title = text(x, connection, window, "_NET_WM_NAME", x.XInternAtom(connection, "UTF8_STRING", false),
                StandardCharsets.UTF_8)
                .or(() -> text(x, connection, window, "WM_NAME", X11.XA_STRING, StandardCharsets.ISO_8859_1))
                .filter(t -> !t.isBlank())
                .orElse(null);
        if (title == null || desktopPart(x, connection, window)) {
            return Optional.empty();
        }
        List<Long> pid = longs(x, connection, window, "_NET_WM_PID", X11.XA_CARDINAL);
        IntByReference rootX = new IntByReference();
        IntByReference rootY = new IntByReference();
        x.XTranslateCoordinates(connection, window, root, 0, 0, rootX, rootY, new X11.WindowByReference());
        return Optional.of(new WindowOnScreen(window.longValue(), title, pid.isEmpty() ? 0 : pid.getFirst(),
                new Rectangle(rootX.getValue(), rootY.getValue(), attributes.width, attributes.height)));
    }

    /** The desktop background or a panel/dock: part of the desktop, not an application window one would share. */
    private static boolean desktopPart(X11 x, X11.Display connection, X11.Window window) {
        List<Long> types = longs(x, connection, window, "_NET_WM_WINDOW_TYPE", X11.XA_ATOM);
        long desktop = x.XInternAtom(connection, "_NET_WM_WINDOW_TYPE_DESKTOP", false).longValue();
        long dock = x.XInternAtom(connection, "_NET_WM_WINDOW_TYPE_DOCK", false).longValue();
        return types.contains(desktop) || types.contains(dock);
    }

    private static List<Long> longs(X11 x, X11.Display connection, X11.Window window, String property, X11.Atom type) {
        return property(x, connection, window, property, type, (items, data) -> {
            List<Long> values = new ArrayList<>(items);
            for (int i = 0; i < items; i++) {
                values.add(data.getNativeLong((long) i * LONG_SIZE).longValue() & 0xFFFF_FFFFL);
            }
            return values;
        }).orElse(List.of());
    }

    private static Optional<String> text(X11 x, X11.Display connection, X11.Window window, String property,
                                         X11.Atom type, java.nio.charset.Charset charset) {
        return property(x, connection, window, property, type,
                (items, data) -> new String(data.getByteArray(0, items), charset));
    }

    private interface PropertyReader<T> {
        T read(int items, Pointer data);
    }

    private static <T> Optional<T> property(X11 x, X11.Display connection, X11.Window window, String name,
                                            X11.Atom type, PropertyReader<T> reader) {
        // only_if_exists=false: JNA passes Java's true in a way Xlib refuses (BadValue); an extra atom is harmless.
        X11.Atom atom = x.XInternAtom(connection, name, false);
        X11.AtomByReference actualType = new X11.AtomByReference();
        IntByReference format = new IntByReference();
        NativeLongByReference items = new NativeLongByReference();
        NativeLongByReference remaining = new NativeLongByReference();
        PointerByReference data = new PointerByReference();
        int status = x.XGetWindowProperty(connection, window, atom, new NativeLong(0), new NativeLong(4096), false,
                type, actualType, format, items, remaining, data);
        if (status != 0 || data.getValue() == null) {
            return Optional.empty();
        }
        try {
            if (actualType.getValue() == null || actualType.getValue().longValue() != type.longValue()
                    || items.getValue().intValue() == 0) {
                return Optional.empty();
            }
            return Optional.of(reader.read(items.getValue().intValue(), data.getValue()));
        } finally {
            x.XFree(data.getValue());
        }
    }
}
