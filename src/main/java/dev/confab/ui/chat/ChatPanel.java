package dev.confab.ui.chat;

import dev.confab.meeting.ChatMessage;
import dev.confab.meeting.ChatModel;
import dev.confab.storage.AtomicFiles;
import dev.confab.storage.ChatHistoryStore;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The in-meeting chat, a self-contained panel for the meeting screen's side bar: message list, recipient
 * picker (everyone or one participant, clearly marked), a multi-line input (Enter sends, Shift+Enter breaks
 * the line) with a character counter, links that open only after the user confirmed the full address,
 * "Save chat", and the meeting security code. JavaFX thread only; the {@link ChatModel} may be fed from any thread.
 *
 * <p>For the toolbar: {@link #unreadCount()} counts received messages while {@link #shownProperty()} is false,
 * and {@link #setOnToast} gets a one-line summary of each of them.
 */
public final class ChatPanel extends VBox {

    private static final Logger LOG = LoggerFactory.getLogger(ChatPanel.class);

    private final UiText text;
    private final ChatViewModel viewModel;
    private final LinkOpener links;
    private final ChatTexts texts;
    private final ListView<ChatModel.Entry> list;
    private final ComboBox<ChatViewModel.Recipient> recipient = new ComboBox<>();
    private final TextArea input = new TextArea();
    private final Label securityCode = new Label();
    private final Label status = new Label();
    private final Label pendingLink = new Label();
    private final VBox linkConfirm;
    private final ExecutorService fileWriter = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("confab-chat-files").factory());
    private final ChatHistoryStore.Transcript transcript;
    private final HBox sendRow = new HBox(8);
    private Consumer<String> onToast = message -> { };
    private Supplier<Path> saveLocation = this::chooseSaveFile;

    /**
     * @param transcript where to keep the chat when the user enabled "Keep chat history", else null
     */
    public ChatPanel(UiText text, ChatModel model, ChatSender sender, LinkOpener links,
                     ChatHistoryStore.Transcript transcript) {
        this.text = Objects.requireNonNull(text, "text");
        this.viewModel = new ChatViewModel(model, sender);
        this.list = new ListView<>(viewModel.entries());
        this.links = Objects.requireNonNull(links, "links");
        this.transcript = transcript;
        this.texts = new ChatTexts(text, model);
        setId("chatPanel");
        getStyleClass().add("chat-panel");
        getStylesheets().add(Objects.requireNonNull(ChatPanel.class.getResource("chat.css")).toExternalForm());
        setSpacing(8);

        this.linkConfirm = linkConfirmation();
        getChildren().addAll(header(), list, linkConfirm, status, composer());
        VBox.setVgrow(list, Priority.ALWAYS);

        list.setId("chatMessages");
        list.setFocusTraversable(false);
        DoubleBinding bubbleWidth = list.widthProperty().multiply(0.82);
        list.setCellFactory(v -> new ChatEntryCell(texts, this::confirmLink, bubbleWidth));
        Label empty = new Label();
        empty.textProperty().bind(text.bind("chat.empty"));
        empty.setWrapText(true);
        list.setPlaceholder(empty);

        status.setId("chatStatus");
        status.setWrapText(true);
        status.getStyleClass().add("chat-status");
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.managedProperty().bind(status.visibleProperty());
        status.visibleProperty().bind(status.textProperty().isNotEmpty());

        viewModel.setOnAdded(added -> {
            list.scrollTo(viewModel.entries().size() - 1);
            added.forEach(this::keep);
        });
        viewModel.setOnUnseen(message -> onToast.accept(texts.toast(message)));
        text.localeProperty().addListener((obs, old, now) -> {
            list.refresh();
            viewModel.showRoster(model.roster()); // the picker's cells show the new language
        });
        viewModel.follow(Platform::runLater);
        viewModel.entries().forEach(this::keep); // what was said before the panel existed
    }

    /** The panel's state; the meeting screen sets the administrator's private-chat switch on it. */
    public ChatViewModel viewModel() {
        return viewModel;
    }

    /** Received messages not yet seen because the panel was hidden; the toolbar button's badge. */
    public ReadOnlyIntegerProperty unreadCount() {
        return viewModel.unreadCount();
    }

    /** Whether the user can see the panel; the meeting screen keeps it in sync with the side bar. */
    public BooleanProperty shownProperty() {
        return viewModel.shownProperty();
    }

    /** Called (FX thread) with a one-line summary of each message that arrives while the panel is hidden. */
    public void setOnToast(Consumer<String> onToast) {
        this.onToast = Objects.requireNonNull(onToast, "onToast");
    }

    /** Replaces the file dialog of "Save chat" (tests); the supplier returns null when the user cancels. */
    public void setSaveLocation(Supplier<Path> chooser) {
        this.saveLocation = Objects.requireNonNull(chooser, "chooser");
    }

    /**
     * Turns on files in this chat (the server and the administrator allow them): an attach button, dropping files
     * on the panel, and the file cards above the input. Files go to whoever the recipient picker names.
     */
    public ChatFilesView enableFiles(ChatFiles files, FileSending sending) {
        ChatFilesView view = new ChatFilesView(text, files, sending, () -> {
            ChatViewModel.Recipient to = viewModel.recipientProperty().get();
            return to == null || to.id() == 0 ? java.util.List.of() : java.util.List.of(to.id());
        }, fileWriter);
        getChildren().add(getChildren().indexOf(linkConfirm), view);
        sendRow.getChildren().add(sendRow.getChildren().size() - 1, view.attachButton());
        view.acceptDrops(this);
        return view;
    }

    /** Moves the keyboard focus to the input, e.g. when the panel is opened. */
    public void focusInput() {
        input.requestFocus();
    }

    /** Stops the background file writer; call when the meeting screen closes. */
    public void dispose() {
        fileWriter.shutdown();
    }

    // ---- layout ------------------------------------------------------------------------------------------

    private VBox header() {
        Label title = new Label();
        title.textProperty().bind(text.bind("chat.title"));
        title.getStyleClass().add("chat-title");
        Button save = new Button();
        save.setId("chatSave");
        save.setGraphic(new FontIcon(MaterialDesignC.CONTENT_SAVE_OUTLINE));
        save.textProperty().bind(text.bind("chat.save"));
        save.setOnAction(e -> save());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox titleRow = new HBox(8, title, spacer, save);
        titleRow.setAlignment(Pos.CENTER_LEFT);

        Label note = new Label();
        note.setId("chatLateJoinNote");
        note.setGraphic(new FontIcon(MaterialDesignL.LOCK_OUTLINE));
        note.setWrapText(true);
        note.textProperty().bind(text.bind("chat.note"));
        note.getStyleClass().add("chat-note");
        note.setMinHeight(Region.USE_PREF_SIZE); // wrap to as many lines as needed instead of "…"

        securityCode.setId("chatSecurityCode");
        securityCode.setGraphic(new FontIcon(MaterialDesignS.SHIELD_CHECK_OUTLINE));
        securityCode.getStyleClass().add("chat-security-code");
        securityCode.setWrapText(true);
        securityCode.setMinHeight(Region.USE_PREF_SIZE);
        Tooltip howTo = new Tooltip();
        howTo.textProperty().bind(text.bind("chat.securityCode.help"));
        howTo.setWrapText(true);
        howTo.setMaxWidth(320);
        securityCode.setTooltip(howTo);
        securityCode.textProperty().bind(text.bind(viewModel.securityCodeProperty()));
        return new VBox(6, titleRow, note, securityCode);
    }

    private VBox linkConfirmation() {
        Label question = new Label();
        question.textProperty().bind(text.bind("chat.link.confirm"));
        question.setWrapText(true);
        pendingLink.setId("chatLinkAddress");
        pendingLink.setWrapText(true);
        pendingLink.getStyleClass().add("chat-link-address");
        Button cancel = new Button();
        cancel.setId("chatLinkCancel");
        cancel.textProperty().bind(text.bind("chat.link.cancel"));
        cancel.setCancelButton(false);
        Button open = new Button();
        open.setId("chatLinkOpen");
        open.textProperty().bind(text.bind("chat.link.open"));
        HBox buttons = new HBox(8, cancel, open);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox box = new VBox(6, question, pendingLink, buttons);
        box.setId("chatLinkConfirm");
        box.getStyleClass().add("chat-link-confirm");
        box.setVisible(false);
        box.managedProperty().bind(box.visibleProperty());
        cancel.setOnAction(e -> box.setVisible(false));
        open.setOnAction(e -> {
            box.setVisible(false);
            links.open(pendingLink.getText());
        });
        return box;
    }

    private VBox composer() {
        recipient.setId("chatRecipient");
        recipient.setMaxWidth(Double.MAX_VALUE);
        recipient.setCellFactory(v -> new RecipientCell());
        recipient.setButtonCell(new RecipientCell());
        recipient.setItems(viewModel.recipients());
        recipient.valueProperty().bindBidirectional(viewModel.recipientProperty());
        recipient.disableProperty().bind(viewModel.privateChatAllowedProperty().not());
        Label toLabel = new Label();
        toLabel.textProperty().bind(text.bind("chat.to"));
        HBox.setHgrow(recipient, Priority.ALWAYS);
        HBox toRow = new HBox(8, toLabel, recipient);
        toRow.setAlignment(Pos.CENTER_LEFT);

        Label privateNotice = new Label();
        privateNotice.setId("chatPrivateNotice");
        privateNotice.setWrapText(true);
        privateNotice.getStyleClass().add("chat-private-notice");
        privateNotice.setMinHeight(Region.USE_PREF_SIZE);
        privateNotice.textProperty().bind(Bindings.createStringBinding(() -> text.get(viewModel.privateNotice()),
                viewModel.recipientProperty(), text.localeProperty()));
        privateNotice.visibleProperty().bind(privateNotice.textProperty().isNotEmpty());
        privateNotice.managedProperty().bind(privateNotice.visibleProperty());

        input.setId("chatInput");
        input.setWrapText(true);
        input.setPrefRowCount(3);
        input.promptTextProperty().bind(text.bind("chat.input.prompt"));
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        recipient.valueProperty().addListener((obs, old, now) -> {
            boolean priv = now != null && now.id() != 0;
            input.getStyleClass().remove("chat-input-private");
            if (priv) {
                input.getStyleClass().add("chat-input-private");
            }
        });

        Label counter = new Label();
        counter.setId("chatCounter");
        counter.getStyleClass().add("chat-counter");
        counter.textProperty().bind(Bindings.createStringBinding(() -> text.get("chat.counter",
                ChatMessage.length(input.getText()), ChatMessage.MAX_CHARACTERS), input.textProperty(), text.localeProperty()));
        input.textProperty().addListener((obs, old, now) -> {
            counter.getStyleClass().remove("chat-counter-over");
            if (ChatMessage.length(now) > ChatMessage.MAX_CHARACTERS) {
                counter.getStyleClass().add("chat-counter-over");
            }
        });
        Label hint = new Label();
        hint.textProperty().bind(text.bind("chat.input.hint"));
        hint.getStyleClass().add("chat-hint");
        Button send = new Button();
        send.setId("chatSend");
        send.setGraphic(new FontIcon(MaterialDesignS.SEND));
        send.textProperty().bind(text.bind("chat.send"));
        send.setDefaultButton(false);
        send.disableProperty().bind(Bindings.createBooleanBinding(() -> !ChatViewModel.sendable(input.getText()),
                input.textProperty()));
        send.setOnAction(e -> send());
        // The hint gives way (wraps) so that the counter and the send button are never cut off.
        hint.setWrapText(true);
        hint.setMinWidth(0);
        hint.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(hint, Priority.ALWAYS);
        counter.setMinWidth(Region.USE_PREF_SIZE);
        send.setMinWidth(Region.USE_PREF_SIZE);
        sendRow.getChildren().setAll(hint, counter, send);
        sendRow.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, toRow, privateNotice, input, sendRow);
    }

    // ---- behaviour ---------------------------------------------------------------------------------------

    private void onKey(KeyEvent event) {
        if (event.getCode() != KeyCode.ENTER) {
            return;
        }
        event.consume();
        if (event.isShiftDown()) {
            input.replaceSelection("\n");
        } else {
            send();
        }
    }

    private void send() {
        if (viewModel.send(input.getText())) {
            input.clear();
        }
    }

    private void confirmLink(String url) {
        pendingLink.setText(url);
        linkConfirm.setVisible(true);
    }

    private void keep(ChatModel.Entry entry) {
        if (transcript == null) {
            return;
        }
        String line = texts.transcriptLine(entry);
        fileWriter.execute(() -> {
            try {
                transcript.append(line);
            } catch (IOException e) {
                LOG.warn("Could not append to the chat history file {}", transcript.file(), e);
            }
        });
    }

    private Path chooseSaveFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get("chat.save.title"));
        chooser.setInitialFileName(text.get("chat.save.fileName") + ".txt");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(text.get("chat.save.filter"), "*.txt"));
        var file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        return file == null ? null : file.toPath();
    }

    private void save() {
        Path target = saveLocation.get();
        if (target == null) {
            return;
        }
        String content = viewModel.entries().stream().map(texts::transcriptLine).collect(Collectors.joining(System.lineSeparator()))
                + System.lineSeparator();
        status.setText(text.get("chat.save.saving"));
        fileWriter.execute(() -> {
            String outcome;
            try {
                AtomicFiles.write(target, content.getBytes(StandardCharsets.UTF_8));
                outcome = text.get("chat.save.done", target.toString());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not save the chat to {}", target, e);
                outcome = text.get("chat.save.failed", target.toString());
            }
            String shownOutcome = outcome;
            Platform.runLater(() -> status.setText(shownOutcome));
        });
    }

    private final class RecipientCell extends ListCell<ChatViewModel.Recipient> {
        @Override
        protected void updateItem(ChatViewModel.Recipient item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
            } else if (item.id() == 0) {
                setText(text.get("chat.everyone"));
            } else {
                setText(text.get(item.left() ? "chat.recipient.left" : "chat.recipient.private", item.name()));
            }
        }
    }
}
