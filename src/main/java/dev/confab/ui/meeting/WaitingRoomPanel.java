package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.meeting.WaitingPerson;
import dev.confab.ui.common.Buttons;
import dev.confab.ui.common.UiText;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * For hosts and co-hosts, above the participant list while anyone waits: "Waiting (2)" with Admit all, then one
 * line per person with Admit and Deny. Hidden otherwise.
 */
final class WaitingRoomPanel extends VBox {
    private final UiText text;
    private final ModerationViewModel model;
    private final VBox people = new VBox(4);

    WaitingRoomPanel(UiText text, ModerationViewModel model) {
        super(6);
        this.text = text;
        this.model = model;
        setId("waitingRoomPanel");
        getStyleClass().add("waiting-room-panel");
        Label heading = new Label();
        heading.setId("waitingHeading");
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        heading.textProperty().bind(Bindings.createStringBinding(
                () -> text.get("waiting.heading", model.waiting().size()), model.waiting(), text.localeProperty()));
        Button admitAll = Buttons.of(text, "admitAll", "waiting.admitAll", model::admitAll);
        admitAll.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(6, heading, gap, admitAll);
        top.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, people);
        visibleProperty().bind(model.selfModeratesProperty().and(Bindings.isNotEmpty(model.waiting())));
        managedProperty().bind(visibleProperty());
        model.waiting().addListener((ListChangeListener<WaitingPerson>) change -> showPeople());
        showPeople();
    }

    private void showPeople() {
        people.getChildren().setAll(model.waiting().stream().map(this::line).toList());
    }

    private HBox line(WaitingPerson person) {
        Label name = new Label(person.displayName());
        name.setMinWidth(0);
        name.getStyleClass().add("participant-name");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button admit = Buttons.of(text, "admit-" + person.waitingId(), "waiting.admit", () -> model.admit(person));
        admit.getStyleClass().addAll(Styles.SMALL, Styles.SUCCESS);
        admit.setAccessibleText(text.get("waiting.admitWho", person.displayName()));
        Button deny = Buttons.of(text, "deny-" + person.waitingId(), "waiting.deny", () -> model.deny(person));
        deny.getStyleClass().addAll(Styles.SMALL, Styles.DANGER);
        deny.setAccessibleText(text.get("waiting.denyWho", person.displayName()));
        admit.setMinWidth(Region.USE_PREF_SIZE);
        deny.setMinWidth(Region.USE_PREF_SIZE);
        HBox line = new HBox(6, name, gap, admit, deny);
        line.setId("waiting-" + person.waitingId());
        line.setAlignment(Pos.CENTER_LEFT);
        return line;
    }
}
