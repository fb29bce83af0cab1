package dev.confab.ui.chat;

import dev.confab.meeting.ChatModel;
import javafx.beans.binding.DoubleBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.function.Consumer;

/**
 * One chat entry: a message bubble (own ones on the right in another colour, private ones marked), or a
 * centred grey notice or problem line. Message text is shown with {@link Text} nodes, never interpreted;
 * only http(s) addresses become {@link Hyperlink}s, which ask for confirmation before opening.
 */
final class ChatEntryCell extends ListCell<ChatModel.Entry> {

    private final ChatTexts texts;
    private final Consumer<String> onLink;
    private final DoubleBinding bubbleWidth;

    ChatEntryCell(ChatTexts texts, Consumer<String> onLink, DoubleBinding bubbleWidth) {
        this.texts = texts;
        this.onLink = onLink;
        this.bubbleWidth = bubbleWidth;
        setPrefWidth(0); // wrap inside the list instead of scrolling sideways
        getStyleClass().add("chat-cell");
    }

    @Override
    protected void updateItem(ChatModel.Entry entry, boolean empty) {
        super.updateItem(entry, empty);
        setText(null);
        setGraphic(empty || entry == null ? null : switch (entry) {
            case ChatModel.Message m -> message(m);
            case ChatModel.Notice n -> centred(texts.notice(n), "chat-notice");
            case ChatModel.Problem p -> centred(texts.problem(p), "chat-problem");
        });
    }

    private Node message(ChatModel.Message m) {
        Label sender = new Label(texts.sender(m));
        sender.getStyleClass().add("chat-sender");
        Label time = new Label(ChatTexts.time(m.at()));
        time.getStyleClass().add("chat-time");
        HBox header = new HBox(8, sender, time);
        header.setAlignment(Pos.BASELINE_LEFT);
        String mark = texts.privateMark(m);
        if (mark != null) {
            Label privateLabel = new Label(mark);
            privateLabel.getStyleClass().add("chat-private-mark");
            header.getChildren().add(privateLabel);
        }
        TextFlow body = new TextFlow();
        body.getStyleClass().add("chat-text");
        for (ChatLinks.Run run : ChatLinks.split(m.message().text())) {
            if (run.link()) {
                Hyperlink link = new Hyperlink(run.text());
                link.getStyleClass().add("chat-link");
                link.setOnAction(e -> onLink.accept(run.text()));
                body.getChildren().add(link);
            } else {
                body.getChildren().add(new Text(run.text()));
            }
        }
        VBox bubble = new VBox(2, header, body);
        bubble.getStyleClass().add("chat-bubble");
        if (m.own()) {
            bubble.getStyleClass().add("chat-own");
        }
        if (mark != null) {
            bubble.getStyleClass().add("chat-private");
        }
        bubble.maxWidthProperty().bind(bubbleWidth);
        HBox row = new HBox(bubble);
        row.setAlignment(m.own() ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        return row;
    }

    private Node centred(String message, String style) {
        Label label = new Label(message);
        label.setWrapText(true);
        label.getStyleClass().add(style);
        label.maxWidthProperty().bind(bubbleWidth);
        HBox row = new HBox(label);
        row.setAlignment(Pos.CENTER);
        return row;
    }
}
