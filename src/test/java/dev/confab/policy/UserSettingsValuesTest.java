package dev.confab.policy;

import dev.confab.privacy.PrivacySettings;
import dev.confab.privacy.PrivacySettingsStore;
import dev.confab.storage.AppPaths;
import dev.confab.storage.Settings;
import dev.confab.storage.SettingsStore;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class UserSettingsValuesTest {

    @TempDir
    Path dir;

    @Test
    void languageServerAndPublicModeComeFromTheRealSettingsFiles() throws Exception {
        AppPaths paths = AppPaths.under(dir);
        new SettingsStore(paths, Clock.systemUTC()).save(Settings.defaults().withLanguage("zh-CN")
                .withIdentity("Ada", "wss://meet.example.org"));
        new PrivacySettingsStore(paths).save(PrivacySettings.defaults().withPublicComputerMode(true));
        List<String> warnings = new ArrayList<>();

        Map<PolicyKey, Object> values = UserSettingsValues.read(paths, warnings);

        assertThat(values).containsOnly(Map.entry(PolicyKey.DEFAULT_LANGUAGE, "zh-CN"),
                Map.entry(PolicyKey.SERVER_URL, "wss://meet.example.org"),
                Map.entry(PolicyKey.PUBLIC_COMPUTER_MODE, true));
        assertThat(warnings).isEmpty();
    }

    @Test
    void unsetLanguageAndServerLeaveThePolicyDefaultInForce() {
        Policy policy = new Policy(dir.resolve("policy.json"), Policy.Status.LOADED, Map.of(),
                Map.of(PolicyKey.SERVER_URL, ServerAddress.parse("wss://meet.example.org"),
                        PolicyKey.DEFAULT_LANGUAGE, "zh-CN"), List.of());

        EffectiveConfig config = EffectiveConfig.merge(policy, UserSettingsValues.from(Settings.defaults(), Optional.empty()));

        assertThat(config.server().text()).isEqualTo("wss://meet.example.org");
        assertThat(config.source(PolicyKey.SERVER_URL)).isEqualTo(ValueSource.POLICY_DEFAULT);
        assertThat(config.language()).isEqualTo("zh-CN");
        assertThat(config.source(PolicyKey.PUBLIC_COMPUTER_MODE)).isEqualTo(ValueSource.BUILT_IN);
    }

    @Test
    void anExplicitThisComputerChoiceIsTheUsersOwn() {
        EffectiveConfig config = EffectiveConfig.merge(Policy.absent(dir.resolve("policy.json")),
                UserSettingsValues.from(Settings.defaults().withIdentity("Ada", ServerAddress.THIS_COMPUTER_NAME),
                        Optional.of(false)));

        assertThat(config.server()).isInstanceOf(ServerAddress.ThisComputer.class);
        assertThat(config.source(PolicyKey.SERVER_URL)).isEqualTo(ValueSource.USER);
        assertThat(config.source(PolicyKey.PUBLIC_COMPUTER_MODE)).isEqualTo(ValueSource.USER);
    }

    @Test
    void aDamagedSettingsFileIsReportedAndLeftWhereItIs() throws Exception {
        AppPaths paths = AppPaths.under(dir);
        Files.createDirectories(paths.settingsFile().getParent());
        Files.writeString(paths.settingsFile(), "{ not json");
        List<String> warnings = new ArrayList<>();

        Map<PolicyKey, Object> values = UserSettingsValues.read(paths, warnings);

        assertThat(values).isEmpty();
        assertThat(warnings).singleElement().asString().contains("cannot read user settings");
        assertThat(paths.settingsFile()).hasContent("{ not json");
    }
}
