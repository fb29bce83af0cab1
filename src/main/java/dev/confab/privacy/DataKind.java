package dev.confab.privacy;

import java.util.Optional;

/**
 * One entry of the {@link DataMap}: a kind of data Confab stores on this computer ({@code category} present) or
 * sends to a meeting (absent). The words for people are in the message bundles under
 * {@code datamap.<id>.}{@code name}, {@code what}, {@code why}, {@code kept} (how long), {@code who} (who can see
 * it) and {@code control} (the permission or setting that governs it, and where the user changes it), in every
 * language; the code-checkable parts are the fields.
 *
 * @param id         the bundle key part; for stored data the category's {@link DataCategory#cliName()}
 * @param category   where a stored kind is counted, listed, exported and erased
 * @param permission the permission asked before this data comes into being, if one is
 * @param setting    the switch that turns it on or off ({@link Setting#NONE} when only consent governs it)
 */
public record DataKind(String id, Optional<DataCategory> category, Optional<Permission> permission, Setting setting) {

    public static final String KEY_PREFIX = "datamap.";
    /** The texts every kind has in every language. */
    public static final java.util.List<String> PARTS = java.util.List.of("name", "what", "why", "kept", "who", "control");

    /** The user's switches that decide whether a kind of data is kept. */
    public enum Setting { NONE, KEEP_MEETING_HISTORY, KEEP_CHAT_HISTORY, DIAGNOSTIC_LOGS }

    public static DataKind stored(DataCategory category, Permission permission, Setting setting) {
        return new DataKind(category.cliName(), Optional.of(category), Optional.ofNullable(permission), setting);
    }

    public static DataKind sent(String id, Permission permission) {
        return new DataKind(id, Optional.empty(), Optional.ofNullable(permission), Setting.NONE);
    }

    public String key(String part) {
        return KEY_PREFIX + id + "." + part;
    }
}
