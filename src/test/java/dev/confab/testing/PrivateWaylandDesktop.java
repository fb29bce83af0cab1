package dev.confab.testing;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.DBus;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A private Wayland desktop with a screen cast portal, as a real Linux desktop has it, in a temporary directory
 * of its own (installed by .ci/run; nothing of the machine's own session is touched): a D-Bus session bus
 * (without service activation: every daemon is started here, with explicit variables), PipeWire with
 * WirePlumber, a headless sway whose one output HEADLESS-1 ({@link #WIDTH} x {@link #HEIGHT}) shows a plain
 * background of {@link #BACKGROUND}, and xdg-desktop-portal with xdg-desktop-portal-wlr set to share that output
 * without asking (chooser_type=none). {@link #environment()} is what a client of that session sees.
 * {@link #withoutPortal()} is the same session before the portal is started. Close it to end everything.
 *
 * <p>sway refuses to run as root; as root it runs as user nobody in a runtime directory of its own. Without the
 * tools installed the test is skipped with a reason, except in CI (CI set), where that is a failure.
 */
public final class PrivateWaylandDesktop implements AutoCloseable {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;
    /** The output's background, 0xRRGGBB. */
    public static final int BACKGROUND = 0x20C040;
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final List<String> TOOLS = List.of("/usr/bin/dbus-daemon", "/usr/bin/pipewire", "/usr/bin/wireplumber",
            "/usr/bin/sway", "/usr/bin/swaybg", "/usr/libexec/xdg-desktop-portal", "/usr/libexec/xdg-desktop-portal-wlr",
            "/usr/libexec/xdg-permission-store", "/usr/bin/gst-launch-1.0", "/usr/bin/setpriv", "/usr/bin/pw-cli");

    private final Path directory;
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<Process, String> names = new HashMap<>();
    private String waylandSocket;
    private int backends;

    private PrivateWaylandDesktop(Path directory) {
        this.directory = directory;
    }

    /** Bus, PipeWire and compositor, without the portal yet ({@link #startPortal()} adds it). */
    public static PrivateWaylandDesktop withoutPortal() throws Exception {
        List<String> missing = TOOLS.stream().filter(tool -> !Files.isExecutable(Path.of(tool))).toList();
        if (!missing.isEmpty()) {
            String message = "missing " + missing + " (apt-get install sway xdg-desktop-portal xdg-desktop-portal-wlr"
                    + " pipewire wireplumber gstreamer1.0-pipewire gstreamer1.0-tools dbus)";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message + ": skipping the real Wayland screen cast test");
        }
        Path directory = Files.createTempDirectory("confab-wayland");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateWaylandDesktop desktop = new PrivateWaylandDesktop(directory);
        try {
            desktop.startBus();
            desktop.startPipeWire();
            desktop.startCompositor();
            return desktop;
        } catch (Exception | Error e) {
            desktop.close();
            throw e;
        }
    }

    /** The whole desktop, the portal included and answering. */
    public static PrivateWaylandDesktop start() throws Exception {
        PrivateWaylandDesktop desktop = withoutPortal();
        try {
            desktop.startPortal();
            return desktop;
        } catch (Exception | Error e) {
            desktop.close();
            throw e;
        }
    }

    /** The variables a program in this session sees: WAYLAND_DISPLAY, DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR, HOME. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    private void startBus() throws Exception {
        Path runtime = directory.resolve("run");
        Files.createDirectory(runtime, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path config = directory.resolve("bus.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(runtime.resolve("bus")));
        environment.put("HOME", directory.toString());
        environment.put("XDG_RUNTIME_DIR", runtime.toString());
        environment.put("XDG_CONFIG_HOME", directory.resolve("config").toString());
        environment.put("XDG_CURRENT_DESKTOP", "sway");
        Process bus = start("dbus", List.of("/usr/bin/dbus-daemon", "--config-file=" + config, "--nofork",
                "--print-address=1"), Map.of(), false);
        String address = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(STEP.toSeconds(), TimeUnit.SECONDS);
        if (address == null) {
            throw new IllegalStateException("dbus-daemon ended: " + log("dbus"));
        }
        environment.put("DBUS_SESSION_BUS_ADDRESS", address.trim());
    }

    private void startPipeWire() throws Exception {
        start("pipewire", List.of("/usr/bin/pipewire"), Map.of(), true);
        awaitFile("pipewire", Path.of(environment.get("XDG_RUNTIME_DIR"), "pipewire-0"));
        start("wireplumber", List.of("/usr/bin/wireplumber"), Map.of(), true);
    }

    private void startCompositor() throws Exception {
        Path swayRuntime = directory.resolve("sway");
        Files.createDirectory(swayRuntime, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path config = directory.resolve("sway.conf");
        Files.writeString(config, """
                xwayland disable
                output HEADLESS-1 resolution %dx%d bg #%06X solid_color
                """.formatted(WIDTH, HEIGHT, BACKGROUND));
        List<String> command = new ArrayList<>();
        if (isRoot()) { // sway refuses to start as root
            UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
            PosixFileAttributeView owner = Files.getFileAttributeView(swayRuntime, PosixFileAttributeView.class);
            owner.setOwner(users.lookupPrincipalByName("nobody"));
            owner.setGroup(users.lookupPrincipalByGroupName("nogroup"));
            command.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of("/usr/bin/sway", "-c", config.toString()));
        start("sway", command, Map.of("XDG_RUNTIME_DIR", swayRuntime.toString(), "HOME", swayRuntime.toString(),
                "WLR_BACKENDS", "headless", "WLR_LIBINPUT_NO_DEVICES", "1", "WLR_RENDERER", "pixman"), true);
        Path[] socket = new Path[1];
        await().atMost(STEP).pollInterval(Duration.ofMillis(50)).until(() -> {
            checkAlive("sway");
            socket[0] = waylandSocketIn(swayRuntime).orElse(null);
            return socket[0] != null;
        });
        waylandSocket = socket[0].toString();
        environment.put("WAYLAND_DISPLAY", waylandSocket);
    }

    /** xdg-desktop-portal with the wlr backend, sharing HEADLESS-1 without a dialog; returns once it answers. */
    public void startPortal() throws Exception {
        start("permission-store", List.of("/usr/libexec/xdg-permission-store", "--replace"), Map.of(), true);
        startPortalBackend(false);
        start("portal", List.of("/usr/libexec/xdg-desktop-portal", "--replace"),
                Map.of("WAYLAND_DISPLAY", waylandSocket), true);
        awaitName("portal", "org.freedesktop.portal.Desktop");
    }

    /**
     * Replaces the wlr backend: with {@code userCancels} its output chooser is a command that fails, which is
     * what the user's Cancel in a chooser dialog looks like to the portal; otherwise it picks HEADLESS-1 itself.
     */
    public void startPortalBackend(boolean userCancels) throws Exception {
        Path wlrConfig = directory.resolve(userCancels ? "xdpw-cancel.conf" : "xdpw.conf");
        Files.writeString(wlrConfig, userCancels ? """
                [screencast]
                chooser_type=dmenu
                chooser_cmd=/bin/false
                """ : """
                [screencast]
                output_name=HEADLESS-1
                chooser_type=none
                """);
        String name = "portal-wlr" + backends++;
        String busName = "org.freedesktop.impl.portal.desktop.wlr";
        String before = owner(busName);
        start(name, List.of("/usr/libexec/xdg-desktop-portal-wlr", "--replace", "-l", "INFO", "-c", wlrConfig.toString()),
                Map.of("WAYLAND_DISPLAY", waylandSocket), true);
        await().atMost(STEP).pollInterval(Duration.ofMillis(50)).until(() -> {
            checkAlive(name);
            String now = owner(busName);
            return !now.isEmpty() && !now.equals(before);
        });
    }

    /** The unique name owning {@code busName}, or "" when nobody does. */
    private String owner(String busName) throws Exception {
        try (DBusConnection bus = DBusConnectionBuilder.forAddress(environment.get("DBUS_SESSION_BUS_ADDRESS"))
                .withShared(false).build()) {
            DBus daemon = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            return daemon.NameHasOwner(busName) ? daemon.GetNameOwner(busName) : "";
        }
    }

    /**
     * A real PipeWire video source in this session (GStreamer's test picture filled with {@code rgb}, 15 frames
     * a second, {@code width} x {@code height}), as a screen cast's stream would be; returns its node id. It
     * runs until the desktop is closed.
     */
    public int startVideoNode(String name, int rgb, int width, int height) throws Exception {
        start(name, List.of("/usr/bin/gst-launch-1.0", "-q", "videotestsrc", "is-live=true", "pattern=solid-color",
                "foreground-color=" + (0xFF000000L | rgb), "!",
                "video/x-raw,format=BGRx,width=" + width + ",height=" + height + ",framerate=15/1", "!",
                "pipewiresink", "mode=provide", "stream-properties=p,media.class=Video/Source,node.name=" + name),
                Map.of(), true);
        int[] node = {-1};
        await().atMost(STEP).pollInterval(Duration.ofMillis(100)).until(() -> {
            checkAlive(name);
            node[0] = nodeNamed(name);
            return node[0] >= 0;
        });
        return node[0];
    }

    /** Ends the video node started as {@code name}: its stream goes away, as a screen cast's does when it stops. */
    public void stopVideoNode(String name) throws InterruptedException {
        for (var entry : names.entrySet()) {
            if (entry.getValue().equals(name)) {
                entry.getKey().destroy();
                entry.getKey().waitFor(3, TimeUnit.SECONDS);
            }
        }
    }

    /** The id of the PipeWire node called {@code name}, from {@code pw-cli ls Node}; -1 while there is none. */
    private int nodeNamed(String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/pw-cli", "ls", "Node").redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process list = builder.start();
        String text = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor(5, TimeUnit.SECONDS);
        int id = -1;
        for (String line : text.split("\n")) {
            var header = java.util.regex.Pattern.compile("^\\s*id (\\d+), type PipeWire:Interface:Node").matcher(line);
            if (header.find()) {
                id = Integer.parseInt(header.group(1));
            } else if (line.trim().equals("node.name = \"" + name + "\"")) {
                return id;
            }
        }
        return -1;
    }

    private void awaitName(String process, String name) throws Exception {
        try (DBusConnection bus = DBusConnectionBuilder.forAddress(environment.get("DBUS_SESSION_BUS_ADDRESS"))
                .withShared(false).build()) {
            DBus daemon = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            await().atMost(STEP).pollInterval(Duration.ofMillis(50)).until(() -> {
                checkAlive(process);
                return daemon.NameHasOwner(name);
            });
        }
    }

    private Process start(String name, List<String> command, Map<String, String> extra, boolean logToFile)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (logToFile) {
            builder.redirectOutput(directory.resolve(name + ".log").toFile());
        } else {
            builder.redirectError(directory.resolve(name + ".log").toFile());
        }
        Map<String, String> env = builder.environment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.remove("DBUS_SESSION_BUS_ADDRESS");
        env.putAll(environment);
        env.putAll(extra);
        Process process = builder.start();
        processes.add(process);
        names.put(process, name);
        return process;
    }

    private void checkAlive(String name) {
        names.forEach((process, processName) -> {
            if (processName.equals(name) && !process.isAlive()) {
                throw new IllegalStateException(name + " ended: " + log(name));
            }
        });
    }

    private void awaitFile(String process, Path file) {
        await().atMost(STEP).pollInterval(Duration.ofMillis(50)).until(() -> {
            checkAlive(process);
            return Files.exists(file);
        });
    }

    private static Optional<Path> waylandSocketIn(Path runtime) throws IOException {
        try (Stream<Path> files = Files.list(runtime)) {
            return files.filter(f -> f.getFileName().toString().matches("wayland-\\d+")).findFirst();
        }
    }

    /** The last part of one daemon's messages, for failure reports. */
    public String log(String name) {
        try {
            String text = Files.readString(directory.resolve(name + ".log"));
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean isRoot() {
        try {
            return "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                    StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            return false;
        }
    }

    /** Ends every daemon (newest first; forcibly after 3 s) and their children, and deletes the directory. */
    @Override
    public void close() {
        for (Process process : processes.reversed()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        for (Process process : processes.reversed()) {
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
