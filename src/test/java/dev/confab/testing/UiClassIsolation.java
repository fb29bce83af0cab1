package dev.confab.testing;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.toolkit.PrimaryStageApplication;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * All UI test classes share one JVM (pom.xml, execution ui-tests), so each class must hand the next the JavaFX
 * toolkit as a fresh JVM would have it. After each class this closes every window, gives TestFX a new, never
 * shown primary stage (the old one keeps its scene, size and handlers), resets the theme to JavaFX's default,
 * releases mouse buttons and keys the robot still holds, resets Awaitility and restores the default locale and
 * time zone, and puts the pointer back in the screen's corner. It fails the class if the class left a non-daemon
 * thread running that it started (a server, bot or app executor not stopped), and fails it if the JavaFX toolkit
 * did not survive it. Windows still open, daemon threads still running and system properties changed are
 * printed, so a leak can be traced to its class.
 */
public final class UiClassIsolation implements BeforeAllCallback, AfterAllCallback {
    /** Threads the JavaFX toolkit and TestFX start once per JVM; they belong to no test class. */
    private static final List<String> TOOLKIT_THREADS = List.of("JavaFX Application Thread", "QuantumRenderer-",
            "InvokeLaterDispatcher", "JavaFX-Launcher", "Prism Font Disposer", "Disposer", "Common-Cleaner",
            "Java2D Disposer", "process reaper", "Attach Listener", "Signal Dispatcher", "Notification Thread",
            "ForkJoinPool.commonPool-", "testfx-async-pool-", "surefire-", "Headless", "Cleaner-",
            "JavaCPP Deallocator", "MasterPoller", "VirtualThread-unblocker",
            "ForkJoinPool-1-worker-"); // the last: carriers of virtual threads
    /** How long a stopped server or executor may take to let its threads end. */
    private static final long THREADS_END_WITHIN_MS = 10_000;

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(UiClassIsolation.class);

    private record Before(Set<Thread> threads, Properties properties, Locale locale, Locale display, Locale format,
                          TimeZone zone) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The toolkit must outlive a class that closes its last window (JavaFX would otherwise exit with it).
        Platform.setImplicitExit(false);
        Properties props = new Properties();
        props.putAll(System.getProperties());
        context.getStore(NS).put(Before.class, new Before(Set.copyOf(Thread.getAllStackTraces().keySet()), props,
                Locale.getDefault(), Locale.getDefault(Locale.Category.DISPLAY),
                Locale.getDefault(Locale.Category.FORMAT), TimeZone.getDefault()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        String name = context.getRequiredTestClass().getSimpleName();
        Before before = context.getStore(NS).get(Before.class, Before.class);
        List<String> problems = new ArrayList<>();

        CompletableFuture<Stage> primary = PrimaryStageApplication.PRIMARY_STAGE_FUTURE;
        if (primary.isDone() && !primary.isCompletedExceptionally()) {
            resetToolkit(name, primary, problems);
        }
        Awaitility.reset();
        Locale.setDefault(before.locale());
        Locale.setDefault(Locale.Category.DISPLAY, before.display());
        Locale.setDefault(Locale.Category.FORMAT, before.format());
        TimeZone.setDefault(before.zone());
        reportChangedProperties(name, before.properties());
        checkThreads(name, before.threads(), problems);

        if (!problems.isEmpty()) {
            throw new AssertionError(name + " did not clean up after itself (the next UI class shares its JVM):\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static void resetToolkit(String name, CompletableFuture<Stage> primary, List<String> problems)
            throws Exception {
        FxRobot robot = new FxRobot();
        FxToolkit.cleanupInput(robot); // releases every mouse button and key still pressed
        if (!FxToolkit.isFXApplicationThreadRunning()) {
            problems.add("the JavaFX toolkit is no longer running");
            return;
        }
        Stage old = primary.getNow(null);
        List<String> open = FxToolkit.setupFixture(() -> {
            List<String> left = new ArrayList<>();
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != old) {
                    left.add(w.getClass().getSimpleName() + (w instanceof Stage s ? " '" + s.getTitle() + "'" : ""));
                }
                try {
                    if (w instanceof Stage s) {
                        s.close();
                    } else {
                        w.hide();
                    }
                } catch (RuntimeException e) {
                    left.add("closing " + w + " threw " + e);
                }
            }
            Application.setUserAgentStylesheet(null);
            // What PrimaryStageApplication.start does with the stage JavaFX hands it.
            Stage fresh = new Stage();
            fresh.initStyle(StageStyle.UNDECORATED);
            fresh.setTitle(PrimaryStageApplication.class.getSimpleName());
            primary.obtrudeValue(fresh);
            FxToolkit.toolkitContext().setRegisteredStage(fresh);
            return left;
        });
        // A fresh JVM's robot starts at the screen's corner; left where the class last clicked, the pointer would
        // hover over (and open tooltips in) whatever the next class shows there.
        robot.robotContext().getBaseRobot().moveMouse(new Point2D(0, 0));
        WaitForAsyncUtils.waitForFxEvents();
        if (!open.isEmpty()) {
            System.err.println("[UiClassIsolation] " + name + " left windows open (closed now): " + open);
        }
        if (!Window.getWindows().isEmpty()) {
            problems.add("windows still open after closing them: " + Window.getWindows());
        }
    }

    private static void reportChangedProperties(String name, Properties before) {
        Properties now = System.getProperties();
        List<String> changed = new ArrayList<>();
        for (String key : now.stringPropertyNames()) {
            if (!Objects.equals(now.getProperty(key), before.getProperty(key))) {
                changed.add(key + "=" + now.getProperty(key));
            }
        }
        for (String key : before.stringPropertyNames()) {
            if (!now.containsKey(key)) {
                changed.add(key + " removed");
            }
        }
        if (!changed.isEmpty()) {
            System.err.println("[UiClassIsolation] " + name + " changed system properties: " + changed);
        }
    }

    private static void checkThreads(String name, Set<Thread> before, List<String> problems)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(THREADS_END_WITHIN_MS);
        List<Thread> nonDaemon = started(before, false);
        while (!nonDaemon.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            nonDaemon = started(before, false);
        }
        if (!nonDaemon.isEmpty()) {
            problems.add("non-daemon threads it started are still running: " + describe(nonDaemon));
        }
        List<Thread> daemons = started(before, true);
        if (!daemons.isEmpty()) {
            System.err.println("[UiClassIsolation] " + name + " left daemon threads running: " + describe(daemons));
        }
    }

    private static List<Thread> started(Set<Thread> before, boolean daemon) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.isDaemon() == daemon && !before.contains(t))
                .filter(t -> TOOLKIT_THREADS.stream().noneMatch(t.getName()::startsWith))
                .sorted(java.util.Comparator.comparing(Thread::getName))
                .toList();
    }

    private static String describe(List<Thread> threads) {
        return threads.stream().map(t -> {
            StackTraceElement[] stack = t.getStackTrace();
            return "'" + t.getName() + "'" + (stack.length > 0 ? " at " + stack[Math.min(stack.length - 1, 2)] : "");
        }).collect(Collectors.joining(", "));
    }
}
