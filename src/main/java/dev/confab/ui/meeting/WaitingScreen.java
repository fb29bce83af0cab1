package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.Screen;
import dev.confab.ui.common.UiText;
import dev.confab.ui.lobby.MeetingIds;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;

/**
 * Shown while this client sits in a meeting's waiting room: what is happening ("The host will let you in soon"),
 * which meeting, and a way out. Closing the window or pressing Leave leaves the queue; being admitted hands over
 * to the meeting screen without leaving.
 */
public final class WaitingScreen implements Screen {
    private final VBox view;
    private final Runnable leave;
    private final Label moving = new Label();
    private boolean handedOver;
    private boolean disposed;

    /** @param leave leaves the waiting room (the session ends, and the lobby comes back saying so) */
    public WaitingScreen(UiText text, String meetingId, Runnable leave) {
        this.leave = leave;
        Label icon = new Label(null, Icons.of(MaterialDesignA.ACCOUNT_CLOCK));
        icon.getStyleClass().add("waiting-icon");
        Label title = new Label();
        title.setId("waitingTitle");
        title.textProperty().bind(text.bind("meeting.waiting.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true);
        Label detail = new Label();
        detail.setId("waitingDetail");
        detail.textProperty().bind(text.bind("meeting.waiting.detail", MeetingIds.group(meetingId)));
        detail.getStyleClass().add(Styles.TEXT_MUTED);
        detail.setWrapText(true);
        moving.setId("waitingMoving");
        moving.textProperty().bind(text.bind("meeting.waiting.moving"));
        moving.getStyleClass().add(Styles.WARNING);
        moving.setWrapText(true);
        showRegaining(false);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(28, 28);
        spinner.setId("waitingSpinner");
        spinner.setAccessibleText(text.get("meeting.waiting.title"));
        Button leaveButton = new Button(null, Icons.of(MaterialDesignE.EXIT_TO_APP));
        leaveButton.setId("leaveWaitingRoom");
        leaveButton.textProperty().bind(text.bind("meeting.waiting.leave"));
        leaveButton.setOnAction(e -> leave.run());
        VBox card = new VBox(14, icon, title, detail, moving, spinner, leaveButton);
        card.setAlignment(Pos.CENTER);
        card.getStyleClass().addAll("card", "waiting-card");
        card.setMaxWidth(440);
        view = new VBox(card);
        view.setId("waitingRoom");
        view.setAlignment(Pos.CENTER);
        view.getStyleClass().add("waiting-room");
    }

    @Override
    public String name() {
        return "waiting";
    }

    @Override
    public Parent view() {
        return view;
    }

    @Override
    public boolean keepsUserHere() {
        return true;
    }

    /** Whether the place in the queue is being taken back at another server (the meeting's server stopped). FX thread. */
    void showRegaining(boolean regaining) {
        moving.setVisible(regaining);
        moving.setManaged(regaining);
    }

    /** Admitted: the meeting screen replaces this one, and the session must stay. FX thread. */
    void handOver() {
        handedOver = true;
    }

    /** Leaves the waiting room unless admitted meanwhile. */
    @Override
    public void dispose() {
        if (!disposed && !handedOver) {
            leave.run();
        }
        disposed = true;
    }

    boolean isDisposed() {
        return disposed;
    }
}
