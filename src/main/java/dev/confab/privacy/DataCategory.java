package dev.confab.privacy;

/** Each kind of personal data Confab keeps on this computer; {@link DataLocations} says where. */
public enum DataCategory {
    PROFILE, SETTINGS, CONSENT, MEETING_HISTORY, SAVED_CHATS, RECORDINGS, ANNOTATIONS, LOGS, PINNED_CERTIFICATES;

    /** i18n key of the category's name, {@code data.category.<name>}. */
    public String key() {
        return "data.category." + cliName();
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
