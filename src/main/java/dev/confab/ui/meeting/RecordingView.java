package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.meeting.RecordingRule;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recording's nodes on the meeting screen, bound to a {@link RecordingViewModel}: the Record button and "Save chat"
 * (only when the administrator allows recording), the host's "Who may record" menu, the header indicator and the
 * "being recorded" prompt. Clicks go to the {@link RecordingController} and the {@link RecordingCommands}.
 */
final class RecordingView {
    private static final PseudoClass RECORDING = PseudoClass.getPseudoClass("recording");

    private final UiText text;
    private final RecordingViewModel model;
    private final MeetingScreen screen;
    private final Button record = new Button();
    private final CheckBox saveChat = new CheckBox();
    private final Map<RecordingRule, RadioMenuItem> ruleItems = new EnumMap<>(RecordingRule.class);
    private final HBox prompt;
    private boolean promptShown;

    RecordingView(UiText text, RecordingViewModel model, RecordingController controller, RecordingCommands commands,
                  MeetingScreen screen) {
        this.text = text;
        this.model = model;
        this.screen = screen;
        record.setId("recordButton");
        record.setContentDisplay(ContentDisplay.TOP);
        record.getStyleClass().add("control-button");
        record.setOnAction(e -> controller.toggle());
        saveChat.setId("saveChatWithRecording");
        saveChat.textProperty().bind(text.bind("recording.saveChat"));
        saveChat.managedProperty().bind(saveChat.visibleProperty());
        saveChat.selectedProperty().bindBidirectional(model.saveChatProperty());
        showState();
        model.stateProperty().addListener((obs, old, now) -> showState());

        MenuButton ruleMenu = ruleMenu(commands);
        Label indicator = indicator();
        prompt = prompt(commands);
        model.consentPromptProperty().addListener((obs, old, now) -> showPrompt(now != null));
        screen.addHeaderItem(indicator);
        if (model.adminAllowsRecording()) {
            screen.addControls(record, saveChat, ruleMenu);
        } else {
            screen.addControls(ruleMenu); // a host may still decide for the others
        }
    }

    private void showState() {
        boolean on = model.ownRecordingOn();
        record.textProperty().bind(text.bind(model.recordButtonText().key()));
        record.setGraphic(Icons.of(on ? MaterialDesignS.STOP_CIRCLE_OUTLINE : MaterialDesignR.RECORD_REC));
        record.setDisable(model.recordButtonDisabled());
        record.pseudoClassStateChanged(RECORDING, on);
        saveChat.setVisible(on);
    }

    private MenuButton ruleMenu(RecordingCommands commands) {
        MenuButton menu = new MenuButton();
        menu.setId("recordingPolicy");
        menu.textProperty().bind(text.bind("recording.policy"));
        menu.managedProperty().bind(menu.visibleProperty());
        menu.visibleProperty().bind(model.ruleMenuShownProperty());
        ToggleGroup group = new ToggleGroup();
        for (RecordingRule rule : List.of(RecordingRule.HOST_ONLY, RecordingRule.EVERYONE, RecordingRule.NOBODY)) {
            RadioMenuItem item = new RadioMenuItem();
            item.setId("recordingPolicy_" + rule.name());
            item.textProperty().bind(text.bind("recording.policy." + rule.name().toLowerCase(Locale.ROOT)));
            item.setToggleGroup(group);
            item.setOnAction(e -> commands.setRecordingPolicy(rule));
            ruleItems.put(rule, item);
            menu.getItems().add(item);
        }
        showRule(model.ruleProperty().get());
        model.ruleProperty().addListener((obs, old, now) -> showRule(now));
        return menu;
    }

    /** An unknown (newer) rule leaves the last known choice ticked. */
    private void showRule(RecordingRule rule) {
        RadioMenuItem item = ruleItems.get(rule);
        if (item != null) {
            item.setSelected(true);
        }
    }

    private Label indicator() {
        Label indicator = new Label(null, Icons.of(MaterialDesignR.RECORD_CIRCLE));
        indicator.setId("recordingIndicator");
        indicator.getStyleClass().addAll("meeting-badge", Styles.DANGER, "recording-indicator");
        indicator.visibleProperty().bind(model.indicatorProperty().isNotNull());
        indicator.managedProperty().bind(indicator.visibleProperty());
        indicator.textProperty().bind(text.bind(model.indicatorProperty()));
        return indicator;
    }

    private HBox prompt(RecordingCommands commands) {
        Label message = new Label();
        message.setId("recordingPromptText");
        message.textProperty().bind(text.bind(model.consentPromptProperty()));
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Button proceed = new Button();
        proceed.setId("recordingContinue");
        proceed.textProperty().bind(text.bind("recording.continue"));
        proceed.getStyleClass().add(Styles.ACCENT);
        proceed.setOnAction(e -> model.acknowledgePrompt());
        Button leave = new Button();
        leave.setId("recordingLeave");
        leave.textProperty().bind(text.bind("recording.leave"));
        leave.getStyleClass().add(Styles.DANGER);
        leave.setOnAction(e -> {
            model.dismissPrompt();
            commands.leave();
        });
        HBox box = new HBox(8, Icons.of(MaterialDesignR.RECORD_CIRCLE), message, proceed, leave);
        box.setId("recordingPrompt");
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().addAll("notice", "notice-warning", "recording-prompt");
        return box;
    }

    private void showPrompt(boolean shown) {
        if (shown == promptShown) {
            return;
        }
        promptShown = shown;
        if (shown) {
            screen.addBanner(prompt);
        } else {
            screen.removeBanner(prompt);
        }
    }
}
