/*
 * Builds Confab's native installer for the OS it runs on: a trimmed runtime (jlink), an app image with a
 * start-up archive (JDK 25 AOT cache, made by a training run of `--startup-probe`), then the package (jpackage):
 * Linux .deb (+ .rpm when rpmbuild exists), Windows .msi, macOS .dmg and .pkg. The Linux packages' dependencies
 * are computed from the natives in the image (NativeDeps: needs dpkg-dev and binutils, and the libraries installed).
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
        types = requested.equals("auto") ? defaultTypes(os) : Arrays.stream(requested.split(",")).map(String::strip).toList();
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
        NativeDeps deps = os == Os.LINUX ? NativeDeps.scan(image, runtimeDir(image), appDir(image), types) : null;
        for (String type : types) {
            packageImage(image, type, deps);
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
            String name = jar.getFileName().toString();
            Path target = input.resolve("lib").resolve(name);
            if (name.startsWith("onnxruntime-")) {
                copyKeepingOnlyNatives(jar, target, ONNX_RUNTIME_NATIVES, onnxRuntimePlatform(os));
            } else if (!name.startsWith("javafx-")) {
                Files.copy(jar, target);
            }
        }
        return input;
    }

    static final String ONNX_RUNTIME_NATIVES = "ai/onnxruntime/native/";

    /** ONNX Runtime's name for this platform's native folder: it loads from ai/onnxruntime/native/<this>/ only. */
    static String onnxRuntimePlatform(Os os) {
        String system = switch (os) {
            case LINUX -> "linux";
            case WINDOWS -> "win";
            case MAC -> "osx";
        };
        String arch = System.getProperty("os.arch");
        return system + "-" + (arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch);
    }

    /**
     * Copies a jar without the native libraries of other platforms. ONNX Runtime's one jar carries them for five
     * (75 MB, 55 MB of it macOS's with debug symbols) where an installer needs one (8 MB for Linux x64); the
     * macOS debug symbols (.dSYM) are left out too.
     */
    static void copyKeepingOnlyNatives(Path jar, Path target, String nativesDir, String platform) throws IOException {
        String keep = nativesDir + platform + "/";
        boolean kept = false;
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(jar));
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(target))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                boolean isNative = name.startsWith(nativesDir) && !name.equals(nativesDir);
                if (isNative && (!name.startsWith(keep) || name.contains(".dSYM/"))) {
                    continue;
                }
                kept |= name.startsWith(keep) && !entry.isDirectory();
                var copy = new java.util.zip.ZipEntry(name);
                if (entry.getLastModifiedTime() != null) {
                    copy.setLastModifiedTime(entry.getLastModifiedTime());
                }
                out.putNextEntry(copy);
                in.transferTo(out);
                out.closeEntry();
            }
        }
        if (!kept) {
            throw new IllegalStateException(jar.getFileName() + " has no native library in " + keep);
        }
        log("kept only " + keep + " of " + jar.getFileName() + ": " + Files.size(jar) / 1_000_000 + " -> "
                + Files.size(target) / 1_000_000 + " MB");
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

    /**
     * What the Linux packages must depend on, computed from the shared libraries the app image really needs.
     * jpackage's own scan only looks at the files in the image (the runtime's lib/*.so), but most of Confab's
     * native code is inside archives and unpacked at run time: JavaFX's glass/prism/media libraries inside the
     * runtime's lib/modules (extracted to ~/.openjfx/cache), FFmpeg, JavaCPP and webrtc-java inside their
     * linux-x86_64 jars (extracted to ~/.javacpp/cache and the temp folder). So the .deb depended on libpulse0
     * and some X libraries, and Confab died on a fresh desktop with "Unable to load glass GTK library".
     *
     * <p>Here every ELF file of the image, of lib/modules and of the jars in lib/app/lib is copied into one
     * folder of a scratch package tree and analysed there:
     * <ul>
     * <li>.deb: {@code dpkg-shlibdeps} (package dpkg-dev) turns each needed soname into the Debian package that
     * ships it, with the minimal version the used symbols need (from the library packages' symbols files).
     * Libraries that are in the scratch tree themselves (the bundled libav*, libgstreamer-lite, ...) count as
     * part of the package and yield no dependency. The build machine must have the libraries installed
     * (.ci/package-check installs them); a missing one fails the build rather than being left out.
     * <li>.rpm: the needed sonames minus the bundled ones, as rpm's soname capabilities
     * ({@code libgtk-3.so.0()(64bit)}, and {@code libc.so.6(GLIBC_2.34)(64bit)} for symbol versions), which
     * every rpm distribution resolves to its own package names; read with {@code objdump -p} (binutils).
     * </ul>
     * Left out on purpose: javafx.media's libavplugin-*.so. They are alternatives, one per FFmpeg ABI
     * (libavcodec 54 ... 61), of which JavaFX loads whichever the system has, for H.264/AAC playback only; as
     * dependencies they would ask for every FFmpeg version at once.
     */
    record NativeDeps(String debDepends, String rpmRequires) {

        static final java.util.regex.Pattern SHARED_LIBRARY = java.util.regex.Pattern.compile("lib[^/]*\\.so(\\.[0-9]+)*");
        /** Optional plugins, one per system FFmpeg version (see above). */
        static final java.util.regex.Pattern OPTIONAL = java.util.regex.Pattern.compile("libavplugin(-ffmpeg)?-[0-9]+\\.so");
        /** A tripwire: if these are not found, the scan missed the archives and would compute far too little. */
        static final List<String> MUST_FIND = List.of("libglassgtk3.so", "libprism_es2.so", "libjniavcodec.so");

        static NativeDeps scan(Path image, Path runtime, Path appDir, List<String> types) throws IOException {
            Path work = Files.createTempDirectory("confab-natives");
            try {
                // A package build tree (debian/<package>/DEBIAN) so dpkg-shlibdeps treats the bundled
                // libraries as the package's own; everything flat in one folder it is told to search.
                Path pkgRoot = work.resolve("debian").resolve(PACKAGE_NAME);
                Path natives = Files.createDirectories(pkgRoot.resolve("natives"));
                Files.createDirectories(pkgRoot.resolve("DEBIAN"));
                Map<String, String> origin = collect(image, runtime, appDir, natives);
                for (String name : MUST_FIND) {
                    if (!origin.containsKey(name)) {
                        throw new IllegalStateException("native dependency scan: " + name + " not found in the app image");
                    }
                }
                log("native dependency scan: " + origin.size() + " ELF files ("
                        + origin.values().stream().distinct().sorted().collect(Collectors.joining(", ")) + ")");
                String deb = types.contains("deb") ? debDepends(work, natives) : "";
                String rpm = types.contains("rpm") ? rpmRequires(work, natives) : "";
                if (!deb.isEmpty()) {
                    log("computed Depends: " + deb);
                }
                if (!rpm.isEmpty()) {
                    log("computed Requires: " + rpm);
                }
                return new NativeDeps(deb, rpm);
            } finally {
                deleteRecursively(work);
            }
        }

        /** Copies every ELF library/executable into {@code dest}; returns file name -> where it came from. */
        static Map<String, String> collect(Path image, Path runtime, Path appDir, Path dest) throws IOException {
            Map<String, String> origin = new TreeMap<>();
            // 1. Files in the image: the launcher, libapplauncher.so, the runtime's lib/**/*.so, jspawnhelper.
            try (Stream<Path> files = Files.walk(image)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    try (var in = Files.newInputStream(f)) {
                        take(f.getFileName().toString(), in, "image", dest, origin);
                    }
                }
            }
            // 2. Libraries stored as resources in the runtime's lib/modules (JavaFX's, since jlink linked the
            //    platform jars in as modules). Read with the image's own jrt file system.
            try (var jrt = java.nio.file.FileSystems.newFileSystem(java.net.URI.create("jrt:/"),
                    Map.of("java.home", runtime.toString()));
                 Stream<Path> files = Files.walk(jrt.getPath("/modules"))) {
                for (Path f : files.filter(Files::isRegularFile)
                        .filter(f -> SHARED_LIBRARY.matcher(f.getFileName().toString()).matches()).toList()) {
                    try (var in = Files.newInputStream(f)) {
                        take(f.getFileName().toString(), in, "lib/modules:" + f.getName(1), dest, origin);
                    }
                }
            }
            // 3. Libraries inside the app's jars (JavaCPP, FFmpeg, webrtc-java: linux-x86_64 classifier jars).
            for (Path jar : listJars(appDir.resolve("lib"))) {
                try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
                    for (var entry : java.util.Collections.list(zip.entries())) {
                        String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                        if (!entry.isDirectory() && SHARED_LIBRARY.matcher(name).matches()
                                && forThisMachine(entry.getName())) {
                            try (var in = zip.getInputStream(entry)) {
                                take(name, in, jar.getFileName().toString(), dest, origin);
                            }
                        }
                    }
                }
            }
            return origin;
        }

        /** A jar's platform folder, e.g. {@code com/sun/jna/freebsd-x86-64/} or {@code org/bytedeco/ffmpeg/linux-x86_64/}. */
        static final java.util.regex.Pattern PLATFORM_DIR = java.util.regex.Pattern.compile(
                "(?i)(?:^|/)((?:linux|win32|windows|darwin|macosx?|freebsd|openbsd|netbsd|dragonflybsd|sunos|solaris"
                        + "|aix|android)[-_][a-z0-9_-]+)/");

        /**
         * Whether a library inside a jar is for this machine: one in another platform's folder (JNA ships its
         * native part for FreeBSD, Solaris, ARM, PowerPC… in one jar) is never loaded here, and its needs
         * (another system's libc) are no package's.
         */
        static boolean forThisMachine(String entryPath) {
            var platform = PLATFORM_DIR.matcher(entryPath);
            if (!platform.find()) {
                return true;
            }
            String dir = platform.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            String arch = System.getProperty("os.arch");
            return switch (arch) {
                // linux-x64: ONNX Runtime's folder (ai/onnxruntime/native/linux-x64/).
                case "amd64", "x86_64" -> dir.equals("linux-x86-64") || dir.equals("linux-amd64") || dir.equals("linux-x64");
                case "aarch64" -> dir.equals("linux-aarch64") || dir.equals("linux-arm64");
                default -> dir.equals("linux-" + arch);
            };
        }

        static void take(String name, java.io.InputStream in, String from, Path dest, Map<String, String> origin)
                throws IOException {
            byte[] magic = in.readNBytes(4);
            if (magic.length < 4 || magic[0] != 0x7f || magic[1] != 'E' || magic[2] != 'L' || magic[3] != 'F') {
                return;
            }
            if (OPTIONAL.matcher(name).matches()) {
                return;
            }
            if (origin.containsKey(name)) {
                name = origin.size() + "-" + name; // same name twice: keep both, their needs count alike
            }
            try (var outStream = Files.newOutputStream(dest.resolve(name))) {
                outStream.write(magic);
                in.transferTo(outStream);
            }
            origin.put(name, from);
        }

        static String debDepends(Path work, Path natives) throws IOException {
            // dpkg-shlibdeps wants a debian/control naming the package, even with -O.
            Files.writeString(work.resolve("debian/control"),
                    "Source: " + PACKAGE_NAME + "\n\nPackage: " + PACKAGE_NAME + "\nArchitecture: any\n");
            List<String> cmd = new ArrayList<>(List.of("dpkg-shlibdeps", "-O",
                    // libwebrtc-java.so calls glib and X functions it does not link against (screen capture,
                    // which Confab does not use); the many "symbol ... found in none of the libraries"
                    // warnings would bury the real errors.
                    "--warnings=0",
                    "-l/" + work.resolve("debian").resolve(PACKAGE_NAME).relativize(natives), "-e"));
            List<Path> analysed;
            try (Stream<Path> files = Files.list(natives)) {
                analysed = files.sorted().toList();
            }
            analysed.forEach(f -> cmd.add(work.relativize(f).toString()));
            linkSonames(work, natives, analysed);
            String output;
            try {
                // Not shown: the notes on the runtime's unversioned libjava.so & co. (bundled, no package
                // needed) and on the scratch tree not being a real package build.
                output = execOutput(work, cmd, line -> !line.contains("can't extract name and version from library name")
                        && !line.contains("binaries to analyze should already be installed"));
            } catch (IllegalStateException e) {
                throw new IllegalStateException("dpkg-shlibdeps failed: the build machine needs every library the "
                        + "app uses installed (see .ci/package-check) and dpkg-dev", e);
            }
            String depends = output.lines().filter(l -> l.startsWith("shlibs:Depends="))
                    .map(l -> l.substring("shlibs:Depends=".length()).strip()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("dpkg-shlibdeps printed no shlibs:Depends"));
            return depends;
        }

        /**
         * Makes each bundled library findable by its soname, as the dynamic linker finds it: a jar may store a
         * library under another file name (ONNX Runtime's libonnxruntime.so has the soname libonnxruntime.so.1,
         * which its JNI library needs; at run time it is loaded first, by path), and dpkg-shlibdeps looks a needed
         * library up by its soname in the bundled folder, failing the build when no file has that name.
         */
        static void linkSonames(Path work, Path natives, List<Path> libraries) throws IOException {
            for (Path library : libraries) {
                execOutput(work, List.of("objdump", "-p", library.toString())).lines()
                        .map(String::strip).filter(line -> line.startsWith("SONAME")).findFirst()
                        .map(line -> line.substring("SONAME".length()).strip())
                        // JNA's libjnidispatch.so names itself "../build/libjnidispatch.so": no soname to look up.
                        .filter(soname -> !soname.contains("/") && !Files.exists(natives.resolve(soname)))
                        .ifPresent(soname -> {
                            try {
                                Files.createSymbolicLink(natives.resolve(soname), library.getFileName());
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
            }
        }

        static String rpmRequires(Path work, Path natives) throws IOException {
            java.util.Set<String> bundled = new java.util.TreeSet<>();
            java.util.Set<String> requires = new java.util.TreeSet<>();
            Map<String, java.util.Set<String>> versions = new TreeMap<>();
            try (Stream<Path> files = Files.list(natives)) {
                for (Path f : files.sorted().toList()) {
                    bundled.add(f.getFileName().toString());
                    String section = "";
                    String from = null;
                    for (String line : execOutput(work, List.of("objdump", "-p", f.toString())).lines().toList()) {
                        String t = line.strip();
                        if (line.startsWith("Dynamic Section:") || line.startsWith("Version References:")
                                || line.startsWith("Version definitions:")) {
                            section = line;
                        }
                        String[] w = t.split("\\s+");
                        if (section.startsWith("Dynamic") && w.length == 2 && w[0].equals("SONAME")) {
                            bundled.add(w[1]);
                        } else if (section.startsWith("Dynamic") && w.length == 2 && w[0].equals("NEEDED")) {
                            requires.add(w[1]);
                        } else if (section.startsWith("Version References") && t.startsWith("required from ")) {
                            from = t.substring("required from ".length()).replaceAll(":$", "");
                        } else if (section.startsWith("Version References") && from != null && w.length == 4) {
                            versions.computeIfAbsent(from, k -> new java.util.TreeSet<>()).add(w[3]);
                        }
                    }
                }
            }
            requires.removeAll(bundled);
            List<String> caps = new ArrayList<>();
            for (String soname : requires) {
                caps.add(soname + "()(64bit)");
                for (String v : versions.getOrDefault(soname, java.util.Set.of())) {
                    caps.add(soname + "(" + v + ")(64bit)");
                }
            }
            return String.join(", ", caps);
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

    void packageImage(Path image, String type, NativeDeps deps) throws IOException {
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
                    // packaging/linux/control replaces jpackage's own Depends (an unversioned guess from the
                    // runtime's lib/*.so only) with xdg-utils (the package's scripts use xdg-desktop-menu)
                    // followed by this list (jpackage prefixes it with ", "): see NativeDeps.
                    "--resource-dir", project.resolve("packaging/linux").toString(),
                    "--linux-package-name", PACKAGE_NAME,
                    "--linux-package-deps", type.equals("rpm") ? deps.rpmRequires() : deps.debDepends(),
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
        if (type.equals("deb")) {
            repackDeb(image);
        }
    }

    /**
     * Two things jpackage's .deb gets wrong for Confab, fixed by repacking it (owner root, as jpackage made it):
     * <ul>
     * <li>The AOT cache remembers each jar's modification time and is ignored when it differs; jpackage copies
     * the app image into the .deb without keeping modification times, so the packaged jars would never match
     * the cache made by the training run. The repacked files get the image's times back.
     * <li>dpkg-deb puts every directory of the tree into the package, so the package claimed {@code /opt}
     * itself: purging it then warned "directory '/opt' not empty so not removed", and on a machine whose
     * {@code /opt} held nothing else it would have deleted {@code /opt}. The directories above the install
     * folder are dropped from the data archive; the preinst makes sure {@code /opt} exists.
     * </ul>
     */
    void repackDeb(Path image) throws IOException {
        Path deb;
        try (Stream<Path> files = Files.list(out)) {
            deb = files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("jpackage made no .deb in " + out));
        }
        Path work = Files.createTempDirectory("confab-deb");
        try {
            Path tree = work.resolve("tree");
            exec(List.of("dpkg-deb", "-R", deb.toString(), tree.toString()));
            Path installed = tree.resolve("opt").resolve(PACKAGE_NAME);
            if (aot) {
                try (Stream<Path> files = Files.walk(installed)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        Path original = image.resolve(installed.relativize(file).toString());
                        if (Files.isRegularFile(original)) {
                            Files.setLastModifiedTime(file, Files.getLastModifiedTime(original));
                        }
                    }
                }
            }
            // Uncompressed first (dpkg-deb still checks the control file), so the data archive is edited
            // and compressed only once.
            Path plain = work.resolve("plain.deb");
            exec(List.of("dpkg-deb", "--root-owner-group", "-Znone", "-b", tree.toString(), plain.toString()));
            Path parts = Files.createDirectories(work.resolve("parts"));
            execIn(parts, List.of("ar", "x", plain.toString(), "debian-binary", "control.tar", "data.tar"));
            List<String> members = execOutput(parts, List.of("tar", "-tf", "data.tar")).lines().toList();
            List<String> systemDirs = new ArrayList<>();
            for (Path dir = tree.relativize(installed).getParent(); dir != null; dir = dir.getParent()) {
                String member = "./" + dir.toString().replace(File.separatorChar, '/') + "/";
                if (members.contains(member)) {
                    systemDirs.add(member);
                }
            }
            if (!systemDirs.isEmpty()) {
                List<String> delete = new ArrayList<>(List.of("tar", "--delete", "--no-recursion", "-f", "data.tar"));
                delete.addAll(systemDirs);
                execIn(parts, delete);
            }
            execIn(parts, List.of("xz", "-6", "-T2", "control.tar", "data.tar"));
            Files.delete(deb);
            execIn(parts, List.of("ar", "rc", deb.toString(), "debian-binary", "control.tar.xz", "data.tar.xz"));
            log("repacked " + deb.getFileName() + (aot ? " with the app image's file times (AOT cache stays valid)" : "")
                    + (systemDirs.isEmpty() ? "" : ", without the system directories " + systemDirs));
        } finally {
            deleteRecursively(work);
        }
    }

    /** Runs a command in {@code dir} (null: the current folder), its output to the build log; fails if it fails. */
    static void execIn(Path dir, List<String> command) throws IOException {
        log((dir == null ? "" : "(in " + dir + ") ") + String.join(" ", command));
        try {
            Process p = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile()).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(command.getFirst() + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command.getFirst(), e);
        }
    }

    /** Runs a command and returns its standard output; its standard error goes to the build log. */
    static String execOutput(Path dir, List<String> command) throws IOException {
        return execOutput(dir, command, line -> true);
    }

    /** Like {@link #execOutput(Path, List)}, showing only the lines of standard error that pass the filter. */
    static String execOutput(Path dir, List<String> command, java.util.function.Predicate<String> showError)
            throws IOException {
        Path errors = Files.createTempFile("confab-exec", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(errors.toFile()).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            boolean done = p.waitFor(10, TimeUnit.MINUTES);
            Files.readAllLines(errors).stream().filter(showError).forEach(System.err::println);
            if (!done || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command.getFirst(), e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    static void exec(List<String> command) throws IOException {
        execIn(null, command);
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
