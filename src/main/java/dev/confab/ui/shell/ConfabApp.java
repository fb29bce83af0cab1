package dev.confab.ui.shell;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application. {@link #launch(AppServices)} is the entry point; it blocks until the app exits. */
public final class ConfabApp extends Application {
    private static volatile AppServices services;
    private static volatile StartupProbe probe;
    private AppController.Startup startup;
    private AppController controller;

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
        if (probe != null) {
            probe.shown(stage);
        }
    }

    @Override
    public void stop() {
        if (controller != null) {
            controller.shutdown();
        }
    }
}
