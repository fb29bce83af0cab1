package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.ui.common.DismissibleNotice;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top of the meeting screen, bound to the {@link MeetingViewModel}: the sharer's banner slot, title, Copy ID,
 * the end-to-end encryption badge and its panel of codes, lock badge, elapsed time, view toggles, invite line, reconnect banner, prompts (nodes with their own buttons,
 * e.g. "being recorded") and the model's notices.
 */
final class MeetingHeader extends VBox {
    private final UiText text;
    private final MeetingViewModel model;
    private final HBox bar = new HBox(10);
    private final Label elapsed = new Label(null, Icons.of(MaterialDesignC.CLOCK_OUTLINE));
    private final VBox notices = new VBox(6);
    private final VBox bannerSlot = new VBox();
    private final List<Node> prompts = new ArrayList<>();
    private final Map<MeetingViewModel.Notice, Node> noticeNodes = new IdentityHashMap<>();
    private final EncryptionBadge encryption;

    MeetingHeader(UiText text, MeetingViewModel model, VideoGrid grid) {
        super(6);
        this.text = text;
        this.model = model;
        this.encryption = new EncryptionBadge(text, model.rosterProperty());
        buildBar(grid);
        Label invite = new Label();
        invite.setId("invite");
        invite.setWrapText(true);
        invite.getStyleClass().add("meeting-invite");
        invite.managedProperty().bind(invite.visibleProperty());
        invite.visibleProperty().bind(model.inviteTextProperty().isNotNull());
        invite.textProperty().bind(text.bind(model.inviteTextProperty()));

        Label reconnecting = new Label(null, Icons.of(MaterialDesignW.WIFI_OFF));
        reconnecting.setId("reconnecting");
        reconnecting.getStyleClass().addAll("notice", "notice-warning", "reconnecting-banner");
        reconnecting.setMaxWidth(Double.MAX_VALUE);
        reconnecting.visibleProperty().bind(model.connectionProblemProperty().isNotNull());
        reconnecting.managedProperty().bind(reconnecting.visibleProperty());
        reconnecting.textProperty().bind(text.bind(model.connectionProblemProperty()));

        notices.setId("meetingNotices");
        bannerSlot.setId("bannerSlot");
        bannerSlot.managedProperty().bind(Bindings.isNotEmpty(bannerSlot.getChildren()));
        model.notices().addListener((ListChangeListener<MeetingViewModel.Notice>) change -> showNotices());
        showNotices();
        // The topic leads the line under the bar, so the bar keeps the ID, Copy, the badges and the time whole.
        TextField topic = topicField();
        invite.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(invite, Priority.ALWAYS);
        HBox details = new HBox(8, topic, invite);
        details.setAlignment(Pos.CENTER_LEFT);
        details.visibleProperty().bind(topic.visibleProperty().or(invite.visibleProperty()));
        details.managedProperty().bind(details.visibleProperty());
        getChildren().setAll(bannerSlot, bar, encryption.panel(), details, reconnecting, notices);
        getStyleClass().add("meeting-header");
    }

    /** Badges (e.g. the recording indicator) go after the elapsed time. */
    void addItem(Node item) {
        bar.getChildren().add(bar.getChildren().indexOf(elapsed) + 1, item);
    }

    /** A bar across the top (the sharer's banner), or null to remove it. */
    void setBanner(Node banner) {
        bannerSlot.getChildren().setAll(banner == null ? List.of() : List.of(banner));
    }

    /** A prompt stays above the notices until removed. */
    void addPrompt(Node prompt) {
        prompts.addFirst(prompt);
        showNotices();
    }

    void removePrompt(Node prompt) {
        prompts.remove(prompt);
        showNotices();
    }

    private void showNotices() {
        noticeNodes.keySet().retainAll(model.notices());
        List<Node> shown = new ArrayList<>(prompts);
        for (MeetingViewModel.Notice notice : model.notices()) {
            shown.add(noticeNodes.computeIfAbsent(notice, this::noticeNode));
        }
        notices.getChildren().setAll(shown);
    }

    private Node noticeNode(MeetingViewModel.Notice notice) {
        HBox box = DismissibleNotice.create(text, notice.message(), shown -> model.dismiss(notice));
        box.getChildren().getFirst().setId(notice.id());
        return box;
    }

    /**
     * The meeting's topic: the host types it (Enter or leaving the field sends it; everyone, this client included,
     * shows it when the server repeats it, and each history records it); others read it, and see nothing when
     * there is none.
     */
    private TextField topicField() {
        TextField topic = new TextField();
        topic.setId("meetingTopic");
        topic.setPrefColumnCount(10);
        topic.setMinWidth(Region.USE_PREF_SIZE);
        topic.promptTextProperty().bind(text.bind("meeting.topicPrompt"));
        topic.editableProperty().bind(model.endForAllAvailableProperty());
        topic.visibleProperty().bind(model.endForAllAvailableProperty().or(model.topicProperty().isNotEmpty()));
        topic.managedProperty().bind(topic.visibleProperty());
        topic.setText(model.topicProperty().get());
        model.topicProperty().addListener((obs, old, now) -> {
            if (!topic.isFocused()) {
                topic.setText(now);
            }
        });
        topic.setOnAction(e -> model.changeTopic(topic.getText()));
        topic.focusedProperty().addListener((obs, was, now) -> {
            if (!now && topic.isEditable()) {
                model.changeTopic(topic.getText());
            }
        });
        return topic;
    }

    private void buildBar(VideoGrid grid) {
        Label title = new Label();
        title.setId("meetingTitle");
        title.getStyleClass().addAll(Styles.TITLE_4, "meeting-title");
        title.textProperty().bind(text.bind(model.titleProperty()));
        title.setMinWidth(Region.USE_PREF_SIZE);
        Button copy = new Button(null, Icons.of(MaterialDesignC.CONTENT_COPY));
        copy.setId("copyMeetingId");
        copy.getStyleClass().addAll(Styles.SMALL);
        copy.textProperty().bind(text.bind("meeting.copyId"));
        copy.setTooltip(tip("meeting.copyIdTip"));
        copy.setOnAction(e -> copyMeetingId(copy));
        copy.setMinWidth(Region.USE_PREF_SIZE);
        Label lockBadge = new Label(null, Icons.of(MaterialDesignL.LOCK));
        lockBadge.setId("lockBadge");
        lockBadge.textProperty().bind(text.bind("meeting.locked"));
        lockBadge.getStyleClass().addAll("meeting-badge", Styles.WARNING);
        lockBadge.setTooltip(tip("meeting.lockedTip"));
        lockBadge.visibleProperty().bind(model.lockedProperty());
        lockBadge.managedProperty().bind(lockBadge.visibleProperty());
        elapsed.setId("elapsed");
        elapsed.getStyleClass().add("meeting-elapsed");
        elapsed.setTooltip(tip("meeting.elapsedTip"));
        elapsed.textProperty().bind(model.elapsedProperty());

        ToggleButton speaker = new ToggleButton(null, Icons.of(MaterialDesignA.ACCOUNT_VOICE));
        speaker.setId("speakerView");
        speaker.textProperty().bind(text.bind("meeting.speakerView"));
        speaker.selectedProperty().bindBidirectional(grid.speakerViewProperty());
        ToggleButton stats = new ToggleButton(null, Icons.of(MaterialDesignC.CHART_BAR));
        stats.setId("showStats");
        stats.textProperty().bind(text.bind("meeting.showStats"));
        stats.selectedProperty().bindBidirectional(grid.showStatsProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        elapsed.setMinWidth(Region.USE_PREF_SIZE);
        encryption.badge().setMinWidth(Region.USE_PREF_SIZE);
        lockBadge.setMinWidth(Region.USE_PREF_SIZE);
        bar.getChildren().setAll(title, copy, encryption.badge(), lockBadge, elapsed, spacer, speaker, stats);
        bar.setAlignment(Pos.CENTER_LEFT);
    }

    private Tooltip tip(String key) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind(key));
        return tip;
    }

    private void copyMeetingId(Button copy) {
        model.meetingIdToCopy().ifPresent(id -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(id);
            Clipboard.getSystemClipboard().setContent(content);
            copy.textProperty().bind(text.bind("meeting.copied"));
            PauseTransition back = new PauseTransition(Duration.seconds(2));
            back.setOnFinished(e -> copy.textProperty().bind(text.bind("meeting.copyId")));
            back.play();
        });
    }
}
