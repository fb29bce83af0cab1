package dev.confab.ui.shell;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application. {@link #launch(AppServices)} is the entry point; it blocks until the app exits. */
public final class ConfabApp extends Application {
    private static volatile AppServices services;
    private AppController.Startup startup;
    private AppController controller;

    public static void launch(AppServices appServices) {
        services = appServices;
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
    }

    @Override
    public void stop() {
        if (controller != null) {
            controller.shutdown();
        }
    }
}
