package dev.confab.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Everything Confab remembers between launches that is not consent. Stored as JSON; {@code schemaVersion}
 * lets a later release migrate older files. {@code language} is a BCP-47 tag ("en", "zh-CN") or null to
 * follow the OS; server null means "this computer" (the embedded server); device ids are
 * {@link dev.confab.media.CaptureDevice#id()} values or null for "first available". {@code keepChatHistory}
 * (default false; absent in older files) lets chat transcripts be kept in {@code data/chat-history/}.
 * {@code speaker} is the name of the sound output to play the meeting on, or null for the system default (also
 * absent in older files). {@code recordingsFolder} is the absolute folder the user chose for recordings, or
 * null for the default (validated where it is used, so a damaged value falls back to the default).
 * {@code encryptRecordings} (default false; absent in older files): new recordings are encrypted with a key kept
 * through the OS keychain and open only in Confab on this computer (only honoured where a keychain exists).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(int schemaVersion, String language, Theme theme, String displayName, String server,
                       String cameraId, String microphoneId, boolean cameraOn, boolean micOn,
                       Boolean keepChatHistory, String speaker, String recordingsFolder, Boolean encryptRecordings) {

    public static final int SCHEMA_VERSION = 1;

    public enum Theme { LIGHT, DARK }

    public Settings {
        theme = theme == null ? Theme.LIGHT : theme;
        displayName = displayName == null ? "" : displayName;
        keepChatHistory = Boolean.TRUE.equals(keepChatHistory); // absent in files written before chat history
        recordingsFolder = recordingsFolder == null || recordingsFolder.isBlank() ? null : recordingsFolder;
        encryptRecordings = Boolean.TRUE.equals(encryptRecordings);
    }

    /** Settings as written before encrypted recordings existed. */
    public Settings(int schemaVersion, String language, Theme theme, String displayName, String server,
                    String cameraId, String microphoneId, boolean cameraOn, boolean micOn,
                    Boolean keepChatHistory, String speaker, String recordingsFolder) {
        this(schemaVersion, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn,
                keepChatHistory, speaker, recordingsFolder, false);
    }

    public static Settings defaults() {
        return new Settings(SCHEMA_VERSION, null, Theme.LIGHT, "", null, null, null, true, true, false, null, null, false);
    }

    public Settings withCurrentSchema() {
        return new Settings(SCHEMA_VERSION, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, recordingsFolder, encryptRecordings);
    }

    public Settings withLanguage(String tag) {
        return new Settings(schemaVersion, tag, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, recordingsFolder, encryptRecordings);
    }

    public Settings withTheme(Theme value) {
        return new Settings(schemaVersion, language, value, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, recordingsFolder, encryptRecordings);
    }

    public Settings withIdentity(String name, String serverAddress) {
        return new Settings(schemaVersion, language, theme, name, serverAddress, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, recordingsFolder, encryptRecordings);
    }

    public Settings withCamera(String id, boolean on) {
        return new Settings(schemaVersion, language, theme, displayName, server, id, microphoneId, on, micOn, keepChatHistory, speaker, recordingsFolder, encryptRecordings);
    }

    public Settings withKeepChatHistory(boolean keep) {
        return new Settings(schemaVersion, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keep, speaker, recordingsFolder, encryptRecordings);
    }

    /** @param name an output device name, or null for the system default */
    public Settings withSpeaker(String name) {
        return new Settings(schemaVersion, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, name, recordingsFolder, encryptRecordings);
    }

    /** {@code folder} null: back to the default folder. */
    public Settings withRecordingsFolder(String folder) {
        return new Settings(schemaVersion, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, folder, encryptRecordings);
    }

    public Settings withMicrophone(String id, boolean on) {
        return new Settings(schemaVersion, language, theme, displayName, server, cameraId, id, cameraOn, on, keepChatHistory, speaker, recordingsFolder, encryptRecordings);
    }

    public Settings withEncryptRecordings(boolean encrypt) {
        return new Settings(schemaVersion, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, recordingsFolder, encrypt);
    }
}
