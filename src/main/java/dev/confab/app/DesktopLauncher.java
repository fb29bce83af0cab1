package dev.confab.app;

import dev.confab.media.ScreenCaptureFactory;
import dev.confab.policy.PolicyKey;
import dev.confab.ui.meeting.RecordingSetup;
import dev.confab.ui.meeting.RecordingSources;

import dev.confab.media.CaptureFactory;
import dev.confab.media.effects.CameraEffects;
import dev.confab.media.effects.SegmenterSource;
import dev.confab.media.ExclusiveCaptureFactory;
import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.policy.DeepLink;
import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.PolicyFile;
import dev.confab.policy.UserSettingsValues;
import dev.confab.storage.AppPaths;
import dev.confab.ui.shell.AppServices;
import dev.confab.ui.shell.ConfabApp;
import dev.confab.ui.shell.LinkInbox;
import dev.confab.ui.shell.StartupProbe;
import dev.confab.meeting.LocalServer;
import dev.confab.ui.meeting.MeetingLauncher;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Starts the JavaFX application. Kept apart so the CLI never loads JavaFX classes for headless subcommands. */
final class DesktopLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopLauncher.class);

    private DesktopLauncher() {
    }

    /**
     * @param rawLink     the LINK argument as given (null when none), passed on to an already running Confab
     * @param pendingJoin the validated link, for this instance's lobby
     * @param linkError   why the link was refused, for this instance's lobby
     * @param demo        open straight into a demo meeting (after consent, if not given yet)
     */
    static void launch(Path dataDir, String rawLink, Optional<DeepLink> pendingJoin, Optional<DeepLink.InvalidDeepLinkException> linkError,
                       boolean demo) {
        AppPaths paths = AppPaths.resolve(dataDir);
        LinkInbox links = new LinkInbox();
        Optional<SingleInstance> instance;
        try {
            instance = SingleInstance.claimOrForward(paths, rawLink == null ? "" : rawLink, links::offerText);
            if (instance.isEmpty()) {
                LOG.info("Confab is already running; handed the link over to it");
                return;
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not check for a running Confab ({}); starting on its own", e.toString());
            instance = Optional.empty();
        }
        pendingJoin.ifPresent(link -> links.offer(new LinkInbox.Request.Join(link)));
        linkError.ifPresent(reason -> links.offer(new LinkInbox.Request.Refused(reason)));
        MacOpenUriHandler.installIfSupported(links);
        try {
            start(paths, links, demo, null);
        } finally {
            instance.ifPresent(DesktopLauncher::closeQuietly);
        }
    }

    /**
     * {@code --startup-probe}: starts the app as a user would (no hand-over to a running Confab) and quits once its
     * first window is shown; 1 when the toolkit cannot start (no display, a missing system library).
     */
    static int probeStartup(Path dataDir, PrintWriter out) {
        StartupProbe probe = new StartupProbe(out, Platform::exit);
        probe.arm();
        try {
            start(AppPaths.resolve(dataDir), new LinkInbox(), false, probe);
            return 0;
        } catch (RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            out.println("startup-probe: FAILED, the window could not be opened: " + cause);
            out.flush();
            return 1;
        }
    }

    private static void start(AppPaths paths, LinkInbox links, boolean demo, StartupProbe probe) {
        JavaFxProbe.useCache(SelfCheck.javafxCache(paths));
        // Read before the toolkit starts: small files, and the FX thread must never wait for disk.
        List<String> warnings = new ArrayList<>();
        EffectiveConfig config = UserSettingsValues.effectiveConfig(PolicyFile.load(), paths, warnings);
        warnings.forEach(w -> LOG.warn("Settings: {}", w));
        // The built-in server starts only when the user asks for a meeting on "This computer" or the demo, and
        // stops when that meeting ends. Reachable from the local network only for a meeting on "This computer"
        // and only while the policy allows hosting for others (asked on every start); else loopback only.
        var sharing = new MeetingLauncher.Sharing(new ScreenCaptureFactory(),
                () -> config.isEnabled(PolicyKey.SCREEN_SHARE_ALLOWED));
        // One factory for the lobby and the meeting, so the meeting's camera waits for the lobby's preview to let go,
        // and both get the background effect the user chose (applied before preview, encoder and recorder).
        CameraEffects effects = new CameraEffects(SegmenterSource.installed());
        CaptureFactory captures = effects.wrap(captureFactory());
        try (effects; MeetingLauncher meetings = new MeetingLauncher(paths, new LocalServer(paths.serverDir(),
                () -> config.isEnabled(PolicyKey.ALLOW_THIS_COMPUTER_HOSTING)), captures,
                java.util.function.Function.identity(), sharing)) {
            meetings.setRecordingSetup(new RecordingSetup(meetings.recordingSetup().storage(), RecordingSources.NONE,
                    () -> config.isEnabled(PolicyKey.RECORDING_ALLOWED), null));
            if (demo) {
                meetings.requestDemoAtStart();
            }
            closeOnTerminate();
            ConfabApp.launch(new AppServices(paths, captures, meetings, Clock.systemUTC(), Platform::exit,
                    Locale.getDefault(), config, links, dev.confab.meeting.audio.AudioOutputs::deviceNames, effects), probe);
            if (terminated) {
                System.err.println("confab: closed on a termination signal (meeting left, files closed)");
            }
        }
    }

    /** How long a SIGTERM waits for the app to leave its meeting and close its files before the JVM goes. */
    private static final long TERMINATE_GRACE_SECONDS = 10;
    private static volatile boolean terminated;

    /**
     * SIGTERM (logout, {@code systemctl}, {@code kill}) ends the app the way closing its window does: the toolkit
     * stops the app (the meeting is left, so others see it at once; media and files are closed in order) and the
     * JVM then exits normally. Left to the JVM's default, a SIGTERM started its shutdown around the running app:
     * JavaFX's own shutdown hook disposed the toolkit under it, and its threads failed on what was already gone.
     * Not on Windows, which has no SIGTERM.
     */
    private static void closeOnTerminate() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
                terminated = true;
                LOG.info("Terminated by a signal: closing Confab");
                Platform.exit();
                Thread.ofPlatform().daemon().name("confab-terminate-watchdog").start(() -> {
                    try {
                        TimeUnit.SECONDS.sleep(TERMINATE_GRACE_SECONDS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.err.println("confab: did not close within " + TERMINATE_GRACE_SECONDS
                            + " s of a termination signal");
                    Runtime.getRuntime().halt(143);
                });
            });
        } catch (IllegalArgumentException noSuchSignal) {
            LOG.debug("No SIGTERM on this platform");
        }
    }

    private static void closeQuietly(SingleInstance instance) {
        try {
            instance.close();
        } catch (IOException e) {
            LOG.warn("Could not release the single-instance lock: {}", e.toString());
        }
    }

    static CaptureFactory captureFactory() {
        return new ExclusiveCaptureFactory(new FfmpegCaptureFactory(), java.time.Duration.ofSeconds(5));
    }
}
