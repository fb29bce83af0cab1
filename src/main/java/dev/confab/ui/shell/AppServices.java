package dev.confab.ui.shell;

import dev.confab.ui.lobby.LobbyActions;

import dev.confab.media.CaptureFactory;
import dev.confab.media.effects.CameraEffects;
import dev.confab.media.effects.SegmenterSource;
import dev.confab.meeting.audio.AudioOutputs;
import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.Policy;
import dev.confab.policy.PolicyFile;
import dev.confab.storage.AppPaths;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the desktop app needs from outside the UI. Production passes the real parts; tests pass
 * recording fakes to prove, for example, that nothing is captured or connected before consent.
 *
 * @param capture  the only way to open cameras and microphones; not touched before consent
 * @param meetings the lobby's New meeting / Join actions (the only path to the network); not touched before consent
 * @param exit     ends the application (Platform::exit in production)
 * @param osLocale the language to start with when the user has not chosen one
 * @param policy   the administrator's policy merged with the user's settings as they were at launch. Switches
 *                 users cannot set themselves (chat, private chat, screen sharing, recording, hosting on this
 *                 computer) are final here: {@code policy().isEnabled(PolicyKey.CHAT_ALLOWED)}; the lobby and
 *                 settings re-merge the live user settings through {@code policy().policy()}
 * @param links    meeting links from the command line, a second launch or the OS; used after consent
 * @param speakers names of the sound outputs for the lobby's speaker picker ({@link AudioOutputs#deviceNames});
 *                 called off the FX thread, not before consent
 * @param effects  the camera's background effect; {@code capture} must be {@code effects.wrap(…)} of the devices
 *                 so that what the lobby and the meeting choose is applied to their cameras
 */
public record AppServices(AppPaths paths, CaptureFactory capture, LobbyActions meetings, Clock clock,
                          Runnable exit, Locale osLocale, EffectiveConfig policy, LinkInbox links,
                          Supplier<List<String>> speakers, CameraEffects effects) {
    public AppServices {
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(meetings, "meetings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(exit, "exit");
        Objects.requireNonNull(osLocale, "osLocale");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(speakers, "speakers");
        Objects.requireNonNull(effects, "effects");
    }

    /** Background effects as this build ships them, applied to {@code capture}'s cameras. */
    public AppServices(AppPaths paths, CaptureFactory capture, LobbyActions meetings, Clock clock, Runnable exit,
                       Locale osLocale, EffectiveConfig policy, LinkInbox links, Supplier<List<String>> speakers) {
        this(paths, capture, meetings, clock, exit, osLocale, policy, links, speakers,
                new CameraEffects(SegmenterSource.installed()));
    }

    /** The machine's own sound outputs. */
    public AppServices(AppPaths paths, CaptureFactory capture, LobbyActions meetings, Clock clock, Runnable exit,
                       Locale osLocale, EffectiveConfig policy, LinkInbox links) {
        this(paths, capture, meetings, clock, exit, osLocale, policy, links, AudioOutputs::deviceNames);
    }

    /** No administrator policy: every setting is the user's or built in. */
    public AppServices(AppPaths paths, CaptureFactory capture, LobbyActions meetings, Clock clock, Runnable exit,
                       Locale osLocale) {
        this(paths, capture, meetings, clock, exit, osLocale,
                EffectiveConfig.merge(Policy.absent(PolicyFile.machinePath(System.getProperty("os.name", ""))), Map.of()),
                new LinkInbox());
    }
}
