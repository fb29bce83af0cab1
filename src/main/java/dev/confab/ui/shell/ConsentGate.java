package dev.confab.ui.shell;

import dev.confab.i18n.Messages;
import dev.confab.storage.ConsentRecord;
import dev.confab.storage.ConsentStore;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Whether the user agreed to the bundled privacy notice, and storing that agreement. Nothing but the consent
 * screen may be reached, nor anything be written, until {@link #given()}. FX thread unless said otherwise.
 */
final class ConsentGate {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentGate.class);

    /** More file work that must be stored together with the agreement. io thread. */
    interface StoredWithConsent {
        void store() throws IOException;
    }

    private final ConsentStore store;
    private final int noticeVersion;
    private final Executor io;
    private Optional<ConsentRecord> consent;
    private boolean agreeing;

    /** @param consent what was on disk at launch; it may cover an older notice only */
    ConsentGate(ConsentStore store, Optional<ConsentRecord> consent, int noticeVersion, Executor io) {
        this.store = store;
        this.consent = consent;
        this.noticeVersion = noticeVersion;
        this.io = io;
    }

    /** The user agreed to this version of the notice (now or at an earlier launch). */
    boolean given() {
        return ConsentStore.covers(consent, noticeVersion);
    }

    void require() {
        if (!given()) {
            throw new IllegalStateException("No screen but the consent screen before the user agreed");
        }
    }

    ConsentRecord record() {
        return consent.orElseThrow();
    }

    int noticeVersion() {
        return noticeVersion;
    }

    /** The version the user agreed to earlier, so the consent screen can say what changed. */
    OptionalInt previousVersion() {
        return consent.map(c -> OptionalInt.of(c.policyVersion())).orElse(OptionalInt.empty());
    }

    /**
     * Stores the agreement in {@code language}, then {@code alsoStore}, on the io thread; back on the FX thread
     * runs {@code onStored}, or {@code onFailed} when a write failed. A second click while storing is ignored.
     */
    void agree(Locale language, StoredWithConsent alsoStore, Runnable onStored, Consumer<Exception> onFailed) {
        if (agreeing) {
            return; // a double click must not store twice or open two lobbies
        }
        agreeing = true;
        io.execute(() -> {
            try {
                ConsentRecord record = store.agree(noticeVersion, Messages.tag(language));
                alsoStore.store();
                Platform.runLater(() -> {
                    consent = Optional.of(record);
                    agreeing = false;
                    onStored.run();
                });
            } catch (IOException | RuntimeException e) {
                LOG.error("Could not store consent", e);
                Platform.runLater(() -> {
                    agreeing = false;
                    onFailed.accept(e);
                });
            }
        });
    }

    /** The consent was withdrawn and its file erased. */
    void withdrawn() {
        consent = Optional.empty();
    }
}
