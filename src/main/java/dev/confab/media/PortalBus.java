package dev.confab.media;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.Map;

/**
 * The parts of the xdg-desktop-portal D-Bus API that screen sharing uses, as dbus-java proxies: the ScreenCast
 * interface, the Request objects whose {@code Response} signal answers each call, and the Session to close.
 * Public only because dbus-java builds proxies and signals by reflection.
 */
public final class PortalBus {
    static final String SERVICE = "org.freedesktop.portal.Desktop";
    static final String OBJECT = "/org/freedesktop/portal/desktop";
    static final String SCREEN_CAST = "org.freedesktop.portal.ScreenCast";

    private PortalBus() {
    }

    /** org.freedesktop.portal.ScreenCast: each call returns the path of a Request that answers later. */
    @DBusInterfaceName(SCREEN_CAST)
    public interface ScreenCast extends DBusInterface {
        DBusPath CreateSession(Map<String, Variant<?>> options);

        DBusPath SelectSources(DBusPath session, Map<String, Variant<?>> options);

        DBusPath Start(DBusPath session, String parentWindow, Map<String, Variant<?>> options);
    }

    /** org.freedesktop.portal.Request: one pending call, answered by its Response signal. */
    @DBusInterfaceName("org.freedesktop.portal.Request")
    public interface Request extends DBusInterface {
        /** 0: success, 1: the user cancelled, 2: ended otherwise; results as the call documents them. */
        final class Response extends DBusSignal {
            private final UInt32 response;
            private final Map<String, Variant<?>> results;

            public Response(String path, UInt32 response, Map<String, Variant<?>> results) throws DBusException {
                super(path, response, results);
                this.response = response;
                this.results = results;
            }

            int code() {
                return response.intValue();
            }

            Map<String, Variant<?>> results() {
                return results;
            }
        }
    }

    /** org.freedesktop.portal.Session: closing it ends the screen cast and its PipeWire stream. */
    @DBusInterfaceName("org.freedesktop.portal.Session")
    public interface Session extends DBusInterface {
        void Close();
    }
}
