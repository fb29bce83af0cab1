package dev.confab.ui.chat;

import dev.confab.meeting.files.FileFailure;
import dev.confab.meeting.files.FileSendStatus;
import dev.confab.meeting.files.ReceivedFile;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The files of the chat, as cards: ones received (Save / Open / Dismiss), ones being sent (progress), and ones
 * that failed either way. Fed from the session's thread ({@link #received}, {@link #progress}, {@link #failed}),
 * read on the FX thread.
 */
public final class ChatFiles {

    /** One card. */
    public sealed interface Item permits Incoming, Outgoing, Failed {
    }

    /** A verified file in memory; nothing on disk until the user saves or opens it. */
    public record Incoming(ReceivedFile file) implements Item {
    }

    public record Outgoing(FileSendStatus status) implements Item {
    }

    public record Failed(FileFailure failure) implements Item {
    }

    private final Executor fxThread;
    private final ObservableList<Item> items = FXCollections.observableArrayList();

    /** @param fxThread {@code Platform::runLater} in the app */
    public ChatFiles(Executor fxThread) {
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
    }

    /** The cards, oldest first. FX thread. */
    public ObservableList<Item> items() {
        return items;
    }

    public void received(ReceivedFile file) {
        fxThread.execute(() -> items.add(new Incoming(file)));
    }

    /** A file being sent moved on: its card is updated in place. */
    public void progress(FileSendStatus status) {
        fxThread.execute(() -> {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof Outgoing out && out.status().transferId() == status.transferId()) {
                    items.set(i, new Outgoing(status));
                    return;
                }
            }
            items.add(new Outgoing(status));
        });
    }

    /** A failure; one while sending replaces that file's progress card. */
    public void failed(FileFailure failure) {
        fxThread.execute(() -> {
            if (failure.outgoing()) {
                items.removeIf(item -> item instanceof Outgoing out
                        && out.status().state() == FileSendStatus.State.SENDING && out.status().name().equals(failure.name()));
            }
            items.add(new Failed(failure));
        });
    }

    /** The user dismissed a card: a received file is forgotten (it was never written anywhere). FX thread. */
    public void dismiss(Item item) {
        items.remove(item);
    }
}
