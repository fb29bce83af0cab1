package dev.confab.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.privacy.PrivacySettings;
import dev.confab.privacy.PrivacySettingsStore;
import dev.confab.storage.AppPaths;
import dev.confab.storage.AtRest;
import dev.confab.storage.SealedFiles;
import dev.confab.storage.Settings;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's own values for the policy-controlled settings, taken from the real user files: the language and
 * the lobby's server from {@link Settings} ({@code settings.json}), public computer mode from
 * {@link PrivacySettings} ({@code privacy.json}). The other keys (chat, sharing, recording, hosting, update
 * check) are administrator-only: users have no setting for them.
 *
 * <p>Both the desktop app and {@code --print-effective-config} go through here, so they agree. Values are
 * returned raw; {@link EffectiveConfig#merge} validates them.
 */
public final class UserSettingsValues {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private UserSettingsValues() {
    }

    /**
     * @param settings           the user's settings; a null language (follow the OS) or server (not chosen
     *                           yet) means "no choice of their own"
     * @param publicComputerMode the privacy center's switch, empty when the user never saved privacy choices
     */
    public static Map<PolicyKey, Object> from(Settings settings, Optional<Boolean> publicComputerMode) {
        Map<PolicyKey, Object> values = new EnumMap<>(PolicyKey.class);
        if (settings.language() != null && !settings.language().isBlank()) {
            values.put(PolicyKey.DEFAULT_LANGUAGE, settings.language());
        }
        if (settings.server() != null && !settings.server().isBlank()) {
            values.put(PolicyKey.SERVER_URL, settings.server());
        }
        publicComputerMode.ifPresent(on -> values.put(PolicyKey.PUBLIC_COMPUTER_MODE, on));
        return values;
    }

    /**
     * Reads the user's files without changing them (unlike {@code SettingsStore.load()}, which moves a damaged
     * file aside): a file that cannot be read adds a warning and counts as "no choices".
     */
    public static Map<PolicyKey, Object> read(AppPaths paths, List<String> warnings) {
        SealedFiles files = AtRest.files(paths);
        Settings settings = readJson(files, paths.settingsFile(), Settings.class, warnings).orElse(Settings.defaults());
        Optional<Boolean> publicMode = readJson(files, PrivacySettingsStore.file(paths), PrivacySettings.class, warnings)
                .map(PrivacySettings::publicComputerMode);
        return from(settings, publicMode);
    }

    /** The machine policy merged with this user's saved choices. */
    public static EffectiveConfig effectiveConfig(Policy policy, AppPaths paths, List<String> warnings) {
        return EffectiveConfig.merge(policy, read(paths, warnings));
    }

    /** Reads through {@code files}, which opens a sealed file and passes a plain one through. */
    private static <T> Optional<T> readJson(SealedFiles files, Path file, Class<T> type, List<String> warnings) {
        try {
            return Optional.ofNullable(JSON.readValue(files.read(file), type));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            warnings.add("cannot read user settings " + file + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "); ignored");
            return Optional.empty();
        }
    }
}
