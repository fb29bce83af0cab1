package dev.confab.app;

import dev.confab.media.CaptureFactory;
import dev.confab.media.ExclusiveCaptureFactory;
import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.storage.AppPaths;
import dev.confab.ui.AppServices;
import dev.confab.ui.ConfabApp;
import dev.confab.ui.meeting.LocalServer;
import dev.confab.ui.meeting.MeetingLauncher;
import javafx.application.Platform;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/** Starts the JavaFX application. Kept apart so the CLI never loads JavaFX classes for headless subcommands. */
final class DesktopLauncher {
    private DesktopLauncher() {
    }

    /** @param demo open straight into a demo meeting (after consent, if not given yet) */
    static void launch(Path dataDir, boolean demo) {
        AppPaths paths = AppPaths.resolve(dataDir);
        // The built-in server starts only when the user asks for a meeting on "This computer"; reachable from
        // the local network so that others can join, and stopped when the window closes.
        // One factory for the lobby and the meeting, so the meeting's camera waits for the lobby's preview to let go.
        CaptureFactory captures = captureFactory();
        try (MeetingLauncher meetings = new MeetingLauncher(paths, new LocalServer(paths.serverDir(), true), captures)) {
            if (demo) {
                meetings.requestDemoAtStart();
            }
            ConfabApp.launch(new AppServices(paths, captures, meetings, Clock.systemUTC(), Platform::exit,
                    Locale.getDefault()));
        }
    }

    static CaptureFactory captureFactory() {
        return new ExclusiveCaptureFactory(new FfmpegCaptureFactory(), java.time.Duration.ofSeconds(5));
    }
}
