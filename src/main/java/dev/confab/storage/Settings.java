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
 * {@code backgroundEffect}/{@code backgroundPicture}: the camera's background effect (default "off"; a picture
 * that cannot be read falls back to off where it is used); {@code noiseSuppression} (default on): WebRTC's noise
 * suppression on the microphone (both absent in older files).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(int schemaVersion, String language, Theme theme, String displayName, String server,
                       String cameraId, String microphoneId, boolean cameraOn, boolean micOn,
                       Boolean keepChatHistory, String speaker, String recordingsFolder, Boolean encryptRecordings,
                       String backgroundEffect, String backgroundPicture, Boolean noiseSuppression) {

    public static final int SCHEMA_VERSION = 1;

    public enum Theme { LIGHT, DARK }

    public Settings {
        theme = theme == null ? Theme.LIGHT : theme;
        displayName = displayName == null ? "" : displayName;
        keepChatHistory = Boolean.TRUE.equals(keepChatHistory); // absent in files written before chat history
        recordingsFolder = recordingsFolder == null || recordingsFolder.isBlank() ? null : recordingsFolder;
        encryptRecordings = Boolean.TRUE.equals(encryptRecordings);
        backgroundEffect = backgroundEffect == null || backgroundEffect.isBlank() ? "off" : backgroundEffect;
        backgroundPicture = backgroundPicture == null || backgroundPicture.isBlank() ? null : backgroundPicture;
        noiseSuppression = !Boolean.FALSE.equals(noiseSuppression); // on unless switched off; absent in older files
    }

    /** Settings as written before background effects and the noise suppression switch existed. */
    public Settings(int schemaVersion, String language, Theme theme, String displayName, String server,
                    String cameraId, String microphoneId, boolean cameraOn, boolean micOn,
                    Boolean keepChatHistory, String speaker, String recordingsFolder, Boolean encryptRecordings) {
        this(schemaVersion, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn,
                keepChatHistory, speaker, recordingsFolder, encryptRecordings, null, null, null);
    }

    /** Settings as written before encrypted recordings existed. */
    public Settings(int schemaVersion, String language, Theme theme, String displayName, String server,
                    String cameraId, String microphoneId, boolean cameraOn, boolean micOn,
                    Boolean keepChatHistory, String speaker, String recordingsFolder) {
        this(schemaVersion, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn,
                keepChatHistory, speaker, recordingsFolder, false);
    }

    public static Settings defaults() {
        return new Settings(SCHEMA_VERSION, null, Theme.LIGHT, "", null, null, null, true, true, false, null, null, false, "off", null, true);
    }

    public Settings withCurrentSchema() {
        return new Settings(SCHEMA_VERSION, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, recordingsFolder, encryptRecordings, backgroundEffect, backgroundPicture, noiseSuppression);
    }

    public Settings withLanguage(String tag) {
        return new Settings(schemaVersion, tag, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, recordingsFolder, encryptRecordings, backgroundEffect, backgroundPicture, noiseSuppression);
    }

    public Settings withTheme(Theme value) {
        return new Settings(schemaVersion, language, value, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, recordingsFolder, encryptRecordings, backgroundEffect, backgroundPicture, noiseSuppression);
    }

    public Settings withIdentity(String name, String serverAddress) {
        return new Settings(schemaVersion, language, theme, name, serverAddress, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, recordingsFolder, encryptRecordings, backgroundEffect, backgroundPicture, noiseSuppression);
    }

    public Settings withCamera(String id, boolean on) {
        return new Settings(schemaVersion, language, theme, displayName, server, id, microphoneId, on, micOn, keepChatHistory, speaker, recordingsFolder, encryptRecordings, backgroundEffect, backgroundPicture, noiseSuppression);
    }

    public Settings withKeepChatHistory(boolean keep) {
        return new Settings(schemaVersion, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keep, speaker, recordingsFolder, encryptRecordings, backgroundEffect, backgroundPicture, noiseSuppression);
    }

    /** @param name an output device name, or null for the system default */
    public Settings withSpeaker(String name) {
        return new Settings(schemaVersion, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, name, recordingsFolder, encryptRecordings, backgroundEffect, backgroundPicture, noiseSuppression);
    }

    /** {@code folder} null: back to the default folder. */
    public Settings withRecordingsFolder(String folder) {
        return new Settings(schemaVersion, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, folder, encryptRecordings, backgroundEffect, backgroundPicture, noiseSuppression);
    }

    public Settings withMicrophone(String id, boolean on) {
        return new Settings(schemaVersion, language, theme, displayName, server, cameraId, id, cameraOn, on, keepChatHistory, speaker, recordingsFolder, encryptRecordings, backgroundEffect, backgroundPicture, noiseSuppression);
    }

    public Settings withEncryptRecordings(boolean encrypt) {
        return new Settings(schemaVersion, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, recordingsFolder, encrypt, backgroundEffect, backgroundPicture, noiseSuppression);
    }

    /**
     * The camera's background effect as {@code dev.confab.media.effects.EffectChoice} stores it ("off",
     * "blur_light", …, "picture" with the picture's absolute path); read back leniently, unknown means off.
     */
    public Settings withBackground(String effect, String picture) {
        return new Settings(schemaVersion, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, recordingsFolder, encryptRecordings, effect, picture, noiseSuppression);
    }

    public Settings withNoiseSuppression(boolean on) {
        return new Settings(schemaVersion, language, theme, displayName, server, cameraId, microphoneId, cameraOn, micOn, keepChatHistory, speaker, recordingsFolder, encryptRecordings, backgroundEffect, backgroundPicture, on);
    }
}
