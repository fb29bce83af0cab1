package dev.confab.ui;

import dev.confab.meeting.LocalServer;
import dev.confab.ui.meeting.MeetingLauncher;
import dev.confab.ui.meeting.MeetingScreen;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static org.awaitility.Awaitility.await;

/**
 * The desktop app as the meeting tests run it: the {@link AppHarness} (past consent), the built-in server and
 * a real {@link MeetingLauncher}, started in one call and closed in the right order.
 */
final class DesktopApp implements AutoCloseable {

    /** Builds the meeting launcher a test wants (sharing options, the demo at start, …). */
    @FunctionalInterface
    interface Launchers {
        MeetingLauncher create(AppHarness app, LocalServer localServer);
    }

    static final Launchers PLAIN = (app, localServer) -> new MeetingLauncher(app.paths, localServer, app.capture);

    final AppHarness app;
    final LocalServer localServer;
    final MeetingLauncher launcher;

    private DesktopApp(AppHarness app, LocalServer localServer, MeetingLauncher launcher) {
        this.app = app;
        this.localServer = localServer;
        this.launcher = launcher;
    }

    /** Starts {@code app} in {@code locale}, its built-in server (lazily, as in the product) kept under {@code dir}. */
    static DesktopApp start(Path dir, AppHarness app, Locale locale, Launchers launchers) throws Exception {
        return start(dir, app, locale, launchers, false);
    }

    /** @param hostingForOthersAllowed what the built-in server is told of allowThisComputerHosting */
    static DesktopApp start(Path dir, AppHarness app, Locale locale, Launchers launchers,
                            boolean hostingForOthersAllowed) throws Exception {
        LocalServer localServer = new LocalServer(dir.resolve("local-server"), hostingForOthersAllowed);
        MeetingLauncher launcher = launchers.create(app, localServer);
        try {
            app.withMeetings(launcher).start(locale);
        } catch (Exception | Error e) {
            launcher.close();
            localServer.close();
            throw e;
        }
        return new DesktopApp(app, localServer, launcher);
    }

    MeetingScreen awaitMeetingScreen(Duration within) {
        await().atMost(within).until(() -> app.controller.currentScreen() instanceof MeetingScreen);
        WaitForAsyncUtils.waitForFxEvents();
        return (MeetingScreen) app.controller.currentScreen();
    }

    /** Closes the window, then the launcher, then the built-in server (whose clients are told it is going). */
    @Override
    public void close() throws Exception {
        try {
            app.stop();
        } finally {
            try {
                launcher.close();
            } finally {
                localServer.close();
            }
        }
    }
}
