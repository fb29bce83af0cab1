package dev.confab.privacy;

/**
 * Each kind of data Confab keeps on this computer; {@link DataLocations} says where and {@link DataMap} says what,
 * why, for how long, who can see it and what governs it. Every file Confab writes belongs to one of these
 * (DeclaredDataTest walks a whole meeting's files to check).
 */
public enum DataCategory {
    PROFILE, SETTINGS, CONSENT, MEETING_HISTORY, SAVED_CHATS, RECORDINGS, ANNOTATIONS, POLL_RESULTS, LOGS,
    PINNED_CERTIFICATES, SERVER_IDENTITY, APP_FILES, RECEIVED_FILES, SCHEDULED_MEETINGS;

    /** i18n key of the category's name, {@code datamap.<name>.name}. */
    public String key() {
        return DataKind.KEY_PREFIX + cliName() + ".name";
    }

    /** The name used on the command line and in export folders, e.g. {@code meeting-history}. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static DataCategory fromCliName(String name) {
        for (DataCategory c : values()) {
            if (c.cliName().equalsIgnoreCase(name) || c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown category '" + name + "'; use one of "
                + java.util.Arrays.stream(values()).map(DataCategory::cliName).toList());
    }
}
