package dev.confab.app;

import dev.confab.media.effects.PersonSegmenter;
import dev.confab.media.effects.PersonSegmenters;
import dev.confab.policy.Policy;
import dev.confab.storage.AppPaths;
import dev.confab.policy.PolicyFile;
import org.bytedeco.ffmpeg.global.avutil;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DateFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;

/**
 * {@code confab --self-check}: proves an installation can run Confab without opening a window, so CI and
 * administrators can test a freshly installed package. Each check prints one line; any failure makes the
 * exit code non-zero. Also serves as the training run for the start-up (AOT cache) archive, which is why it
 * exercises the same libraries the app loads at start-up.
 */
final class SelfCheck {

    static final String MODULES_RESOURCE = "runtime-modules.txt";

    record Outcome(String name, boolean ok, String detail) {
    }

    private SelfCheck() {
    }

    static int run(PrintWriter out, Path dataDir) {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(check("Java runtime", SelfCheck::javaModules));
        outcomes.add(check("FFmpeg natives", () -> "FFmpeg " + avutil.av_version_info().getString()));
        AppPaths paths = AppPaths.resolve(dataDir);
        outcomes.add(check("JavaFX", () -> JavaFxProbe.start(System.getenv(), System.getProperty("os.name", ""),
                javafxCache(paths))));
        outcomes.add(check("Background effects", SelfCheck::personSegmentation));
        outcomes.add(check("TLS", SelfCheck::tls));
        outcomes.add(check("Chinese locale data", SelfCheck::chineseLocale));
        outcomes.add(check("Policy file", SelfCheck::policy));
        outcomes.add(check("User folders", () -> writableFolders(paths)));
        boolean allOk = true;
        for (Outcome o : outcomes) {
            out.printf("%-20s %s  %s%n", o.name(), o.ok() ? "OK  " : "FAIL", o.detail());
            allOk &= o.ok();
        }
        out.println(allOk ? "Self-check passed." : "Self-check FAILED.");
        out.flush();
        return allOk ? 0 : 1;
    }

    /** Where JavaFX unpacks its native libraries: Confab's own cache, not {@code ~/.openjfx} (see JavaFxProbe). */
    static Path javafxCache(AppPaths paths) {
        return paths.cache().resolve("javafx");
    }

    private static Outcome check(String name, Callable<String> probe) {
        try {
            return new Outcome(name, true, probe.call());
        } catch (Throwable t) { // a missing native library surfaces as an Error; report it, don't die
            String message = t.getMessage() != null ? t.getMessage() : t.getClass().getName();
            return new Outcome(name, false, message);
        }
    }

    private static String javaModules() {
        List<String> missing = requiredModules().stream()
                .filter(m -> ModuleLayer.boot().findModule(m).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("runtime lacks modules " + missing);
        }
        return "Java " + Runtime.version() + ", " + requiredModules().size() + " required modules present";
    }

    static List<String> requiredModules() {
        try (InputStream in = SelfCheck.class.getResourceAsStream(MODULES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(MODULES_RESOURCE + " is missing from confab.jar");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ONNX Runtime's native library (inside its jar) loads and runs the bundled person-segmentation model once. */
    private static String personSegmentation() throws Exception {
        try (PersonSegmenter segmenter = PersonSegmenters.open()) {
            int pixels = segmenter.inputWidth() * segmenter.inputHeight();
            segmenter.segment(new byte[3 * pixels], new float[pixels]);
            return "person segmentation model runs (" + segmenter.inputWidth() + "x" + segmenter.inputHeight() + ")";
        }
    }

    private static String tls() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, null, null);
        var ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        ec.generateKeyPair();
        return "TLSv1.3 and EC keys available";
    }

    private static String chineseLocale() {
        if (!Arrays.asList(DateFormat.getAvailableLocales()).contains(Locale.SIMPLIFIED_CHINESE)) {
            throw new IllegalStateException("no zh-CN locale data (jdk.localedata missing?)");
        }
        return "zh-CN formats available";
    }

    /** Kiosk images sometimes mount home read-only; Confab then cannot keep settings. Say so up front. */
    private static String writableFolders(AppPaths paths) throws IOException {
        for (Path dir : List.of(paths.config(), paths.data())) {
            AppPaths.ensureDirectory(dir);
            Path probe = Files.createTempFile(dir, ".self-check", ".tmp");
            Files.delete(probe);
        }
        return paths.config() + " and " + paths.data() + " writable";
    }

    /**
     * Names every policy file read and says the system policy is in force; fails when one exists but cannot be
     * read, as its settings are then not applied.
     */
    private static String policy() {
        Policy policy = PolicyFile.load();
        List<String> unreadable = policy.sources().stream()
                .filter(p -> p.status() == Policy.Status.UNREADABLE)
                .flatMap(p -> p.warnings().stream())
                .toList();
        if (!unreadable.isEmpty()) {
            throw new IllegalStateException(String.join("; ", unreadable));
        }
        List<String> parts = new ArrayList<>();
        Policy system = policy.system();
        parts.add(switch (system.status()) {
            case ABSENT -> "system policy " + system.file() + ": none, nothing enforced by an administrator";
            case LOADED -> "system policy " + system.file() + " in force";
            case UNREADABLE -> throw new IllegalStateException("unreachable");
        });
        for (Policy added : policy.added()) {
            parts.add("added " + added.file() + " (" + PolicyFile.OVERRIDE_ENV + ", "
                    + (added.status() == Policy.Status.ABSENT ? "not present" : "loaded")
                    + ", cannot lift the system policy)");
        }
        parts.add(policy.enforced().size() + " enforced, " + policy.defaults().size() + " defaults, "
                + policy.warnings().size() + " warnings");
        return String.join("; ", parts);
    }
}
