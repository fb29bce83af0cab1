package dev.confab.ui.recording;

import dev.confab.recording.RecordingLibrary;
import dev.confab.recording.RecordingRecovery;
import dev.confab.storage.SealedFiles;
import dev.confab.recording.UnfinishedRecording;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * On launch (after consent): finds recordings cut off by a crash and asks, one at a time, "Confab closed
 * while recording X — Keep it / Delete". Keep finalises the file so it plays everywhere and appears in the
 * recordings list. Scanning and finalising run on {@code io}.
 */
public final class RecoveryPrompt {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryPrompt.class);

    private final UiText text;
    private final RecordingRecovery recovery;
    private final RecordingLibrary library;
    private final Executor io;
    private final Window owner;
    private final Consumer<UiMessage> notice;
    private final Deque<UnfinishedRecording> pending = new ArrayDeque<>();

    /** @param keys opens the keys of encrypted recordings (the home's at-rest files) */
    public RecoveryPrompt(UiText text, Path folder, SealedFiles keys, Executor io, Window owner, Consumer<UiMessage> notice) {
        this.text = text;
        this.recovery = new RecordingRecovery(folder, keys);
        this.library = new RecordingLibrary(folder, keys);
        this.io = io;
        this.owner = owner;
        this.notice = notice;
    }

    /**
     * Deletes the decrypted copies the last run made for the player, then scans in the background and asks about
     * each unfinished recording. FX thread.
     */
    public void start() {
        io.execute(() -> {
            try {
                library.deletePlayableCopies();
                RecordingRecovery.Findings findings = recovery.scan();
                findings.deletedNotes().forEach(n -> LOG.info("Recording leftover removed: {}", n));
                Platform.runLater(() -> {
                    pending.addAll(findings.unfinished());
                    askNext();
                });
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not look for unfinished recordings", e);
            }
        });
    }

    private void askNext() {
        UnfinishedRecording next = pending.poll();
        if (next == null) {
            return;
        }
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(text.locale())
                .withZone(ZoneId.systemDefault()).format(next.marker().startedAt());
        String what = next.marker().meeting() != null ? next.marker().meeting() : next.file().getFileName().toString();
        ButtonType keep = new ButtonType(text.get("recovery.keep"), ButtonBar.ButtonData.OK_DONE);
        ButtonType delete = new ButtonType(text.get("recovery.delete"), ButtonBar.ButtonData.OTHER);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text.get("recovery.message", what, when), keep, delete);
        alert.setTitle(text.get("recovery.title"));
        alert.setHeaderText(text.get("recovery.title"));
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.getDialogPane().setId("recoveryDialog");
        alert.getDialogPane().lookupButton(keep).setId("recoveryKeep");
        alert.getDialogPane().lookupButton(delete).setId("recoveryDelete");
        alert.resultProperty().addListener((obs, old, result) -> {
            boolean keepIt = result == keep;
            if (result == keep || result == delete) {
                io.execute(() -> decide(next, keepIt));
            }
        });
        alert.show();
    }

    private void decide(UnfinishedRecording recording, boolean keep) {
        try {
            if (keep) {
                recovery.keep(recording);
            } else {
                recovery.discard(recording);
            }
        } catch (Exception e) {
            LOG.warn("Could not {} {}", keep ? "keep" : "discard", recording.file(), e);
            Platform.runLater(() -> notice.accept(UiMessage.of("recovery.failed", String.valueOf(e.getMessage()))));
        }
        Platform.runLater(this::askNext);
    }
}
