package dev.confab.app;

import javafx.application.Platform;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Starts and stops the JavaFX toolkit on its headless platform: proves its classes and natives load. */
final class JavaFxProbe {

    private JavaFxProbe() {
    }

    static String startHeadless() throws InterruptedException {
        // Headless so the check runs on servers and CI without a display; the natives still have to load.
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        CountDownLatch started = new CountDownLatch(1);
        // Only ever called in a process of its own (--self-check), which then exits: stopping the toolkit
        // below is safe there.
        Platform.startup(started::countDown);
        try {
            if (!started.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the JavaFX toolkit did not start within 30 s");
            }
        } finally {
            Platform.exit();
        }
        return "JavaFX " + System.getProperty("javafx.runtime.version", "?") + " toolkit started ("
                + System.getProperty("glass.platform") + ")";
    }
}
