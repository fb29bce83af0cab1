package dev.confab.ui.chat;

import dev.confab.meeting.files.FileFailure;
import dev.confab.meeting.files.FileSendStatus;
import dev.confab.meeting.files.FileTypes;
import dev.confab.meeting.files.ReceivedFile;
import dev.confab.privacy.DataInventory;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The chat's files: an attach button, dropping files on the panel, and a card per file (received: name, size,
 * type and sender with Save / Open / Dismiss, a warning for types that can run programs, and the SHA-256 on
 * request; sent: progress). FX thread; saving and opening run on {@code io}.
 */
public final class ChatFilesView extends VBox {

    private static final Logger LOG = LoggerFactory.getLogger(ChatFilesView.class);

    private final UiText text;
    private final ChatFiles files;
    private final FileSending sending;
    private final Supplier<List<Integer>> recipients;
    private final Executor io;

    /** @param recipients who a file goes to now: the chat's recipient picker (empty: everyone) */
    public ChatFilesView(UiText text, ChatFiles files, FileSending sending, Supplier<List<Integer>> recipients,
                         Executor io) {
        this.text = Objects.requireNonNull(text, "text");
        this.files = Objects.requireNonNull(files, "files");
        this.sending = Objects.requireNonNull(sending, "sending");
        this.recipients = recipients;
        this.io = io;
        setId("chatFiles");
        setSpacing(6);
        managedProperty().bind(visibleProperty());
        files.items().addListener((ListChangeListener<ChatFiles.Item>) change -> rebuild());
        text.localeProperty().addListener((obs, old, now) -> rebuild());
        rebuild();
    }

    /** The icon-only "Send a file" button for the composer. */
    public Button attachButton() {
        Button attach = new Button(null, new FontIcon(MaterialDesignP.PAPERCLIP));
        attach.setId("chatAttach");
        attach.getStyleClass().add("flat");
        attach.accessibleTextProperty().bind(text.bind("chat.file.attach"));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind("chat.file.attach.help"));
        attach.setTooltip(tip);
        attach.setOnAction(e -> sending.chooseFilesToSend().forEach(this::send));
        attach.setMinWidth(Region.USE_PREF_SIZE);
        return attach;
    }

    /** Lets files be dropped on {@code target} (the chat panel) to send them. */
    public void acceptDrops(Node target) {
        target.addEventHandler(DragEvent.DRAG_OVER, event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
                event.consume();
            }
        });
        target.addEventHandler(DragEvent.DRAG_DROPPED, event -> {
            boolean any = event.getDragboard().hasFiles();
            if (any) {
                event.getDragboard().getFiles().stream().map(java.io.File::toPath)
                        .filter(Files::isRegularFile).forEach(this::send);
            }
            event.setDropCompleted(any);
            event.consume();
        });
    }

    /** Sends a file to whoever the recipient picker names now. */
    public void send(Path file) {
        sending.send(recipients.get(), file);
    }

    private void rebuild() {
        getChildren().setAll(files.items().stream().map(this::card).toList());
        setVisible(!files.items().isEmpty());
    }

    private Node card(ChatFiles.Item item) {
        return switch (item) {
            case ChatFiles.Incoming incoming -> incomingCard(incoming);
            case ChatFiles.Outgoing outgoing -> outgoingCard(outgoing);
            case ChatFiles.Failed failed -> failedCard(failed);
        };
    }

    private VBox incomingCard(ChatFiles.Incoming item) {
        ReceivedFile file = item.file();
        Label name = new Label(file.name(), new FontIcon(MaterialDesignF.FILE_OUTLINE));
        name.getStyleClass().add("chat-file-name");
        String ext = FileTypes.extension(file.safeName());
        // "XLSX" reads better than application/vnd.openxmlformats-…; the media type stays in the tooltip.
        Label details = wrapped(text.get(file.direct() ? "chat.file.details.private" : "chat.file.details",
                DataInventory.humanSize(file.size()), ext.isEmpty() ? file.type() : ext.toUpperCase(java.util.Locale.ROOT),
                file.fromName()));
        details.setTooltip(new Tooltip(file.type()));
        details.getStyleClass().add("chat-file-details");
        VBox card = new VBox(4, name, details);
        card.setId("chatFileCard-" + file.fromId() + "-" + file.transferId());
        card.getStyleClass().add("chat-file-card");
        if (file.executable()) {
            Label warning = wrapped(text.get("chat.file.executable", file.fromName()));
            warning.setGraphic(new FontIcon(MaterialDesignA.ALERT_OUTLINE));
            warning.getStyleClass().add("chat-file-warning");
            warning.setId("chatFileWarning");
            card.getChildren().add(warning);
        }
        TextField hash = new TextField(file.sha256());
        hash.setEditable(false);
        hash.getStyleClass().add("chat-file-hash");
        hash.setVisible(false);
        hash.managedProperty().bind(hash.visibleProperty());
        hash.setId("chatFileHash");
        Hyperlink showHash = new Hyperlink(text.get("chat.file.showHash"));
        showHash.setId("chatFileShowHash");
        showHash.setOnAction(e -> {
            hash.setVisible(!hash.isVisible());
            showHash.setText(text.get(hash.isVisible() ? "chat.file.hideHash" : "chat.file.showHash"));
        });
        Label outcome = wrapped("");
        outcome.setId("chatFileOutcome");
        outcome.visibleProperty().bind(outcome.textProperty().isNotEmpty());
        outcome.managedProperty().bind(outcome.visibleProperty());
        Button save = button("chatFileSave", "chat.file.save");
        save.getStyleClass().add("accent");
        Button open = button("chatFileOpen", file.executable() ? "chat.file.openAnyway" : "chat.file.open");
        if (file.executable()) {
            open.getStyleClass().add("danger");
        }
        Button dismiss = button("chatFileDismiss", "chat.file.dismiss");
        save.setOnAction(e -> {
            Path target = sending.chooseSaveLocation(file.safeName());
            if (target != null) {
                write(() -> file.saveTo(target), outcome, false);
            }
        });
        open.setOnAction(e -> write(() -> file.saveInto(sending.receivedFolder()), outcome, true));
        dismiss.setOnAction(e -> files.dismiss(item));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(6, showHash, spacer, save, open, dismiss);
        buttons.setAlignment(Pos.CENTER_LEFT);
        card.getChildren().addAll(hash, outcome, buttons);
        return card;
    }

    private interface Write {
        Path run() throws IOException;
    }

    private void write(Write write, Label outcome, boolean thenOpen) {
        outcome.setText(text.get("chat.file.saving"));
        io.execute(() -> {
            String shown;
            try {
                Path saved = write.run();
                shown = text.get("chat.file.saved", saved.toString());
                if (thenOpen) {
                    sending.open(saved);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not save or open a received file", e);
                shown = text.get("chat.file.saveFailed", e.getMessage() == null ? e.toString() : e.getMessage());
            }
            String result = shown;
            Platform.runLater(() -> outcome.setText(result));
        });
    }

    private VBox outgoingCard(ChatFiles.Outgoing item) {
        FileSendStatus status = item.status();
        boolean sent = status.state() == FileSendStatus.State.SENT;
        Label name = new Label(status.name(), new FontIcon(MaterialDesignF.FILE_UPLOAD_OUTLINE));
        name.getStyleClass().add("chat-file-name");
        String to = text.get(status.direct() ? "chat.file.toChosen" : "chat.file.toEveryone");
        Label state = wrapped(text.get(sent ? "chat.file.sent" : "chat.file.sending", to,
                DataInventory.humanSize(status.size())));
        state.setId("chatFileState");
        ProgressBar bar = new ProgressBar(status.size() == 0 ? 1 : (double) status.sentBytes() / status.size());
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setVisible(!sent);
        bar.managedProperty().bind(bar.visibleProperty());
        Button action = sent ? button("chatFileDismiss", "chat.file.dismiss") : button("chatFileCancel", "chat.file.cancel");
        action.setOnAction(e -> {
            if (!sent) {
                sending.cancel(status.transferId());
            }
            files.dismiss(item);
        });
        HBox row = new HBox(6, bar, action);
        HBox.setHgrow(bar, Priority.ALWAYS);
        row.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(4, name, state, row);
        card.setId("chatFileSending-" + status.transferId());
        card.getStyleClass().addAll("chat-file-card", "chat-file-own");
        return card;
    }

    private VBox failedCard(ChatFiles.Failed item) {
        FileFailure failure = item.failure();
        String key = "chat.file.failed." + (failure.outgoing() ? "sent." : "received.")
                + failure.kind().name().toLowerCase(java.util.Locale.ROOT);
        Label message = wrapped(text.get(key, failure.name() == null ? "?" : failure.name(),
                failure.peer() == null ? "" : failure.peer()));
        message.setGraphic(new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        message.getStyleClass().add("chat-problem");
        message.setId("chatFileProblem");
        Button dismiss = button("chatFileDismiss", "chat.file.dismiss");
        dismiss.setOnAction(e -> files.dismiss(item));
        HBox row = new HBox(dismiss);
        row.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(4, message, row);
        card.getStyleClass().addAll("chat-file-card", "chat-file-failed");
        return card;
    }

    private Button button(String id, String key) {
        Button button = new Button(text.get(key));
        button.setId(id);
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    private static Label wrapped(String value) {
        Label label = new Label(value);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
