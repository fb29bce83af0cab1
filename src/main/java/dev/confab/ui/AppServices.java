package dev.confab.ui;

import dev.confab.media.CaptureFactory;
import dev.confab.storage.AppPaths;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the desktop app needs from outside the UI. Production passes the real parts; tests pass
 * recording fakes to prove, for example, that nothing is captured or connected before consent.
 *
 * @param capture  the only way to open cameras and microphones; not touched before consent
 * @param meetings the lobby's New meeting / Join actions (the only path to the network); not touched before consent
 * @param exit     ends the application (Platform::exit in production)
 * @param osLocale the language to start with when the user has not chosen one
 */
public record AppServices(AppPaths paths, CaptureFactory capture, LobbyActions meetings, Clock clock,
                          Runnable exit, Locale osLocale) {
    public AppServices {
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(meetings, "meetings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(exit, "exit");
        Objects.requireNonNull(osLocale, "osLocale");
    }
}
