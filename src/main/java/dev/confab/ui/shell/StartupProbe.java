package dev.confab.ui.shell;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * {@code confab --startup-probe}: starts the desktop app as usual, reports how long after the JVM started its
 * first screen was laid out and rendered, and quits. Proves on a real display that the window comes up (a
 * missing GTK library fails here, not in front of a user), measures start-up, and is the AOT training run.
 * FX thread, except the watchdog.
 */
public final class StartupProbe {
    /** A window that has not appeared by then will not: report it and fail. */
    static final long GIVE_UP_SECONDS = 60;

    private final PrintWriter out;
    private final Runnable exit;
    private boolean reported;

    public StartupProbe(PrintWriter out, Runnable exit) {
        this.out = out;
        this.exit = exit;
    }

    /** Starts the watchdog; call before the toolkit starts. */
    public void arm() {
        Thread.ofPlatform().daemon().name("startup-probe-watchdog").start(() -> {
            try {
                TimeUnit.SECONDS.sleep(GIVE_UP_SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            out.println("startup-probe: FAILED, no window within " + GIVE_UP_SECONDS + " s");
            out.flush();
            Runtime.getRuntime().halt(1);
        });
    }

    /** {@code stage} has just been shown with its first screen: report after that screen's first pulse. */
    void shown(Stage stage) {
        Scene scene = stage.getScene();
        Runnable report = new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                // After the pulse that laid the screen out; its rendering follows on the render thread.
                Platform.runLater(() -> report(stage));
            }
        };
        scene.addPostLayoutPulseListener(report);
        Platform.requestNextPulse();
    }

    private void report(Stage stage) {
        if (reported) {
            return;
        }
        reported = true;
        long millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        out.printf("startup-probe: first window shown %d ms after the JVM started (\"%s\", %s platform)%n", millis,
                stage.getTitle(), System.getProperty("glass.platform", "the desktop's"));
        out.flush();
        exit.run();
    }
}
