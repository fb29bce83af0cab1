package dev.confab.ui.meeting;

import dev.confab.meeting.ChatModel;
import dev.confab.meeting.MeetingSession;
import dev.confab.storage.ChatHistoryStore;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import dev.confab.ui.chat.ChatFiles;
import dev.confab.ui.chat.ChatPanel;
import dev.confab.ui.chat.FileSending;
import dev.confab.ui.chat.LinkOpener;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * The meeting screen's chat: a side-panel tab with the {@link ChatPanel}, a Chat button with an unread badge next
 * to the participants button, and a toast for messages that arrive while the chat is hidden. FX thread.
 */
final class ChatTab {
    private static final Duration TOAST_TIME = Duration.seconds(6);

    private final MeetingScreen screen;
    private final ChatPanel panel;
    private boolean disposed;

    private ChatTab(MeetingScreen screen, ChatPanel panel) {
        this.screen = screen;
        this.panel = panel;
    }

    /**
     * Adds the tab and the button to {@code screen}; messages go out through {@code session}.
     *
     * @param privateChatAllowed false when the administrator turned private messages off (everyone only)
     */
    static ChatTab install(MeetingScreen screen, UiText text, ChatModel chat, MeetingSession session,
                           boolean privateChatAllowed, LinkOpener links, ChatHistoryStore.Transcript transcript) {
        ChatPanel panel = new ChatPanel(text, chat, (to, message) -> {
            if (to.isEmpty()) {
                session.sendChat(message);
            } else {
                session.sendChatTo(to, message);
            }
        }, links, transcript);
        ChatTab chatTab = new ChatTab(screen, panel);
        Tab tab = chatTab.addTab(text, privateChatAllowed);
        chatTab.addButton(text, tab);
        panel.setOnToast(chatTab::toast);
        return chatTab;
    }

    private Tab addTab(UiText text, boolean privateChatAllowed) {
        Tab tab = new Tab();
        tab.setId("chatTab");
        tab.setClosable(false);
        tab.textProperty().bind(text.bind("meeting.chat"));
        tab.setContent(panel);
        screen.sidePanel().getTabs().add(tab);
        // Everyone is the first choice; the administrator may have turned private messages off.
        panel.viewModel().privateChatAllowedProperty().set(privateChatAllowed);
        panel.shownProperty().bind(tab.selectedProperty().and(screen.panelShownProperty()));
        return tab;
    }

    private void addButton(UiText text, Tab tab) {
        ToggleButton button = new ToggleButton(null, Icons.of(MaterialDesignC.CHAT_OUTLINE));
        button.setId("chatButton");
        button.setContentDisplay(ContentDisplay.TOP);
        button.getStyleClass().add("control-button");
        button.textProperty().bind(text.bind("meeting.chat"));
        button.setSelected(panel.shownProperty().get());
        panel.shownProperty().addListener((obs, was, now) -> button.setSelected(now));
        button.setOnAction(e -> {
            if (button.isSelected()) {
                screen.panelShownProperty().set(true);
                screen.sidePanel().getSelectionModel().select(tab);
                panel.focusInput();
            } else {
                screen.panelShownProperty().set(false);
            }
        });
        Label badge = new Label();
        badge.setId("chatUnread");
        badge.getStyleClass().add("unread-badge"); // red pill, see confab.css
        badge.textProperty().bind(panel.unreadCount().asString());
        badge.visibleProperty().bind(panel.unreadCount().greaterThan(0));
        badge.setMouseTransparent(true);
        StackPane withBadge = new StackPane(button, badge);
        StackPane.setAlignment(badge, Pos.TOP_RIGHT);
        HBox bar = (HBox) screen.view().lookup("#meetingControls");
        int people = bar.getChildren().indexOf(bar.lookup("#participantsButton"));
        bar.getChildren().add(people + 1, withBadge);
    }

    private void toast(String line) {
        if (disposed) {
            return;
        }
        MeetingViewModel.Notice notice = screen.showNotice(UiMessage.of("meeting.notice.chatToast", line), "chatToast");
        PauseTransition fade = new PauseTransition(TOAST_TIME);
        fade.setOnFinished(e -> screen.removeNotice(notice));
        fade.play();
    }

    /** Files are allowed in this meeting: the panel gets its attach button, drop target and file cards. */
    void enableFiles(ChatFiles files, FileSending sending) {
        panel.enableFiles(files, sending);
    }

    /** The meeting ended: no more toasts, and the panel lets go of the chat. */
    void dispose() {
        disposed = true;
        panel.dispose();
    }
}
