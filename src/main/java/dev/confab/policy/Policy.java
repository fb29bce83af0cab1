package dev.confab.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The administrator's machine-wide policy as read from disk: values users cannot change ({@code enforced})
 * and values they start with ({@code defaults}). Every value in it has already been validated.
 *
 * <p>Either one file, or the system policy with an added file layered on it ({@link #layered}): then
 * {@link #file()} and {@link #status()} are the system file's, and {@link #sources()} lists every file read.
 *
 * @param file     where it was looked for (for a layered policy: the system policy file)
 * @param status   whether it was there and readable (for a layered policy: the system policy file's)
 * @param warnings human-readable problems found while reading it (unknown keys, rejected values, ...)
 * @param layers   for a layered policy the files it was merged from, system policy first; else empty
 */
public record Policy(Path file, Status status, Map<PolicyKey, Object> enforced, Map<PolicyKey, Object> defaults,
                     List<String> warnings, List<Policy> layers) {

    public enum Status {
        /** No policy file: nothing is preset or locked. */
        ABSENT,
        /** The file was read; individual keys may still have been rejected (see warnings). */
        LOADED,
        /** The file exists but could not be read or is not valid JSON: ignored as a whole. */
        UNREADABLE
    }

    public Policy {
        enforced = Collections.unmodifiableMap(new EnumMap<>(copyOf(enforced)));
        defaults = Collections.unmodifiableMap(new EnumMap<>(copyOf(defaults)));
        warnings = List.copyOf(warnings);
        layers = List.copyOf(layers);
    }

    /** A policy read from one file. */
    public Policy(Path file, Status status, Map<PolicyKey, Object> enforced, Map<PolicyKey, Object> defaults,
                  List<String> warnings) {
        this(file, status, enforced, defaults, warnings, List.of());
    }

    /** The files this policy comes from: the system policy first, then any added file. */
    public List<Policy> sources() {
        return layers.isEmpty() ? List.of(this) : layers;
    }

    /** The machine's own policy file (the first source); the one users cannot remove or weaken. */
    public Policy system() {
        return sources().getFirst();
    }

    /** Files added on top of the system policy ({@code CONFAB_POLICY_FILE}); usually none. */
    public List<Policy> added() {
        List<Policy> all = sources();
        return all.subList(1, all.size());
    }

    /**
     * The system policy with a file added on top, merged key by key so that the added file can only
     * tighten or fill in, never lift: an enforced key of the system policy keeps its value whatever the added
     * file says; the added file may enforce keys the system policy does not enforce, and give defaults for
     * keys nobody enforces (over a system default too: a default locks nothing). A missing, empty or unreadable
     * added file adds nothing.
     */
    public static Policy layered(Policy system, Policy added) {
        Map<PolicyKey, Object> enforced = new EnumMap<>(PolicyKey.class);
        Map<PolicyKey, Object> defaults = new EnumMap<>(PolicyKey.class);
        List<String> warnings = new ArrayList<>(system.warnings());
        added.warnings().forEach(w -> warnings.add(added.file() + ": " + w));
        enforced.putAll(system.enforced());
        added.enforced().forEach((key, value) -> {
            if (!system.enforced().containsKey(key)) {
                enforced.put(key, value);
            } else if (!system.enforced().get(key).equals(value)) {
                warnings.add(added.file() + ": enforced." + key.jsonName() + " ignored: the system policy "
                        + system.file() + " enforces " + PolicyKey.display(system.enforced().get(key)));
            }
        });
        defaults.putAll(system.defaults());
        added.defaults().forEach((key, value) -> {
            if (system.enforced().containsKey(key)) {
                warnings.add(added.file() + ": defaults." + key.jsonName() + " ignored: the system policy "
                        + system.file() + " enforces it");
            } else {
                defaults.put(key, value);
            }
        });
        enforced.keySet().forEach(defaults::remove);
        return new Policy(system.file(), system.status(), enforced, defaults, warnings, List.of(system, added));
    }

    public static Policy absent(Path file) {
        return new Policy(file, Status.ABSENT, Map.of(), Map.of(), List.of());
    }

    static Policy unreadable(Path file, String warning) {
        return new Policy(file, Status.UNREADABLE, Map.of(), Map.of(), List.of(warning));
    }

    private static Map<PolicyKey, Object> copyOf(Map<PolicyKey, Object> map) {
        return map.isEmpty() ? new EnumMap<>(PolicyKey.class) : map;
    }
}
