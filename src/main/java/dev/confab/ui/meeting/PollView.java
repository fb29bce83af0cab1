package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.meeting.poll.Poll;
import dev.confab.meeting.poll.PollResults;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

import java.util.ArrayList;
import java.util.List;

/**
 * The poll panel, a side-panel tab. Everyone sees the open poll and votes once;
 * the host and co-hosts write polls ({@link PollEditor}), follow who chose what, end the poll, share the totals and
 * save the results. Opens by itself when a poll is launched. FX thread.
 */
final class PollView {
    private final UiText text;
    private final PollViewModel model;
    private final MeetingScreen screen;
    private final Tab tab = new Tab();
    private final VBox content = new VBox(10);
    private boolean editing;

    private PollView(UiText text, PollViewModel model, MeetingScreen screen) {
        this.text = text;
        this.model = model;
        this.screen = screen;
    }

    static PollView install(UiText text, PollViewModel model, MeetingScreen screen) {
        PollView view = new PollView(text, model, screen);
        view.addTab(); // no button of its own: the controls bar is full; the tab opens when a poll starts
        model.pollProperty().addListener((obs, old, now) -> {
            if (now != null && (old == null || old.id() != now.id())) {
                view.editing = false;
                view.open(); // a new poll: show it to everyone
            }
            view.show();
        });
        model.moderatesProperty().addListener((obs, old, now) -> view.show());
        view.show();
        return view;
    }

    private void addTab() {
        tab.setId("pollTab");
        tab.setClosable(false);
        tab.textProperty().bind(text.bind("poll.tab"));
        content.setId("pollPanel");
        content.getStyleClass().add("poll-panel");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        tab.setContent(scroll);
        screen.sidePanel().getTabs().add(tab);
    }

    private void open() {
        screen.panelShownProperty().set(true);
        screen.sidePanel().getSelectionModel().select(tab);
    }

    /** The moderator's editor, for the screenshot tour and tests. */
    PollEditor startEditing() {
        editing = true;
        open();
        show();
        return (PollEditor) content.getChildren().getFirst();
    }

    private void show() {
        Poll poll = model.pollProperty().get();
        content.getChildren().clear();
        if (editing && model.canLaunch()) {
            content.getChildren().add(new PollEditor(text, draft -> {
                editing = false;
                model.launch(draft);
                show();
            }, () -> {
                editing = false;
                show();
            }));
            return;
        }
        if (poll == null) {
            Label none = new Label();
            none.setId("pollNone");
            none.setWrapText(true);
            none.textProperty().bind(text.bind(model.moderatesProperty().get() ? "poll.noneYetHost" : "poll.noneYet"));
            content.getChildren().add(none);
        } else {
            showPoll(poll);
        }
        if (model.canLaunch()) {
            Button create = new Button(null, Icons.of(MaterialDesignP.PLUS));
            create.setId("newPollButton");
            create.textProperty().bind(text.bind("poll.new"));
            create.setOnAction(e -> startEditing());
            content.getChildren().add(create);
        }
    }

    private void showPoll(Poll poll) {
        Label question = new Label(poll.question());
        question.setId("pollQuestionShown");
        question.setWrapText(true);
        question.getStyleClass().add(Styles.TITLE_4);
        Label status = new Label();
        status.setId("pollStatus");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(text.bind(poll.open() ? "poll.statusOpen" : "poll.statusEnded",
                poll.launchedBy(), poll.voters()));
        content.getChildren().addAll(question, status);
        if (poll.open() && !poll.voted()) {
            content.getChildren().add(ballot(poll));
        } else if (poll.voted()) {
            Label mine = new Label();
            mine.setId("pollOwnVote");
            mine.setWrapText(true);
            mine.textProperty().bind(text.bind("poll.youVoted",
                    String.join(", ", poll.ownVote().stream().map(i -> poll.choices().get(i)).toList())));
            content.getChildren().add(mine);
        }
        if (poll.results() != null) {
            content.getChildren().add(results(poll.results(), true));
            content.getChildren().add(moderatorActions(poll));
        } else if (poll.sharedTotals() != null) {
            Label shared = new Label();
            shared.textProperty().bind(text.bind("poll.sharedTotals"));
            content.getChildren().addAll(shared, results(sharedResults(poll), false));
        } else if (!poll.open()) {
            Label onlyHosts = new Label();
            onlyHosts.setWrapText(true);
            onlyHosts.textProperty().bind(text.bind("poll.resultsPrivate"));
            content.getChildren().add(onlyHosts);
        }
    }

    private VBox ballot(Poll poll) {
        VBox box = new VBox(6);
        box.setId("pollBallot");
        ToggleGroup group = new ToggleGroup();
        List<ButtonBase> picks = new ArrayList<>();
        for (int i = 0; i < poll.choices().size(); i++) {
            ButtonBase pick;
            if (poll.multiple()) {
                pick = new CheckBox(poll.choices().get(i));
            } else {
                RadioButton radio = new RadioButton(poll.choices().get(i));
                radio.setToggleGroup(group);
                pick = radio;
            }
            pick.setId("pollPick-" + (i + 1));
            pick.setWrapText(true);
            picks.add(pick);
            box.getChildren().add(pick);
        }
        Button vote = new Button();
        vote.setId("voteButton");
        vote.getStyleClass().add(Styles.ACCENT);
        vote.textProperty().bind(text.bind("poll.vote"));
        vote.setOnAction(e -> {
            List<Integer> chosen = new ArrayList<>();
            for (int i = 0; i < picks.size(); i++) {
                ButtonBase pick = picks.get(i);
                if (pick instanceof CheckBox c ? c.isSelected() : ((RadioButton) pick).isSelected()) {
                    chosen.add(i);
                }
            }
            model.vote(chosen);
        });
        Label hint = new Label();
        hint.setWrapText(true);
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        hint.textProperty().bind(text.bind(poll.multiple() ? "poll.hintMultiple" : "poll.hintSingle"));
        box.getChildren().addAll(hint, vote);
        return box;
    }

    /** One bar per choice with its count, and (for moderators) who chose it. */
    private VBox results(PollResults results, boolean withNames) {
        VBox box = new VBox(8);
        box.setId(withNames ? "pollResults" : "pollSharedResults");
        int most = Math.max(1, results.choices().stream().mapToInt(PollResults.Choice::count).max().orElse(1));
        int i = 0;
        for (PollResults.Choice choice : results.choices()) {
            i++;
            Label name = new Label(choice.text());
            name.setWrapText(true);
            HBox.setHgrow(name, Priority.ALWAYS);
            name.setMaxWidth(Double.MAX_VALUE);
            Label count = new Label(String.valueOf(choice.count()));
            count.setId("pollCount-" + i);
            count.getStyleClass().add(Styles.TEXT_BOLD);
            HBox line = new HBox(6, name, count);
            line.setAlignment(Pos.CENTER_LEFT);
            ProgressBar bar = new ProgressBar((double) choice.count() / most);
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.setAccessibleText(text.get("poll.barText", choice.text(), choice.count()));
            VBox entry = new VBox(3, line, bar);
            if (withNames && !choice.voters().isEmpty()) {
                Label voters = new Label(String.join(", ", choice.voters()));
                voters.setId("pollVoters-" + i);
                voters.setWrapText(true);
                voters.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                entry.getChildren().add(voters);
            }
            box.getChildren().add(entry);
        }
        return box;
    }

    private static PollResults sharedResults(Poll poll) {
        List<PollResults.Choice> choices = new ArrayList<>();
        for (int i = 0; i < poll.choices().size(); i++) {
            choices.add(new PollResults.Choice(poll.choices().get(i), poll.sharedTotals().get(i), List.of()));
        }
        return new PollResults(choices);
    }

    private FlowPane moderatorActions(Poll poll) {
        FlowPane actions = new FlowPane(6, 6);
        actions.setId("pollActions");
        if (poll.open()) {
            Button end = new Button();
            end.setId("endPollButton");
            end.getStyleClass().add(Styles.DANGER);
            end.textProperty().bind(text.bind("poll.end"));
            end.setOnAction(e -> model.end());
            actions.getChildren().add(end);
        } else {
            Button share = new Button();
            share.setId("sharePollButton");
            share.textProperty().bind(text.bind(poll.sharedTotals() == null ? "poll.share" : "poll.shared"));
            share.setDisable(poll.sharedTotals() != null);
            share.setOnAction(e -> model.share());
            actions.getChildren().add(share);
        }
        Button save = new Button();
        save.setId("savePollButton");
        save.textProperty().bind(text.bind("poll.save"));
        save.setOnAction(e -> model.save());
        actions.getChildren().add(save);
        return actions;
    }
}
