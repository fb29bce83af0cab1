package dev.confab.ui.shell;

import dev.confab.logging.FileLogging;
import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.PolicyKey;
import dev.confab.policy.ValueSource;
import dev.confab.privacy.DataEraser;
import dev.confab.privacy.DataLocations;
import dev.confab.privacy.Permission;
import dev.confab.privacy.PrivacySettings;
import dev.confab.privacy.PrivacySettingsStore;
import dev.confab.storage.AppPaths;
import dev.confab.ui.consent.ConsentChoices;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one thread that writes the user's files, and what the shell does with them besides settings and consent:
 * the log file, the administrator's public computer mode, erasing everything. Methods are called on the FX
 * thread and queue their work, so writes keep the order they were asked in.
 */
final class UserFiles {
    private static final Logger LOG = LoggerFactory.getLogger(UserFiles.class);

    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "confab-user-files"));
    private final AppPaths paths;
    private final EffectiveConfig policy;
    private final PrivacySettingsStore privacy;

    UserFiles(AppPaths paths, EffectiveConfig policy) {
        this.paths = paths;
        this.policy = policy;
        this.privacy = new PrivacySettingsStore(paths);
    }

    /** Shared with every other writer of the user's files, so their writes never interleave. */
    ExecutorService io() {
        return io;
    }

    PrivacySettingsStore privacy() {
        return privacy;
    }

    /** The switches under the notice as the stored privacy settings have them (the log file needs a yes). */
    static ConsentChoices choices(PrivacySettings privacy) {
        return new ConsentChoices(privacy.keepMeetingHistory(), privacy.state(Permission.DIAGNOSTICS) == Permission.State.GRANTED);
    }

    /** Stores the switches under the notice with the agreement. io thread (the agreement's). */
    void storeChoices(ConsentChoices choices) throws IOException {
        privacy.save(privacy.load().withKeepMeetingHistory(choices.keepMeetingHistory()).with(Permission.DIAGNOSTICS,
                choices.diagnosticLogs() ? Permission.State.GRANTED : Permission.State.DENIED));
    }

    /** Leaving already (declined, or the window closed): nothing more may be queued. */
    boolean closed() {
        return io.isShutdown();
    }

    /** Consent is given: the preset public computer mode is written first, then the log file starts. */
    void afterConsent() {
        io.execute(this::seedPublicComputerMode);
        io.execute(this::startFileLogging);
    }

    /** Queued after {@link #afterConsent()}, so the warnings reach the log file too. */
    void logPolicyWarnings(List<String> warnings) {
        io.execute(() -> warnings.forEach(w -> LOG.warn("Policy: {}", w)));
    }

    /** Declined: erases whatever an earlier consent allowed, then runs {@code exit} on the FX thread. */
    void eraseAndExit(DataLocations locations, Runnable exit) {
        io.execute(() -> {
            try {
                eraseEverything(locations);
            } catch (IOException e) {
                LOG.error("Could not erase user data on decline", e);
            }
            Platform.runLater(exit);
        });
        io.shutdown();
    }

    /** Consent withdrawn: erases everything, then {@code onErased} or {@code onFailed} on the FX thread. */
    void eraseAll(DataLocations locations, Runnable onErased, Consumer<IOException> onFailed) {
        io.execute(() -> {
            try {
                eraseEverything(locations);
                Platform.runLater(onErased);
            } catch (IOException e) {
                LOG.error("Could not erase user data", e);
                Platform.runLater(() -> onFailed.accept(e));
            }
        });
    }

    /**
     * The app is closing: lets pending writes finish, erases everything in public computer mode, and waits
     * (briefly) so that really happens before the JVM ends.
     */
    void close(boolean consented, DataLocations locations) {
        if (io.isShutdown()) {
            return;
        }
        io.execute(() -> {
            if (consented && publicComputerMode()) {
                try {
                    eraseEverything(locations);
                } catch (IOException e) {
                    LOG.error("Public computer mode: could not erase all data", e);
                }
            }
        });
        io.shutdown();
        try {
            io.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the log file first, so erasing the log folder leaves nothing that is still being written. io thread. */
    private static void eraseEverything(DataLocations locations) throws IOException {
        FileLogging.disable();
        new DataEraser(locations).eraseEverything();
    }

    /**
     * The log file exists only after consent (before it nothing may be written), and only when the user turned
     * diagnostic logs on (under the notice or in the privacy center). io thread.
     */
    private void startFileLogging() {
        try {
            if (privacy.load().state(Permission.DIAGNOSTICS) != Permission.State.GRANTED) {
                return;
            }
            FileLogging.enable(paths.logs());
        } catch (IOException | RuntimeException e) {
            LOG.warn("No log file: {}", e.toString());
        }
    }

    /** Enforced by the administrator, else the privacy center's switch (seeded from the policy preset). io thread. */
    private boolean publicComputerMode() {
        return policy.isLocked(PolicyKey.PUBLIC_COMPUTER_MODE)
                ? policy.isEnabled(PolicyKey.PUBLIC_COMPUTER_MODE)
                : privacy.load().publicComputerMode();
    }

    /**
     * An administrator's preset ({@code defaults.publicComputerMode: true}) is what the user starts with: written
     * into their privacy settings before anything else is, so the first permission answer does not silently
     * turn it off. io thread.
     */
    private void seedPublicComputerMode() {
        if (policy.source(PolicyKey.PUBLIC_COMPUTER_MODE) != ValueSource.POLICY_DEFAULT
                || !policy.isEnabled(PolicyKey.PUBLIC_COMPUTER_MODE)
                || Files.exists(PrivacySettingsStore.file(paths))) {
            return;
        }
        try {
            privacy.save(PrivacySettings.defaults().withPublicComputerMode(true));
        } catch (IOException e) {
            LOG.warn("Could not apply the preset public computer mode: {}", e.toString());
        }
    }
}
