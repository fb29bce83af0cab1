/*
 * Builds Confab's native installer for the OS it runs on: a trimmed runtime (jlink), an app image with a
 * start-up archive (JDK 25 AOT cache, made by a training run of `--startup-probe`), then the package (jpackage):
 * Linux .deb (+ .rpm when rpmbuild exists), Windows .msi, macOS .dmg and .pkg.
 *
 * Run by `mvn -B -Pinstaller -DskipTests package` after target/app is built; can also be run by hand:
 *
 *   java packaging/BuildInstaller.java --project-dir . --version 0.1.0 [--types deb|auto] [--no-aot]
 *
 * A JDK single-file program rather than a shell script so that one build description works on all three
 * OSes (the CI runners for Windows and macOS run exactly this).
 */

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class BuildInstaller {

    static final String APP_NAME = "Confab";
    static final String PACKAGE_NAME = "confab";
    static final String VENDOR = "Confab";
    static final String DESCRIPTION = "Privacy-first desktop meetings";
    static final String MAIN_CLASS = "dev.confab.app.ConfabMain";
    static final String MAIN_JAR = "confab.jar";
    static final String AOT_CACHE = "confab.aot";
    static final String ABOUT_URL = "https://confab.invalid";
    /**
     * Never change: Windows Installer recognises a newer Confab MSI as an upgrade of an installed one by this
     * code and replaces it instead of installing side by side.
     */
    static final String WIN_UPGRADE_UUID = "5b0e6c0e-3f4a-4d7b-9c1e-6a2f1c0ffab1";
    static final String MAC_BUNDLE_ID = "dev.confab.Confab";
    static final List<String> JAVAFX_MODULES = List.of("javafx.controls", "javafx.media", "javafx.swing");

    enum Os { LINUX, WINDOWS, MAC }

    final Path project;
    final Path app;
    final Path out;
    final String version;
    final boolean aot;
    final Os os;
    final List<String> types;

    BuildInstaller(Map<String, String> opts) {
        project = Path.of(opts.getOrDefault("project-dir", ".")).toAbsolutePath().normalize();
        app = project.resolve(opts.getOrDefault("app-dir", "target/app"));
        out = project.resolve(opts.getOrDefault("out", "target/installer"));
        version = require(opts, "version");
        aot = !opts.containsKey("no-aot");
        os = detectOs();
        String requested = opts.getOrDefault("types", "auto");
        types = requested.equals("auto") ? defaultTypes(os) : List.of(requested.split(","));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            opts.put(name, flag ? "true" : args[++i]);
        }
        new BuildInstaller(opts).build();
    }

    void build() throws Exception {
        if (!Files.isRegularFile(app.resolve(MAIN_JAR))) {
            throw new IllegalStateException(app.resolve(MAIN_JAR) + " is missing: run `mvn package` first");
        }
        deleteRecursively(out);
        Files.createDirectories(out);
        Path input = stageInput();
        Path runtime = linkRuntime();
        Path image = appImage(input, runtime);
        if (aot) {
            trainAotCache(image);
        }
        dropJavaCommands(image);
        for (String type : types) {
            packageImage(image, type.strip());
        }
        try (Stream<Path> files = Files.list(out)) {
            files.filter(Files::isRegularFile).forEach(f -> log("built " + f));
        }
    }

    /** The app's own jars; JavaFX goes into the runtime image as modules instead (see linkRuntime). */
    Path stageInput() throws IOException {
        Path input = out.resolve("input");
        Files.createDirectories(input.resolve("lib"));
        Files.copy(app.resolve(MAIN_JAR), input.resolve(MAIN_JAR));
        for (Path jar : listJars(app.resolve("lib"))) {
            if (!jar.getFileName().toString().startsWith("javafx-")) {
                Files.copy(jar, input.resolve("lib").resolve(jar.getFileName()));
            }
        }
        return input;
    }

    /**
     * A runtime with just the JDK modules Confab needs (the list that `confab --self-check` verifies) plus
     * JavaFX linked in as real modules: no "unsupported configuration" warning, and their classes can be
     * archived for start-up like the JDK's own.
     */
    Path linkRuntime() throws IOException {
        Path runtime = out.resolve("runtime");
        List<Path> fxJars = listJars(app.resolve("lib")).stream()
                .filter(j -> j.getFileName().toString().matches("javafx-[a-z]+-[0-9.]+-.+\\.jar")) // platform jars only
                .toList();
        if (fxJars.isEmpty()) {
            throw new IllegalStateException("no platform JavaFX jars in " + app.resolve("lib"));
        }
        List<String> modules = new ArrayList<>(Files.readAllLines(
                        project.resolve("src/main/resources/dev/confab/app/runtime-modules.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        modules.addAll(JAVAFX_MODULES);
        run("jlink",
                "--module-path", fxJars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                "--add-modules", String.join(",", modules),
                "--include-locales", "en,zh",
                "--strip-debug", "--no-header-files", "--no-man-pages",
                // The JDK's own classes get a CDS archive too, which also serves when the AOT cache cannot.
                "--generate-cds-archive",
                "--output", runtime.toString());
        return runtime;
    }

    Path appImage(Path input, Path runtime) throws IOException {
        Path dest = out.resolve("image");
        List<String> args = new ArrayList<>(List.of(
                "--type", "app-image",
                "--name", APP_NAME,
                "--app-version", packageVersion(),
                "--vendor", VENDOR,
                "--description", DESCRIPTION,
                "--copyright", "Copyright the Confab authors. Apache License 2.0.",
                "--input", input.toString(),
                "--main-jar", MAIN_JAR,
                "--main-class", MAIN_CLASS,
                "--runtime-image", runtime.toString(),
                "--icon", icon().toString(),
                // JavaFX is in the runtime as named modules now, so it needs native access by name.
                "--java-options", "--enable-native-access=ALL-UNNAMED,javafx.graphics,javafx.media",
                "--dest", dest.toString()));
        if (aot) {
            // Unusable cache (other JVM, moved files) => the JVM just starts without it; never an error.
            args.addAll(List.of("--java-options", "-XX:AOTCache=$APPDIR/" + AOT_CACHE));
        }
        if (os == Os.WINDOWS) {
            // Confab.exe has no console; ConfabCli.exe shows --self-check / --print-effective-config output.
            args.addAll(List.of("--add-launcher",
                    "ConfabCli=" + project.resolve("packaging/windows/ConfabCli.properties")));
        }
        if (os == Os.MAC) {
            args.addAll(List.of("--mac-package-identifier", MAC_BUNDLE_ID, "--mac-package-name", APP_NAME,
                    "--resource-dir", project.resolve("packaging/macos").toString()));
        }
        run("jpackage", args.toArray(String[]::new));
        return dest.resolve(os == Os.MAC ? APP_NAME + ".app" : APP_NAME);
    }

    /**
     * JDK 25's AOT cache (JEP 483/514/515) over a classic dynamic AppCDS archive: it stores classes already
     * loaded and linked, plus method profiles, and is made in one step with -XX:AOTCacheOutput. The training
     * run is `--startup-probe`: the desktop app itself starts into the lobby (consent given beforehand, as on every
     * launch after the first), builds its screens, starts the camera preview and quits once the window is shown,
     * so the cache holds what a real start loads (the UI, CSS, icons, JavaFX controls, picocli, logging, Jackson,
     * JavaCPP/FFmpeg). It runs on JavaFX's headless platform, so it needs no display. It runs inside the app image with the
     * image's own runtime and the same class path the launcher uses, so the cache matches what is installed.
     */
    void trainAotCache(Path image) throws Exception {
        Path appDir = appDir(image);
        String javaExe = os == Os.WINDOWS ? "java.exe" : "java";
        Path javaCommand = runtimeDir(image).resolve("bin").resolve(javaExe);
        if (!Files.isExecutable(javaCommand)) {
            // jpackage may leave bin/ out of the image's runtime; the jlink output is the same runtime.
            javaCommand = out.resolve("runtime/bin").resolve(javaExe);
        }
        Path scratch = Files.createTempDirectory("confab-aot-training");
        try {
            // The cache is only used when the class path matches the recorded one, so train with exactly
            // the class path and options the launcher will use (read back from its .cfg file).
            LauncherConfig cfg = LauncherConfig.read(appDir.resolve(APP_NAME + ".cfg"), appDir);
            List<String> cmd = new ArrayList<>();
            cmd.add(javaCommand.toString());
            cmd.addAll(cfg.javaOptions().stream().filter(o -> !o.startsWith("-XX:AOTCache=")).toList());
            cmd.addAll(List.of("-XX:AOTCacheOutput=" + appDir.resolve(AOT_CACHE),
                    "-Xlog:aot=error,cds=error", // skipped-class notes (e.g. picocli's old class files) are noise here
                    "-cp", String.join(File.pathSeparator, cfg.classPath()),
                    "-Dglass.platform=Headless", "-Dprism.order=sw",
                    cfg.mainClass(), "--startup-probe"));
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            Path home = scratch.resolve("home");
            agreedBefore(home);
            pb.environment().put("CONFAB_HOME", home.toString());
            // Adds nothing (a missing file); the build machine's own system policy is read as always and
            // only shapes the training run, not the archive's classes.
            pb.environment().put("CONFAB_POLICY_FILE", scratch.resolve("no-policy.json").toString());
            log("AOT training run: " + String.join(" ", cmd));
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("AOT training run timed out");
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(appDir.resolve(AOT_CACHE))) {
                throw new IllegalStateException("AOT training run failed (exit " + p.exitValue() + ")");
            }
        } finally {
            deleteRecursively(scratch);
        }
    }

    /**
     * A consent record for the current privacy notice, so the training run opens the lobby; the notice's version is
     * read from its source (this script runs without the app's classes on its class path).
     */
    void agreedBefore(Path home) throws IOException {
        String notice = Files.readString(project.resolve("src/main/java/dev/confab/i18n/PrivacyNotice.java"));
        var version = java.util.regex.Pattern.compile("int VERSION = (\\d+);").matcher(notice);
        if (!version.find()) {
            throw new IllegalStateException("PrivacyNotice.VERSION not found: the AOT training run would stop at consent");
        }
        Path config = Files.createDirectories(home.resolve("config"));
        Files.writeString(config.resolve("consent.json"), "{\"policyVersion\":" + version.group(1)
                + ",\"agreedAt\":\"2026-01-01T00:00:00Z\",\"language\":\"en\"}");
    }

    /** The parts of jpackage's launcher configuration (lib/app/Confab.cfg) a training run must repeat. */
    record LauncherConfig(List<String> classPath, String mainClass, List<String> javaOptions) {
        static LauncherConfig read(Path cfg, Path appDir) throws IOException {
            List<String> classPath = new ArrayList<>();
            List<String> options = new ArrayList<>();
            String mainClass = null;
            for (String line : Files.readAllLines(cfg)) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip().replace("$APPDIR", appDir.toString());
                switch (key) {
                    case "app.classpath" -> classPath.add(value);
                    case "app.mainclass" -> mainClass = value;
                    case "java-options" -> options.add(value);
                    default -> { }
                }
            }
            if (mainClass == null || classPath.isEmpty()) {
                throw new IllegalStateException(cfg + " has no app.mainclass/app.classpath");
            }
            return new LauncherConfig(classPath, mainClass, options);
        }
    }

    /** The runtime needs bin/java only for training; the installed app starts through its own launcher. */
    void dropJavaCommands(Path image) throws IOException {
        if (!Files.isDirectory(runtimeDir(image).resolve("bin"))) {
            return;
        }
        if (os != Os.WINDOWS) { // on Windows bin/ also holds the runtime's DLLs
            deleteRecursively(runtimeDir(image).resolve("bin"));
            return;
        }
        try (Stream<Path> files = Files.list(runtimeDir(image).resolve("bin"))) {
            for (Path exe : files.filter(f -> f.toString().endsWith(".exe")).toList()) {
                Files.delete(exe);
            }
        }
    }

    void packageImage(Path image, String type) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--type", type,
                "--app-image", image.toString(),
                "--name", APP_NAME,
                "--app-version", packageVersion(),
                "--vendor", VENDOR,
                "--description", DESCRIPTION,
                "--about-url", ABOUT_URL,
                "--license-file", project.resolve("LICENSE").toString(),
                "--dest", out.toString()));
        switch (os) {
            case LINUX -> {
                args.addAll(List.of(
                    "--resource-dir", project.resolve("packaging/linux").toString(),
                    "--linux-package-name", PACKAGE_NAME,
                    // libpulse: FFmpeg's audio devices. Named by soname for rpm so any rpm distro resolves it.
                    "--linux-package-deps", type.equals("rpm") ? "libpulse.so.0()(64bit)" : "libpulse0",
                    "--linux-menu-group", "Network;AudioVideo;VideoConference;",
                    "--linux-app-category", type.equals("rpm") ? "Applications/Internet" : "net",
                    "--linux-shortcut"));
                if (type.equals("deb")) {
                    args.addAll(List.of("--linux-deb-maintainer", "maintainers@confab.invalid"));
                }
            }
            case WINDOWS -> args.addAll(List.of(
                    "--resource-dir", project.resolve("packaging/windows").toString(),
                    "--win-upgrade-uuid", WIN_UPGRADE_UUID,
                    "--win-menu", "--win-menu-group", APP_NAME,
                    "--win-shortcut", "--win-dir-chooser"));
            case MAC -> args.addAll(List.of(
                    "--resource-dir", project.resolve("packaging/macos").toString(),
                    "--mac-package-identifier", MAC_BUNDLE_ID,
                    "--mac-package-name", APP_NAME));
        }
        run("jpackage", args.toArray(String[]::new));
        if (aot && type.equals("deb")) {
            restoreImageTimestamps(image);
        }
    }

    /**
     * The AOT cache remembers each jar's modification time and is ignored when it differs. jpackage copies the
     * app image into the .deb without keeping modification times, so the packaged jars would never match the
     * cache made by the training run. Repack the .deb with the image's times (owner root, as jpackage made it).
     */
    void restoreImageTimestamps(Path image) throws IOException {
        Path deb;
        try (Stream<Path> files = Files.list(out)) {
            deb = files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("jpackage made no .deb in " + out));
        }
        Path tree = Files.createTempDirectory("confab-deb");
        try {
            exec(List.of("dpkg-deb", "-R", deb.toString(), tree.toString()));
            Path installed = tree.resolve("opt").resolve(PACKAGE_NAME);
            try (Stream<Path> files = Files.walk(installed)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path original = image.resolve(installed.relativize(file).toString());
                    if (Files.isRegularFile(original)) {
                        Files.setLastModifiedTime(file, Files.getLastModifiedTime(original));
                    }
                }
            }
            exec(List.of("dpkg-deb", "--root-owner-group", "-b", tree.toString(), deb.toString()));
            log("repacked " + deb.getFileName() + " with the app image's file times (AOT cache stays valid)");
        } finally {
            deleteRecursively(tree);
        }
    }

    static void exec(List<String> command) throws IOException {
        log(String.join(" ", command));
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(command.getFirst() + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command.getFirst(), e);
        }
    }

    /**
     * jpackage wants 1-3 numbers: drop a -SNAPSHOT style suffix. macOS refuses a first number of 0
     * (CFBundleShortVersionString), so pre-1.0 releases are numbered 1.x.y inside the macOS bundle only.
     */
    String packageVersion() {
        String numeric = version.replaceAll("[^0-9.].*$", "");
        if (os == Os.MAC && numeric.startsWith("0.")) {
            return "1." + numeric.substring(2);
        }
        return numeric;
    }

    Path icon() {
        return switch (os) {
            case LINUX -> project.resolve("packaging/linux/Confab.png");
            case WINDOWS -> project.resolve("packaging/windows/Confab.ico");
            case MAC -> project.resolve("packaging/macos/Confab.icns");
        };
    }

    Path appDir(Path image) {
        return switch (os) {
            case LINUX -> image.resolve("lib/app");
            case WINDOWS -> image.resolve("app");
            case MAC -> image.resolve("Contents/app");
        };
    }

    Path runtimeDir(Path image) {
        return switch (os) {
            case LINUX -> image.resolve("lib/runtime");
            case WINDOWS -> image.resolve("runtime");
            case MAC -> image.resolve("Contents/runtime/Contents/Home");
        };
    }

    static List<String> defaultTypes(Os os) {
        return switch (os) {
            case LINUX -> onPath("rpmbuild") ? List.of("deb", "rpm") : List.of("deb");
            case WINDOWS -> List.of("msi");
            case MAC -> List.of("dmg", "pkg");
        };
    }

    static Os detectOs() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return name.startsWith("windows") ? Os.WINDOWS : name.contains("mac") ? Os.MAC : Os.LINUX;
    }

    static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    static void run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK"));
        log(tool + " " + String.join(" ", args));
        int rc = provider.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        if (rc != 0) {
            throw new IllegalStateException(tool + " failed with exit code " + rc);
        }
    }

    static List<Path> listJars(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static String require(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    static void log(String message) {
        System.out.println("[installer] " + message);
    }
}
