package dev.confab.app;

import javafx.application.Platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts and stops the JavaFX toolkit: proves its classes and natives load. Where a display is present (Linux:
 * {@code DISPLAY} or {@code WAYLAND_DISPLAY}; always on Windows and macOS) it starts on the desktop platform, as
 * the app will, so a missing system library (GTK 3 and its friends) fails here and is named; elsewhere (servers,
 * CI) on the headless platform.
 */
final class JavaFxProbe {

    private JavaFxProbe() {
    }

    static String start(Map<String, String> env, String osName, Path javafxCache) throws InterruptedException {
        boolean display = hasDisplay(env, osName);
        if (!display) {
            System.setProperty("glass.platform", System.getProperty("glass.platform", "Headless"));
            System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        }
        useCache(javafxCache);
        CountDownLatch started = new CountDownLatch(1);
        // Only ever called in a process of its own (--self-check), which then exits: stopping the toolkit
        // below is safe there.
        try {
            Platform.startup(started::countDown);
        } catch (RuntimeException | LinkageError e) {
            String missing = display ? missingSystemLibraries(javafxCache) : "";
            throw new IllegalStateException("the JavaFX toolkit did not start on this display: " + e.getMessage()
                    + (missing.isEmpty() ? "" : "; " + missing), e);
        }
        try {
            if (!started.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the JavaFX toolkit did not start within 30 s");
            }
        } finally {
            Platform.exit();
        }
        return "JavaFX " + System.getProperty("javafx.runtime.version", "?") + " toolkit started "
                + (display ? "on this display" : "headless (no display here)");
    }

    static boolean hasDisplay(Map<String, String> env, String osName) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows") || os.contains("mac")) {
            return true;
        }
        return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }

    /**
     * JavaFX unpacks its native libraries into {@code ~/.openjfx/cache} unless told otherwise; Confab keeps them in
     * its own cache folder, which "delete my data" removes with the rest.
     */
    static void useCache(Path javafxCache) {
        if (System.getProperty("javafx.cachedir") == null) {
            System.setProperty("javafx.cachedir", javafxCache.toString());
        }
    }

    /**
     * The system libraries JavaFX's unpacked natives need and this machine lacks, from {@code ldd}: "libglassgtk3.so
     * needs libgtk-3.so.0"; empty when none is missing or ldd is not there.
     */
    static String missingSystemLibraries(Path javafxCache) {
        TreeSet<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(javafxCache)) {
            for (Path library : files.filter(p -> p.getFileName().toString().endsWith(".so")).toList()) {
                for (String line : ldd(library)) {
                    if (line.contains("=> not found")) {
                        missing.add(line.strip().split("\\s+")[0] + " (for " + library.getFileName() + ")");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return missing.isEmpty() ? "" : "missing system libraries: " + String.join(", ", missing);
    }

    private static List<String> ldd(Path library) throws IOException {
        Process process = new ProcessBuilder("ldd", library.toString()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return output.lines().toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            process.destroy();
        }
    }
}
