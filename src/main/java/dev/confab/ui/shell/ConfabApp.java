package dev.confab.ui.shell;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application. {@link #launch(AppServices)} is the entry point; it blocks until the app exits. */
public final class ConfabApp extends Application {
    private static volatile AppServices services;
    private static volatile StartupProbe probe;
    /** Counted down when {@link #stop()} has closed everything (the toolkit itself may still be winding down). */
    private static final java.util.concurrent.CountDownLatch STOPPED = new java.util.concurrent.CountDownLatch(1);
    private AppController.Startup startup;
    private AppController controller;
    /** The running application, for {@link #closeForTermination}. */
    private static volatile ConfabApp running;
    private boolean closed; // FX thread

    public static void launch(AppServices appServices) {
        launch(appServices, null);
    }

    /** @param startupProbe reports when the first window is shown (then the app quits); null: a normal start */
    public static void launch(AppServices appServices, StartupProbe startupProbe) {
        services = appServices;
        probe = startupProbe;
        Application.launch(ConfabApp.class);
    }

    @Override
    public void init() {
        // Runs on the launcher thread: reading the small settings files here keeps I/O off the FX thread.
        startup = AppController.Startup.load(services);
    }

    @Override
    public void start(Stage stage) {
        controller = new AppController(stage, services, startup);
        controller.setHostServices(getHostServices());
        controller.start();
        quietWhileTheJvmEnds(Thread.currentThread());
        running = this;
        if (probe != null) {
            probe.shown(stage);
        }
    }

    @Override
    public void stop() {
        closeOnce();
    }

    /**
     * While the JVM shuts down (SIGTERM), JavaFX's own shutdown hook disposes its graphics pipeline, and events still
     * queued on the FX thread may then fail inside the toolkit (a NullPointerException from its picking code). The
     * window is going away: such errors are logged at debug level, not printed as a stack trace. Any other time the
     * thread's handler is unchanged.
     */
    private static void quietWhileTheJvmEnds(Thread fxThread) {
        Thread.UncaughtExceptionHandler usual = fxThread.getUncaughtExceptionHandler();
        fxThread.setUncaughtExceptionHandler((thread, error) -> {
            if (jvmShuttingDown()) {
                org.slf4j.LoggerFactory.getLogger(ConfabApp.class).debug("While the JVM ends: {}", error.toString());
            } else {
                usual.uncaughtException(thread, error);
            }
        });
    }

    private static boolean jvmShuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }

    /** Leaves the meeting and closes media and files, once (the window's close, a signal, the toolkit's stop). */
    private void closeOnce() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (controller != null) {
                controller.shutdown();
            }
        } finally {
            STOPPED.countDown();
        }
    }

    /**
     * For SIGTERM, when the JVM is going down anyway (any thread): does on the FX thread what closing the window
     * does — leaves the meeting, closes media and files — and returns once that is done or {@code timeout} has
     * passed. The toolkit is not shut down: tearing it down while the JVM ends raced with its event handling (a
     * NullPointerException from JavaFX's picking code).
     */
    public static boolean closeForTermination(java.time.Duration timeout) throws InterruptedException {
        ConfabApp app = running;
        if (app == null) {
            return true;
        }
        javafx.application.Platform.runLater(app::closeOnce);
        return STOPPED.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
