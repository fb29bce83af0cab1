package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.meeting.poll.PollDraft;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

import java.util.function.Consumer;

/**
 * Writing a poll (host or co-host): the question, two to ten choices, single or multiple choice; Launch sends it.
 * Shown in the poll panel in place of the poll; Cancel goes back.
 */
final class PollEditor extends VBox {
    private final TextField question = new TextField();
    private final VBox choiceFields = new VBox(6);
    private final ObservableList<TextField> choices = FXCollections.observableArrayList();
    private final CheckBox multiple = new CheckBox();
    private final UiText text;
    /** Counts edits of the choice fields, so that Launch follows what is typed in any of them. */
    private final javafx.beans.property.IntegerProperty edits = new javafx.beans.property.SimpleIntegerProperty();

    PollEditor(UiText text, Consumer<PollDraft> launch, Runnable cancel) {
        super(8);
        this.text = text;
        setId("pollEditor");
        getStyleClass().add("poll-editor");
        Label title = new Label();
        title.textProperty().bind(text.bind("poll.new"));
        title.getStyleClass().add(Styles.TITLE_4);
        Label questionLabel = new Label();
        questionLabel.textProperty().bind(text.bind("poll.question"));
        questionLabel.setLabelFor(question);
        question.setId("pollQuestion");
        question.promptTextProperty().bind(text.bind("poll.questionPrompt"));
        question.accessibleTextProperty().bind(text.bind("poll.question"));
        Label choicesLabel = new Label();
        choicesLabel.textProperty().bind(text.bind("poll.choices"));
        addChoice();
        addChoice();
        Button add = new Button(null, Icons.of(MaterialDesignP.PLUS));
        add.setId("pollAddChoice");
        add.textProperty().bind(text.bind("poll.addChoice"));
        add.getStyleClass().add(Styles.SMALL);
        add.disableProperty().bind(Bindings.size(choices).greaterThanOrEqualTo(PollDraft.MAX_CHOICES));
        add.setOnAction(e -> addChoice().requestFocus());
        multiple.setId("pollMultiple");
        multiple.textProperty().bind(text.bind("poll.multiple"));
        Button launchButton = new Button();
        launchButton.setId("pollLaunch");
        launchButton.getStyleClass().add(Styles.ACCENT);
        launchButton.textProperty().bind(text.bind("poll.launch"));
        launchButton.setDefaultButton(true);
        BooleanBinding invalid = Bindings.createBooleanBinding(() -> draft().problem() != null,
                question.textProperty(), choices, edits);
        launchButton.disableProperty().bind(invalid);
        launchButton.setOnAction(e -> launch.accept(draft()));
        Button cancelButton = new Button();
        cancelButton.setId("pollCancel");
        cancelButton.textProperty().bind(text.bind("meeting.cancel"));
        cancelButton.setCancelButton(true);
        cancelButton.setOnAction(e -> cancel.run());
        HBox actions = new HBox(8, launchButton, cancelButton);
        actions.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(title, questionLabel, question, choicesLabel, choiceFields, add, multiple, actions);
    }

    /** The poll as written so far; blank choices are left out (an empty third field is not a choice). */
    PollDraft draft() {
        return new PollDraft(question.getText() == null ? "" : question.getText().strip(),
                choices.stream().map(TextField::getText).filter(t -> t != null && !t.isBlank()).map(String::strip).toList(),
                multiple.isSelected());
    }

    /** Fills the editor (the screenshot tour shows a poll being written). */
    void fill(String q, java.util.List<String> texts, boolean several) {
        question.setText(q);
        while (choices.size() < texts.size()) {
            addChoice();
        }
        for (int i = 0; i < texts.size(); i++) {
            choices.get(i).setText(texts.get(i));
        }
        multiple.setSelected(several);
    }

    private TextField addChoice() {
        TextField field = new TextField();
        int number = choices.size() + 1;
        field.setId("pollChoice-" + number);
        field.promptTextProperty().bind(text.bind("poll.choicePrompt", number));
        field.accessibleTextProperty().bind(text.bind("poll.choicePrompt", number));
        field.textProperty().addListener((obs, old, now) -> edits.set(edits.get() + 1));
        HBox.setHgrow(field, Priority.ALWAYS);
        Button remove = new Button(null, Icons.of(MaterialDesignC.CLOSE));
        remove.setId("pollRemoveChoice-" + number);
        remove.getStyleClass().addAll("flat", Styles.BUTTON_ICON, Styles.SMALL);
        remove.accessibleTextProperty().bind(text.bind("poll.removeChoice", number));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind("poll.removeChoice", number));
        remove.setTooltip(tip);
        remove.disableProperty().bind(Bindings.size(choices).lessThanOrEqualTo(PollDraft.MIN_CHOICES));
        HBox row = new HBox(4, field, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        remove.setOnAction(e -> {
            choices.remove(field);
            choiceFields.getChildren().remove(row);
        });
        choices.add(field);
        choiceFields.getChildren().add(row);
        return field;
    }
}
