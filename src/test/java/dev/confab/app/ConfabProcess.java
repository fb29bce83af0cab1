package dev.confab.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code confab} (its {@link ConfabMain}) in a JVM of its own, from the test class path: for what must not happen
 * inside the shared test JVM (starting and stopping the JavaFX toolkit, a signal) or needs its own environment.
 */
final class ConfabProcess {

    private ConfabProcess() {
    }

    /** A process builder for {@code confab args…} with these JVM options, stderr merged into stdout. */
    static ProcessBuilder builder(List<String> jvmOptions, String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConfabMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** JVM options for JavaFX's headless platform (no display needed). */
    static final List<String> HEADLESS = List.of("-Dglass.platform=Headless", "-Dprism.order=sw");
}
