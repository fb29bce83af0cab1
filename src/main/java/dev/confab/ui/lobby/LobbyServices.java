package dev.confab.ui.lobby;

import dev.confab.media.CaptureFactory;
import dev.confab.media.effects.CameraEffects;
import dev.confab.policy.EffectiveConfig;
import dev.confab.privacy.PermissionGate;
import dev.confab.ui.common.Browser;
import dev.confab.ui.common.UiText;
import dev.confab.ui.settings.SettingsAccess;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a lobby screen is built from. The shell makes one for the window's lifetime; the lobby hands the last
 * meeting it starts what that needs (see {@link LobbyContext}).
 *
 * @param capture     opens the camera and microphone for the device check
 * @param speakers    names of the sound outputs, called off the FX thread
 * @param permissions asks once before the first use of the camera or microphone
 * @param actions     New meeting, Join and the demo
 * @param policy      the administrator's policy as merged at launch (the lobby itself re-merges the live settings)
 * @param effects     the camera's background effect (applied by {@code capture}'s cameras)
 */
public record LobbyServices(UiText text, SettingsAccess settings, CaptureFactory capture,
                            Supplier<List<String>> speakers, PermissionGate permissions, LobbyActions actions,
                            Navigator navigator, Browser browser, EffectiveConfig policy,
                            CameraEffects effects) {
}
