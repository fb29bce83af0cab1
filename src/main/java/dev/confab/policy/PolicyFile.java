package dev.confab.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the machine-wide {@code policy.json}. Whatever is wrong with the file, Confab still starts: a missing
 * file means no policy, a broken file is ignored with a warning, and a bad value drops only that key.
 *
 * <pre>{@code
 * { "enforced": { "serverUrl": "wss://meet.example.org" },
 *   "defaults": { "defaultLanguage": "zh-CN" } }
 * }</pre>
 */
public final class PolicyFile {

    /**
     * Adds a policy file on top of the system policy (tests, an administrator trying a policy before deploying
     * it). It can only add: see {@link Policy#layered}. It never replaces the system policy file.
     */
    public static final String OVERRIDE_ENV = "CONFAB_POLICY_FILE";
    public static final String ENFORCED = "enforced";
    public static final String DEFAULTS = "defaults";
    /** A policy has a dozen keys; anything much bigger is not a policy file. */
    static final long MAX_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PolicyFile.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private PolicyFile() {
    }

    /**
     * The policy of this machine: always the OS's system policy file, with {@code $CONFAB_POLICY_FILE} (if set)
     * layered on top of it.
     */
    public static Policy load() {
        return load(machinePath(System.getProperty("os.name", "")), System.getenv());
    }

    /**
     * The system policy at {@code systemFile} with the file named by {@link #OVERRIDE_ENV} in {@code env}, if
     * any, layered on top. Only {@link #load()} and tests choose {@code systemFile}; nothing a user sets does.
     */
    public static Policy load(Path systemFile, Map<String, String> env) {
        Policy system = load(systemFile);
        Optional<Path> added = addedFile(env);
        if (added.isEmpty() || sameFile(added.get(), systemFile)) {
            return system;
        }
        return Policy.layered(system, load(added.get()));
    }

    /** The file {@code $CONFAB_POLICY_FILE} adds to the system policy, if set. */
    public static Optional<Path> addedFile(Map<String, String> env) {
        String override = env.get(OVERRIDE_ENV);
        if (override == null || override.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(override.strip()));
        } catch (java.nio.file.InvalidPathException e) {
            LOG.warn("Policy: {}={} is not a file name; ignored", OVERRIDE_ENV, override);
            return Optional.empty();
        }
    }

    /**
     * Where administrators put the policy on each OS; only administrators can write there. Fixed per OS: no
     * environment variable ({@code HOME}, {@code XDG_*}, {@code ProgramData}, ...) moves it, as any user can set
     * those. On Windows that means {@code C:\ProgramData\Confab\policy.json}, the known folder's location on a
     * standard installation, rather than {@code %ProgramData%}, which a user can point at a folder of their own.
     */
    public static Path machinePath(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return Path.of("C:\\ProgramData", "Confab", "policy.json");
        }
        if (os.contains("mac")) {
            return Path.of("/Library/Application Support/Confab/policy.json");
        }
        return Path.of("/etc/confab/policy.json");
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    public static Policy load(Path file) {
        Policy policy = read(file);
        policy.warnings().forEach(w -> LOG.warn("Policy: {}", w));
        return policy;
    }

    private static Policy read(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                return Policy.unreadable(file, file + " is a folder, not a policy file; policy ignored");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return Policy.unreadable(file, file + " is " + size + " bytes, larger than the "
                        + MAX_BYTES + "-byte limit for a policy file; policy ignored");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Policy.absent(file);
        } catch (IOException | SecurityException e) {
            return Policy.unreadable(file, "cannot read " + file + " (" + e.getMessage() + "); policy ignored");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return Policy.unreadable(file, file + " is not valid JSON (" + e.getOriginalMessage() + where
                    + "); policy ignored");
        } catch (IOException e) {
            return Policy.unreadable(file, "cannot read " + file + " (" + e.getMessage() + "); policy ignored");
        }
        if (root == null || !root.isObject()) {
            return Policy.unreadable(file, file + " must contain a JSON object with \"" + ENFORCED + "\" and/or \""
                    + DEFAULTS + "\"; policy ignored");
        }
        return parse(file, root);
    }

    private static Policy parse(Path file, JsonNode root) {
        List<String> warnings = new ArrayList<>();
        warnIfWritableByOthers(file, warnings);
        root.fieldNames().forEachRemaining(name -> {
            if (!name.equals(ENFORCED) && !name.equals(DEFAULTS)) {
                warnings.add("unknown section \"" + name + "\" ignored (expected \"" + ENFORCED + "\" or \""
                        + DEFAULTS + "\")");
            }
        });
        Map<PolicyKey, Object> enforced = section(root, ENFORCED, warnings);
        Map<PolicyKey, Object> defaults = section(root, DEFAULTS, warnings);
        for (PolicyKey key : enforced.keySet()) {
            if (defaults.remove(key) != null) {
                warnings.add(DEFAULTS + "." + key.jsonName() + " ignored: the same key is enforced");
            }
        }
        return new Policy(file, Policy.Status.LOADED, enforced, defaults, warnings);
    }

    private static Map<PolicyKey, Object> section(JsonNode root, String name, List<String> warnings) {
        Map<PolicyKey, Object> values = new EnumMap<>(PolicyKey.class);
        JsonNode section = root.get(name);
        if (section == null || section.isNull()) {
            return values;
        }
        if (!section.isObject()) {
            warnings.add("\"" + name + "\" must be a JSON object of key/value pairs; section ignored");
            return values;
        }
        section.properties().forEach(entry -> {
            String where = name + "." + entry.getKey();
            PolicyKey.byJsonName(entry.getKey()).ifPresentOrElse(key -> {
                try {
                    values.put(key, key.fromJson(entry.getValue()));
                } catch (IllegalArgumentException e) {
                    warnings.add(where + ": " + e.getMessage() + "; key ignored");
                }
            }, () -> warnings.add("unknown key " + where + " ignored" + suggestion(entry.getKey())));
        });
        return values;
    }

    private static String suggestion(String unknown) {
        return PolicyKey.byJsonName(unknown).isPresent() ? "" : java.util.Arrays.stream(PolicyKey.values())
                .filter(k -> k.jsonName().equalsIgnoreCase(unknown))
                .findFirst()
                .map(k -> " (did you mean \"" + k.jsonName() + "\"?)")
                .orElse("");
    }

    /** A policy users can edit locks nothing; tell the administrator rather than silently trusting it. */
    private static void warnIfWritableByOthers(Path file, List<String> warnings) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                warnings.add(file + " is writable by other users; make it owned by root with mode 0644");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Permissions are advisory here; the content has already been read.
        }
    }
}
