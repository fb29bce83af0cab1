package dev.confab.policy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The administrator's machine-wide policy as read from disk: values users cannot change ({@code enforced})
 * and values they start with ({@code defaults}). Every value in it has already been validated.
 *
 * @param file     where it was looked for
 * @param status   whether it was there and readable
 * @param warnings human-readable problems found while reading it (unknown keys, rejected values, ...)
 */
public record Policy(Path file, Status status, Map<PolicyKey, Object> enforced, Map<PolicyKey, Object> defaults,
                     List<String> warnings) {

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
