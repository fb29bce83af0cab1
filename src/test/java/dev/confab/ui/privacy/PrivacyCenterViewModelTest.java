package dev.confab.ui.privacy;

import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.Policy;
import dev.confab.policy.PolicyKey;
import dev.confab.privacy.DataCategory;
import dev.confab.privacy.DataInventory;
import dev.confab.privacy.Permission;
import dev.confab.privacy.PrivacySettings;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The privacy center's state without a window: plain JavaFX properties, no toolkit. */
@UnitTest
class PrivacyCenterViewModelTest {
    private final List<UnaryOperator<PrivacySettings>> saved = new ArrayList<>();
    private final List<Boolean> diagnostics = new ArrayList<>();

    private PrivacyCenterViewModel model(Map<PolicyKey, Object> enforced) {
        Policy policy = new Policy(Path.of("policy.json"), Policy.Status.LOADED, enforced, Map.of(), List.of());
        return new PrivacyCenterViewModel(EffectiveConfig.merge(policy, Map.of()), saved::add, diagnostics::add);
    }

    private static PrivacyCenterViewModel.Snapshot snapshot(PrivacySettings privacy) {
        return new PrivacyCenterViewModel.Snapshot(
                Map.of(DataCategory.SETTINGS, new DataInventory.Summary(DataCategory.SETTINGS, 1, 2048)),
                List.of("settings.json  (2 KB)"), List.of(), privacy);
    }

    @Test
    void countsAreUnknownUntilTheDiskWasRead() {
        PrivacyCenterViewModel privacy = model(Map.of());
        assertThat(privacy.count(DataCategory.SETTINGS).get()).isEqualTo("–");

        privacy.show(snapshot(PrivacySettings.defaults()));

        assertThat(privacy.count(DataCategory.SETTINGS).get()).isEqualTo("1");
        assertThat(privacy.size(DataCategory.SETTINGS).get()).isEqualTo(DataInventory.humanSize(2048));
        assertThat(privacy.count(DataCategory.PROFILE).get()).as("not in this reading").isEqualTo("–");
        assertThat(privacy.viewedItems()).containsExactly("settings.json  (2 KB)");
    }

    @Test
    void viewOpensACategoryAndASecondClickClosesIt() {
        PrivacyCenterViewModel privacy = model(Map.of());
        privacy.toggleView(DataCategory.LOGS);
        assertThat(privacy.viewed().get()).isEqualTo(DataCategory.LOGS);
        privacy.toggleView(DataCategory.SETTINGS);
        assertThat(privacy.viewed().get()).isEqualTo(DataCategory.SETTINGS);
        privacy.toggleView(DataCategory.SETTINGS);
        assertThat(privacy.viewed().get()).isNull();
    }

    @Test
    void flippingASwitchSavesItButReadingTheDiskDoesNot() {
        PrivacyCenterViewModel privacy = model(Map.of());

        privacy.show(snapshot(PrivacySettings.defaults().withKeepMeetingHistory(true).withPublicComputerMode(true)));
        assertThat(privacy.keepHistory().get()).isTrue();
        assertThat(privacy.publicMode().get()).isTrue();
        assertThat(saved).isEmpty();

        privacy.keepHistory().set(false);

        assertThat(saved).hasSize(1);
        assertThat(saved.getFirst().apply(PrivacySettings.defaults().withKeepMeetingHistory(true)).keepMeetingHistory())
                .isFalse();
    }

    @Test
    void diagnosticLogsAreOffUntilTurnedOnAndTheSwitchTurnsTheLogFileOnAndOff() {
        PrivacyCenterViewModel privacy = model(Map.of());
        privacy.show(snapshot(PrivacySettings.defaults()));
        assertThat(privacy.keepLogs().get()).as("not asked = no log file").isFalse();
        privacy.show(snapshot(PrivacySettings.defaults().with(Permission.DIAGNOSTICS, Permission.State.GRANTED)));
        assertThat(privacy.keepLogs().get()).isTrue();
        assertThat(diagnostics).as("reading the disk changes nothing").isEmpty();

        privacy.keepLogs().set(false);
        privacy.keepLogs().set(true);

        assertThat(diagnostics).containsExactly(false, true);
    }

    @Test
    void anEnforcedPublicComputerModeShowsThePoliciesValueLocked() {
        PrivacyCenterViewModel privacy = model(Map.of(PolicyKey.PUBLIC_COMPUTER_MODE, true));

        privacy.show(snapshot(PrivacySettings.defaults().withPublicComputerMode(false)));

        assertThat(privacy.publicModeLocked()).isTrue();
        assertThat(privacy.publicMode().get()).isTrue();
        assertThat(model(Map.of()).publicModeLocked()).isFalse();
    }

    @Test
    void theProfileNameIsTrimmedAndCut() {
        assertThat(PrivacyCenterViewModel.profileName("  Ada  ")).isEqualTo("Ada");
        assertThat(PrivacyCenterViewModel.profileName("x".repeat(70))).hasSize(PrivacyCenterViewModel.MAX_NAME);
    }
}
