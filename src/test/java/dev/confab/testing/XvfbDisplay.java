package dev.confab.testing;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.platform.unix.X11;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real X server (Xvfb, installed by .ci/run) on a display number it picks itself ({@code -displayfd}), with a
 * black root window, and plain coloured application windows opened on it through libX11: what a desktop with
 * other programs looks like to the window list and to x11grab. Close it to end the server.
 */
public final class XvfbDisplay implements AutoCloseable {
    /** libX11 calls that JNA's binding lacks. */
    private interface MoreXlib extends Library {
        MoreXlib INSTANCE = Native.load("X11", MoreXlib.class);

        int XMoveWindow(X11.Display display, X11.Window window, int x, int y);

        int XSetWindowBackground(X11.Display display, X11.Window window, NativeLong pixel);

        int XClearWindow(X11.Display display, X11.Window window);
    }

    private final Process server;
    private final String name;
    private final X11.Display connection;

    private XvfbDisplay(Process server, String name, X11.Display connection) {
        this.server = server;
        this.name = name;
        this.connection = connection;
    }

    /** Starts Xvfb with one screen of {@code width} x {@code height} at 24 bits; waits until it accepts clients. */
    public static XvfbDisplay start(int width, int height) throws Exception {
        Process server = new ProcessBuilder("/usr/bin/Xvfb", "-displayfd", "1", "-br", "-nolisten", "tcp",
                "-screen", "0", width + "x" + height + "x24")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String number = CompletableFuture.supplyAsync(() -> {
                try {
                    return new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).get(20, TimeUnit.SECONDS);
            if (number == null) {
                throw new IllegalStateException("Xvfb ended without a display: " + server.waitFor());
            }
            String name = ":" + number.trim();
            X11.Display connection = X11.INSTANCE.XOpenDisplay(name);
            if (connection == null) {
                throw new IllegalStateException("Cannot connect to Xvfb at " + name);
            }
            return new XvfbDisplay(server, name, connection);
        } catch (Exception | Error e) {
            server.destroyForcibly();
            throw e;
        }
    }

    /** The display's name for DISPLAY and x11grab, e.g. ":7". */
    public String name() {
        return name;
    }

    /** The X server's process id: a process other than the test's, to own windows "of another program". */
    public long serverPid() {
        return server.pid();
    }

    /**
     * Opens (maps) a window filled with {@code rgb} (0xRRGGBB) with this title, owned by process {@code pid}
     * as {@code _NET_WM_PID} says; returns its X11 id once the server has it on screen.
     */
    public long openWindow(String title, int rgb, int x, int y, int width, int height, long pid) {
        X11 xlib = X11.INSTANCE;
        X11.Window window = xlib.XCreateSimpleWindow(connection, xlib.XDefaultRootWindow(connection), x, y, width,
                height, 0, 0, rgb);
        byte[] utf8 = title.getBytes(StandardCharsets.UTF_8);
        Memory text = new Memory(utf8.length + 1);
        text.write(0, utf8, 0, utf8.length);
        text.setByte(utf8.length, (byte) 0);
        xlib.XChangeProperty(connection, window, xlib.XInternAtom(connection, "_NET_WM_NAME", false),
                xlib.XInternAtom(connection, "UTF8_STRING", false), 8, X11.PropModeReplace, text, utf8.length);
        Memory owner = new Memory(Native.LONG_SIZE);
        owner.setNativeLong(0, new NativeLong(pid));
        xlib.XChangeProperty(connection, window, xlib.XInternAtom(connection, "_NET_WM_PID", false), X11.XA_CARDINAL,
                32, X11.PropModeReplace, owner, 1);
        xlib.XMapRaised(connection, window);
        xlib.XSync(connection, false);
        return window.longValue();
    }

    /** Fills the desktop (the root window, behind every window) with {@code rgb}. */
    public void paintDesktop(int rgb) {
        X11.Window root = X11.INSTANCE.XDefaultRootWindow(connection);
        MoreXlib.INSTANCE.XSetWindowBackground(connection, root, new NativeLong(rgb));
        MoreXlib.INSTANCE.XClearWindow(connection, root);
        X11.INSTANCE.XSync(connection, false);
    }

    /** Marks a window opened here as being of this {@code _NET_WM_WINDOW_TYPE}, e.g. "_NET_WM_WINDOW_TYPE_DOCK". */
    public void setWindowType(long window, String type) {
        X11 xlib = X11.INSTANCE;
        Memory atom = new Memory(Native.LONG_SIZE);
        atom.setNativeLong(0, new NativeLong(xlib.XInternAtom(connection, type, false).longValue()));
        xlib.XChangeProperty(connection, new X11.Window(window), xlib.XInternAtom(connection, "_NET_WM_WINDOW_TYPE", false),
                X11.XA_ATOM, 32, X11.PropModeReplace, atom, 1);
        xlib.XSync(connection, false);
    }

    /** Moves a window opened here to a new place. */
    public void moveWindow(long window, int x, int y) {
        MoreXlib.INSTANCE.XMoveWindow(connection, new X11.Window(window), x, y);
        X11.INSTANCE.XSync(connection, false);
    }

    @Override
    public void close() throws InterruptedException {
        X11.INSTANCE.XCloseDisplay(connection);
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }
}
