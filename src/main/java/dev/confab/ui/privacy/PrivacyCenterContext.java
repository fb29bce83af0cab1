package dev.confab.ui.privacy;

import dev.confab.policy.EffectiveConfig;
import dev.confab.privacy.DataLocations;
import dev.confab.privacy.PermissionGate;
import dev.confab.privacy.PrivacySettingsStore;
import dev.confab.ui.settings.SettingsAccess;
import javafx.stage.Window;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What the privacy center works with. {@code io} runs all file work (one thread, shared with the other
 * writers of the privacy settings so their writes never interleave). {@code policy} says whether the
 * administrator enforces public computer mode (the switch then shows the enforced value, locked).
 */
public record PrivacyCenterContext(DataLocations locations, PrivacySettingsStore store, PermissionGate permissions,
                                   SettingsAccess settings, Executor io, Clock clock, Window owner,
                                   EffectiveConfig policy) {
}
