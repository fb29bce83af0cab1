package dev.confab.ui;

import dev.confab.ui.lobby.LobbyActions;
import dev.confab.ui.shell.AppController;
import dev.confab.ui.shell.AppServices;
import dev.confab.ui.shell.LinkInbox;

import dev.confab.i18n.PrivacyNotice;
import dev.confab.policy.Policy;
import dev.confab.policy.PolicyFile;
import dev.confab.policy.UserSettingsValues;
import dev.confab.privacy.Permission;
import dev.confab.privacy.PrivacySettings;
import dev.confab.privacy.PrivacySettingsStore;
import dev.confab.storage.AppPaths;
import dev.confab.storage.ConsentStore;
import dev.confab.storage.Settings;
import dev.confab.storage.SettingsStore;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

/** Starts the real app shell on the TestFX stage with a private data folder and recording fakes. */
final class AppHarness {
    static {
        // JavaFX 26 has its own Headless glass platform (-Dglass.platform=Headless); testfx.headless=true would
        // make TestFX look for the separate Monocle library instead, which this project does not use.
        System.setProperty("testfx.headless", "false");
    }

    final AppPaths paths;
    final FakeCaptureFactory capture;
    private java.util.List<String> speakers = java.util.List.of();
    final RecordingLobbyActions meetings = new RecordingLobbyActions();
    /** What the lobby's buttons do: the recorder unless a test connects the real meeting layer. */
    LobbyActions actions = meetings;
    final CountDownLatch exited = new CountDownLatch(1);
    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);
    AppController controller;
    /** The administrator's policy; CONFAB_POLICY_FILE cannot differ per test, so tests hand it in here. */
    Policy policy;
    /** Meeting links "from outside" (command line, second launch); tests offer them before or after start. */
    final LinkInbox links = new LinkInbox();

    AppHarness(Path dir, FakeCaptureFactory capture) {
        this.paths = AppPaths.under(dir);
        this.capture = capture;
    }

    /**
     * Uses the real meeting layer (network) instead of the recorder, as a user who allowed camera, microphone,
     * screen capture and recording on an earlier run (the permission prompt has its own tests).
     */
    AppHarness withMeetings(LobbyActions real) throws IOException {
        this.actions = real;
        return granted(Permission.CAMERA, Permission.MICROPHONE, Permission.SCREEN, Permission.RECORDING);
    }

    /** Stores these permissions as allowed, as the permission prompt would have on an earlier run. */
    AppHarness granted(Permission... permissions) throws IOException {
        PrivacySettingsStore store = new PrivacySettingsStore(paths);
        PrivacySettings settings = store.load();
        for (Permission p : permissions) {
            settings = settings.with(p, Permission.State.GRANTED);
        }
        store.save(settings);
        return this;
    }

    AppHarness(Path dir) {
        this(dir, FakeCaptureFactory.syntheticOnly());
    }

    /** The sound outputs the lobby lists (none by default, like a machine without sound). */
    AppHarness withSpeakers(String... names) {
        this.speakers = java.util.List.of(names);
        return this;
    }

    /** Starts under this policy, read from {@code policyFile} like the real policy.json. */
    AppHarness withPolicy(Path policyFile) {
        this.policy = PolicyFile.load(policyFile);
        return this;
    }

    /**
     * Background effects with this segmenter (each start opens its own, like a new launch of the app), applied to
     * the cameras as in DesktopLauncher; without it, effects are as this build ships them and cameras unwrapped.
     */
    AppHarness withEffects(dev.confab.media.effects.SegmenterSource segmenters) {
        this.segmenters = segmenters;
        return this;
    }

    private dev.confab.media.effects.SegmenterSource segmenters;
    /** The background effects of the last start (with {@link #withEffects}). */
    volatile dev.confab.media.effects.CameraEffects effects;

    /** Merged the way DesktopLauncher does: from the policy and the user's files as they are at start. */
    AppServices services(Locale osLocale) {
        Policy machine = policy != null ? policy : Policy.absent(paths.config().resolve("policy.json"));
        var config = UserSettingsValues.effectiveConfig(machine, paths, new java.util.ArrayList<>());
        if (segmenters == null) {
            return new AppServices(paths, capture, actions, clock, exited::countDown, osLocale, config, links,
                    () -> speakers);
        }
        effects = new dev.confab.media.effects.CameraEffects(segmenters);
        return new AppServices(paths, cameras(), actions, clock, exited::countDown, osLocale, config,
                links, () -> speakers, effects);
    }

    /**
     * The cameras as the app gets them: through the background effects of the current start (with
     * {@link #withEffects}), for a meeting launcher too, so the lobby and the meeting share them as in the product.
     */
    dev.confab.media.CaptureFactory cameras() {
        if (segmenters == null) {
            return capture;
        }
        return new dev.confab.media.CaptureFactory() {
            @Override
            public java.util.List<dev.confab.media.CaptureDevice> cameras() {
                return capture.cameras();
            }

            @Override
            public java.util.List<dev.confab.media.CaptureDevice> microphones() {
                return capture.microphones();
            }

            @Override
            public dev.confab.media.Capture openCamera(dev.confab.media.CaptureDevice device,
                    dev.confab.media.VideoFormat format, dev.confab.media.VideoFrameListener listener)
                    throws dev.confab.media.MediaException {
                return effects.wrap(capture).openCamera(device, format, listener);
            }

            @Override
            public dev.confab.media.Capture openMicrophone(dev.confab.media.CaptureDevice device,
                    dev.confab.media.AudioFrameListener listener) throws dev.confab.media.MediaException {
                return capture.openMicrophone(device, listener);
            }
        };
    }

    /**
     * Stores consent to {@code version} (and settings) as an earlier run of the app would have, including the
     * camera and microphone permission that run's lobby asked for (the prompt itself has its own tests).
     */
    AppHarness agreedBefore(int version, Settings settings) throws IOException {
        new ConsentStore(paths, clock).agree(version, "en");
        new SettingsStore(paths, clock).save(settings);
        return granted(Permission.CAMERA, Permission.MICROPHONE);
    }

    AppHarness agreedBefore(Settings settings) throws IOException {
        return agreedBefore(PrivacyNotice.VERSION, settings);
    }

    AppController start(Locale osLocale) throws TimeoutException {
        return start(osLocale, PrivacyNotice.VERSION);
    }

    /** Starts as a build whose bundled privacy notice has {@code noticeVersion}. */
    AppController start(Locale osLocale, int noticeVersion) throws TimeoutException {
        Stage stage = FxToolkit.registerPrimaryStage();
        AppServices services = services(osLocale);
        FxToolkit.setupFixture(() -> {
            AppController.Startup onDisk = AppController.Startup.load(services);
            controller = new AppController(stage, services,
                    new AppController.Startup(onDisk.settings(), onDisk.consent(), noticeVersion, onDisk.privacy()));
            controller.start();
        });
        // The window is laid out on the next pulses: a robot that looks up a node before then clicks where it is not.
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        return controller;
    }

    void stop() throws TimeoutException {
        if (controller != null) {
            AppController c = controller;
            FxToolkit.setupFixture(c::shutdown);
        }
        if (effects != null) {
            effects.close();
        }
    }
}
