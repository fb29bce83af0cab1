package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

import java.util.List;

/**
 * The controls bar at the bottom of the meeting screen, bound to the {@link MeetingViewModel}: microphone, camera,
 * participants, Share, then (pushed right) Leave. Features add their buttons before the spacer.
 */
final class MeetingToolbar extends HBox {
    private static final PseudoClass OFF = PseudoClass.getPseudoClass("off");
    /** Too narrow for every label: the controls show only their icons, their names in tooltips. */
    private static final PseudoClass COMPACT = PseudoClass.getPseudoClass("compact");

    private final Button shareButton = controlButton("shareButton");
    private final Region spacer = new Region();
    private boolean compact;
    /** The width the bar needed with its labels when it last showed them: where it may show them again. */
    private double labelledWidth;

    MeetingToolbar(UiText text, MeetingViewModel model, Runnable leave) {
        super(10);
        Button mute = controlButton("muteButton");
        mute.textProperty().bind(Bindings.when(model.listenOnlyProperty()).then(text.bind("meeting.listenOnly"))
                .otherwise(Bindings.when(model.mutedProperty())
                        .then(text.bind("meeting.unmute")).otherwise(text.bind("meeting.mute"))));
        mute.graphicProperty().bind(Bindings.createObjectBinding(() -> Icons.of(model.mutedProperty().get()
                ? MaterialDesignM.MICROPHONE_OFF : MaterialDesignM.MICROPHONE), model.mutedProperty()));
        mute.setOnAction(e -> model.toggleMute());
        model.listenOnlyProperty().addListener((obs, old, now) -> {
            if (now) {
                mute.setTooltip(tip(text, "meeting.listenOnlyTip"));
            }
        });
        showOff(mute, model.mutedProperty().get());
        model.mutedProperty().addListener((obs, old, now) -> showOff(mute, now));

        Button camera = controlButton("cameraButton");
        camera.textProperty().bind(Bindings.when(model.cameraOnProperty())
                .then(text.bind("meeting.stopVideo")).otherwise(text.bind("meeting.startVideo")));
        camera.graphicProperty().bind(Bindings.createObjectBinding(() -> Icons.of(model.cameraOnProperty().get()
                ? MaterialDesignV.VIDEO : MaterialDesignV.VIDEO_OFF), model.cameraOnProperty()));
        camera.setOnAction(e -> model.toggleCamera());
        showOff(camera, !model.cameraOnProperty().get());
        model.cameraOnProperty().addListener((obs, old, now) -> showOff(camera, !now));

        ToggleButton people = new ToggleButton(null, Icons.of(MaterialDesignA.ACCOUNT_MULTIPLE));
        people.setId("participantsButton");
        people.setContentDisplay(ContentDisplay.TOP);
        people.getStyleClass().add("control-button");
        people.textProperty().bind(text.bind("meeting.participants"));
        people.selectedProperty().bindBidirectional(model.panelShownProperty());

        Button leaveButton = controlButton("leaveButton");
        leaveButton.setGraphic(Icons.of(MaterialDesignP.PHONE_HANGUP));
        leaveButton.getStyleClass().add(Styles.DANGER);
        leaveButton.textProperty().bind(text.bind("meeting.leave"));
        leaveButton.setOnAction(e -> leave.run());

        shareButton.setGraphic(Icons.of(MaterialDesignM.MONITOR_SHARE));
        shareButton.textProperty().bind(text.bind("meeting.shareScreen"));
        shareButton.setTooltip(tip(text, "meeting.shareScreenTip"));
        shareButton.visibleProperty().bind(model.shareAvailableProperty());
        shareButton.managedProperty().bind(shareButton.visibleProperty());

        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().setAll(mute, camera, people, shareButton, spacer, leaveButton);
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("meeting-controls");
        setId("meetingControls");
    }

    Button shareButton() {
        return shareButton;
    }

    /**
     * Shows the labels where they all fit and only the icons where they would be cut ("Stop vi…"), deciding from
     * the width the labels last needed, so that the switch cannot flip back and forth.
     */
    @Override
    protected void layoutChildren() {
        double available = getWidth() - snappedLeftInset() - snappedRightInset();
        if (!compact) {
            double needed = neededWidth();
            if (needed > available + 0.5) {
                labelledWidth = needed;
                setCompact(true);
            }
        } else if (available >= labelledWidth) {
            setCompact(false);
        }
        super.layoutChildren();
    }

    /**
     * Not the labels' width: a bar that insists on it makes the whole meeting screen wider than its window (seen in
     * Chinese, whose two-character labels cannot be shortened with an ellipsis), and then it never learns it is too
     * narrow. Squeezed below the labels' width, the bar turns compact in {@link #layoutChildren}.
     */
    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + snappedRightInset();
    }

    boolean compact() {
        return compact;
    }

    private double neededWidth() {
        double width = 0;
        int shown = 0;
        for (Node child : getChildren()) {
            if (child.isManaged() && child != spacer) {
                width += Math.max(child.minWidth(-1), child.prefWidth(-1)); // as HBox sizes it
                shown++;
            }
        }
        return width + Math.max(0, shown - 1) * getSpacing();
    }

    private void setCompact(boolean compact) {
        this.compact = compact;
        pseudoClassStateChanged(COMPACT, compact);
        for (Node control : lookupAll(".control-button")) {
            if (control instanceof javafx.scene.control.Labeled labeled) {
                labeled.setContentDisplay(compact ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.TOP);
                if (compact && labeled.getTooltip() == null) {
                    Tooltip name = new Tooltip();
                    name.textProperty().bind(labeled.textProperty());
                    labeled.setTooltip(name);
                }
            }
        }
    }

    /** Adds a control right after the camera button (the camera's Effects menu). */
    void addAfterCamera(Node control) {
        getChildren().add(getChildren().indexOf(lookup("#cameraButton")) + 1, control);
    }

    /** Adds buttons before the spacer that pushes Leave to the right. */
    void addControls(Node... items) {
        getChildren().addAll(getChildren().indexOf(spacer), List.of(items));
    }

    static Button controlButton(String id) {
        Button b = new Button();
        b.setId(id);
        b.setContentDisplay(ContentDisplay.TOP);
        b.getStyleClass().add("control-button");
        return b;
    }

    private static Tooltip tip(UiText text, String key) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind(key));
        return tip;
    }

    private static void showOff(Button b, boolean off) {
        b.pseudoClassStateChanged(OFF, off);
    }
}
