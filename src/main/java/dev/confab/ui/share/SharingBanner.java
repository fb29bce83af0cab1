package dev.confab.ui.share;

import dev.confab.ui.common.UiText;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

import java.util.function.Consumer;

/**
 * What the sharer sees while sharing: a red "You are sharing your screen" bar with Stop inside Confab's
 * window, and a small always-on-top window with the same Stop button that stays reachable when Confab is
 * minimised or behind the shared application.
 */
public final class SharingBanner extends HBox {
    private final UiText text;
    private final Runnable onStop;
    private final Label message = new Label();
    private Stage floating;

    /**
     * @param viewersMayAnnotate the sharer's initial choice from the picker
     * @param onAnnotationChoice called when the sharer changes it (e.g. {@code session::setViewerAnnotation})
     */
    public SharingBanner(UiText text, Runnable onStop, boolean viewersMayAnnotate, Consumer<Boolean> onAnnotationChoice) {
        this(text, onStop);
        CheckBox annotate = new CheckBox();
        annotate.setId("bannerAllowAnnotation");
        annotate.setSelected(viewersMayAnnotate);
        annotate.textProperty().bind(text.bind("share.picker.allowAnnotation"));
        annotate.setStyle("-fx-text-fill: white;");
        annotate.selectedProperty().addListener((obs, old, now) -> onAnnotationChoice.accept(now));
        getChildren().add(getChildren().size() - 1, annotate);
    }

    public SharingBanner(UiText text, Runnable onStop) {
        this.text = text;
        this.onStop = onStop;
        setId("sharingBanner");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);
        setPadding(new Insets(6, 12, 6, 12));
        setStyle("-fx-background-color: #C62828; -fx-border-color: #FF5252; -fx-border-width: 0 0 2 0;");
        message.setId("sharingMessage");
        message.textProperty().bind(text.bind("share.banner.sharing"));
        message.setStyle("-fx-text-fill: white; -fx-font-weight: bold;");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Button stop = stopButton("stopSharing");
        // A red button on the red bar would hardly stand out: white, like the message.
        stop.getStyleClass().remove("danger");
        stop.setStyle("-fx-background-color: white; -fx-text-fill: #B71C1C; -fx-font-weight: bold;");
        getChildren().addAll(message, spring, stop);
    }

    /** Says whether the computer's sound is shared too (from the picker's choice; off again if it failed). FX thread. */
    public void showComputerSound(boolean shared) {
        message.textProperty().bind(text.bind(shared ? "share.banner.sharingWithSound" : "share.banner.sharing"));
    }

    private Button stopButton(String id) {
        Button stop = new Button();
        stop.setId(id);
        stop.textProperty().bind(text.bind("share.banner.stop"));
        stop.getStyleClass().add("danger");
        stop.setOnAction(e -> onStop.run());
        return stop;
    }

    /** The sharer shares a whiteboard, not the screen: says so (and needs no always-on-top Stop window). FX thread. */
    public void showsWhiteboard() {
        message.textProperty().bind(text.bind("share.banner.whiteboard"));
    }

    /**
     * Opens the always-on-top Stop window. It has no owner on purpose: an owned window is minimised with
     * its owner, and this one must stay visible when Confab is minimised. FX thread.
     */
    public void showFloatingStop() {
        if (floating != null) {
            return;
        }
        floating = new Stage(StageStyle.UTILITY);
        floating.setAlwaysOnTop(true);
        floating.setResizable(false);
        floating.titleProperty().bind(text.bind("share.banner.sharing"));
        Label message = new Label();
        message.textProperty().bind(text.bind("share.banner.sharing"));
        HBox box = new HBox(10, message, stopButton("floatingStopSharing"));
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(8));
        box.setStyle("-fx-border-color: #C62828; -fx-border-width: 3;");
        floating.setScene(new Scene(box));
        floating.show();
    }

    /** Closes the Stop window (when the share ends). FX thread. */
    public void hideFloatingStop() {
        if (floating != null) {
            floating.close();
            floating = null;
        }
    }

    public Stage floatingStop() {
        return floating;
    }
}
