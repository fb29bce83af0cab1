package dev.confab.media;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection to the desktop's xdg-desktop-portal (session bus) for screen casting: what it offers
 * ({@link #capabilities()}) and a screen cast the user chooses in the system's dialog ({@link #start}).
 * Every portal call is answered later by a Request object's Response signal; the handler is in place before
 * the call (its path is predictable from the handle_token), so no answer can be missed. Close it to leave the bus.
 */
final class ScreenCastPortal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScreenCastPortal.class);
    /** Source types and cursor modes, as the portal numbers them. */
    static final int MONITOR = 1;
    static final int WINDOW = 2;
    private static final int CURSOR_EMBEDDED = 2;
    private static final Duration SHORT_CALL = Duration.ofSeconds(10);
    private static final AtomicLong TOKENS = new AtomicLong();

    /** What the portal offers: interface version and bit sets of source types and cursor modes. */
    record Capabilities(int version, int sourceTypes, int cursorModes) {
        boolean offers(int sourceType) {
            return (sourceTypes & sourceType) != 0;
        }
    }

    /** The picture stream of a started screen cast: a PipeWire node and its size (0 when the portal did not say). */
    record Stream(int pipeWireNode, int width, int height) {
    }

    private final DBusConnection bus;
    private final PortalBus.ScreenCast screenCast;
    private final Map<String, CompletableFuture<PortalBus.Request.Response>> pending = new ConcurrentHashMap<>();
    private final AutoCloseable responses;
    private volatile DBusPath session;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ScreenCastPortal(DBusConnection bus) throws DBusException {
        this.bus = bus;
        this.screenCast = bus.getRemoteObject(PortalBus.SERVICE, PortalBus.OBJECT, PortalBus.ScreenCast.class);
        this.responses = bus.addSigHandler(PortalBus.Request.Response.class, signal -> {
            CompletableFuture<PortalBus.Request.Response> waiting = pending.remove(signal.getPath());
            if (waiting != null) {
                waiting.complete(signal);
            }
        });
    }

    /**
     * Connects to the session bus that {@code environment} names: DBUS_SESSION_BUS_ADDRESS, else the usual
     * {@code $XDG_RUNTIME_DIR/bus} of a systemd user session (what libdbus and sd-bus fall back to as well).
     */
    static ScreenCastPortal connect(Map<String, String> environment) throws MediaException {
        String busAddress = environment.get("DBUS_SESSION_BUS_ADDRESS");
        String runtime = environment.get("XDG_RUNTIME_DIR");
        if ((busAddress == null || busAddress.isBlank()) && runtime != null && Files.exists(Path.of(runtime, "bus"))) {
            busAddress = "unix:path=" + Path.of(runtime, "bus");
        }
        if (busAddress == null || busAddress.isBlank()) {
            throw new MediaException("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
        }
        DBusConnection bus = null;
        try {
            bus = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
            return new ScreenCastPortal(bus);
        } catch (DBusException | RuntimeException e) {
            if (bus != null) {
                bus.disconnect();
            }
            throw new MediaException("Cannot reach the D-Bus session bus: " + e.getMessage(), e);
        }
    }

    /** The ScreenCast interface's properties; fails when no portal, or no ScreenCast in it, answers. */
    Capabilities capabilities() throws MediaException {
        try {
            Properties properties = bus.getRemoteObject(PortalBus.SERVICE, PortalBus.OBJECT, Properties.class);
            Map<String, Variant<?>> all = properties.GetAll(PortalBus.SCREEN_CAST);
            return new Capabilities(unsigned(all.get("version")), unsigned(all.get("AvailableSourceTypes")),
                    unsigned(all.get("AvailableCursorModes")));
        } catch (DBusExecutionException | DBusException | ClassCastException e) {
            throw new MediaException("No screen cast portal: " + e.getMessage(), e);
        }
    }

    /**
     * Asks the portal for a screen cast of {@code sourceType} (MONITOR or WINDOW), the pointer drawn in where the
     * portal can; the system's dialog lets the user pick (or says nothing when the portal is set up to choose).
     * Waits at most {@code choice} for the user. The user's "Cancel" is a {@link CaptureCancelledException}.
     */
    Stream start(int sourceType, Capabilities capabilities, Duration choice) throws MediaException {
        try {
            Map<String, Variant<?>> created = call("CreateSession", SHORT_CALL, token -> screenCast.CreateSession(
                    options(token, Map.of("session_handle_token", new Variant<>(token)))));
            session = new DBusPath(String.valueOf(created.get("session_handle").getValue()));
            Map<String, Variant<?>> select = new HashMap<>();
            select.put("types", new Variant<>(new UInt32(sourceType)));
            select.put("multiple", new Variant<>(false));
            if ((capabilities.cursorModes() & CURSOR_EMBEDDED) != 0) {
                select.put("cursor_mode", new Variant<>(new UInt32(CURSOR_EMBEDDED)));
            }
            call("SelectSources", SHORT_CALL, token -> screenCast.SelectSources(session, options(token, select)));
            Map<String, Variant<?>> started = call("Start", choice,
                    token -> screenCast.Start(session, "", options(token, Map.of())));
            return firstStream(started.get("streams"));
        } catch (DBusExecutionException e) {
            throw new MediaException("The screen cast portal refused: " + e.getMessage(), e);
        }
    }

    private interface PortalCall {
        DBusPath invoke(String token);
    }

    /** Makes one portal call and waits for its Response; the results when the response is 0 (success). */
    private Map<String, Variant<?>> call(String name, Duration patience, PortalCall call) throws MediaException {
        String token = "confab" + ProcessHandle.current().pid() + "_" + TOKENS.incrementAndGet();
        String sender = bus.getUniqueName().substring(1).replace('.', '_');
        String expected = PortalBus.OBJECT + "/request/" + sender + "/" + token;
        var answer = new CompletableFuture<PortalBus.Request.Response>();
        pending.put(expected, answer);
        try {
            String path = call.invoke(token).getPath();
            if (!path.equals(expected)) { // an older portal that ignores handle_token
                pending.remove(expected);
                pending.put(path, answer);
            }
            PortalBus.Request.Response response = answer.get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return switch (response.code()) {
                case 0 -> response.results();
                case 1 -> throw new CaptureCancelledException("Sharing was cancelled in the system dialog");
                default -> throw new MediaException("The screen cast portal ended " + name + " (response "
                        + response.code() + ")");
            };
        } catch (TimeoutException e) {
            throw new MediaException("No answer from the screen cast portal to " + name + " within "
                    + patience.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new MediaException("The screen cast portal failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("Interrupted", e);
        } finally {
            pending.values().remove(answer);
        }
    }

    private static Map<String, Variant<?>> options(String token, Map<String, Variant<?>> more) {
        Map<String, Variant<?>> options = new HashMap<>(more);
        options.put("handle_token", new Variant<>(token));
        return options;
    }

    /** The first stream of Start's {@code streams} (a(ua{sv})): its node id and {@code size}. */
    private static Stream firstStream(Variant<?> streams) throws MediaException {
        if (streams == null || !(streams.getValue() instanceof List<?> list) || list.isEmpty()) {
            throw new MediaException("The screen cast portal started no stream");
        }
        Object[] stream = parts(list.getFirst());
        int node = ((Number) stream[0]).intValue();
        int width = 0;
        int height = 0;
        if (stream[1] instanceof Map<?, ?> properties && properties.get("size") instanceof Variant<?> size) {
            Object[] wh = parts(size.getValue());
            width = ((Number) wh[0]).intValue();
            height = ((Number) wh[1]).intValue();
        }
        return new Stream(node, width, height);
    }

    /** The members of a D-Bus struct, which dbus-java hands over as an array or a list. */
    private static Object[] parts(Object struct) throws MediaException {
        return switch (struct) {
            case Object[] array -> array;
            case List<?> members -> members.toArray();
            default -> throw new MediaException("Unexpected screen cast stream description: " + struct);
        };
    }

    private static int unsigned(Variant<?> value) {
        return value == null ? 0 : ((Number) value.getValue()).intValue();
    }

    /** Ends the screen cast (its PipeWire stream goes away) and leaves the bus. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        DBusPath started = session;
        session = null;
        if (started != null) {
            try {
                bus.getRemoteObject(PortalBus.SERVICE, started.getPath(), PortalBus.Session.class).Close();
            } catch (DBusException | DBusExecutionException e) {
                log.debug("Closing the screen cast session: {}", e.toString());
            }
        }
        try {
            responses.close();
        } catch (Exception e) {
            log.debug("Removing the portal signal handler: {}", e.toString());
        }
        bus.disconnect();
    }
}
