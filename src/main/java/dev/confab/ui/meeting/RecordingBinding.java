package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.meeting.Attendee;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.RecordingChange;
import dev.confab.meeting.RecordingRule;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.Roster;
import dev.confab.recording.NotEnoughSpaceException;
import dev.confab.recording.RecordingException;
import dev.confab.recording.RecordingLibrary;
import dev.confab.recording.RecordingOutcome;
import dev.confab.recording.RecordingSession;
import dev.confab.recording.RecordingStorage;
import dev.confab.recording.StopReason;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Local recording in the meeting screen: the Record button, the host's "Who may record" menu, the header
 * indicator naming everyone who records, the "This meeting is being recorded" prompt, and this
 * participant's own {@link RecordingSession}.
 *
 * <p>Own recording: Record checks free space, then announces {@code recording_start}; only when the server
 * confirms (everyone has been told) does the recorder start and the {@link RecordingSources} feed it. It
 * stops on Stop, when the policy no longer allows it, when the disk runs low, and when the meeting ends.
 *
 * <p>Session events arrive on the meeting's thread and are handed to the FX thread; disk work runs on the
 * binding's own thread.
 */
public final class RecordingBinding implements MeetingListener {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingBinding.class);

    private enum Own { IDLE, ASKING, STARTING, RECORDING, STOPPING }

    private final UiText text;
    private final RecordingCommands commands;
    private final MeetingScreen screen;
    private final RecordingSetup setup;
    private final ExecutorService disk = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("confab-recording-ui").factory());

    private final Button record = new Button();
    private final CheckBox saveChat = new CheckBox();
    private final MenuButton policyMenu = new MenuButton();
    private final Map<RecordingRule, RadioMenuItem> policyItems = new EnumMap<>(RecordingRule.class);
    private final Label indicator = new Label(null, Icons.of(MaterialDesignR.RECORD_CIRCLE));
    private HBox prompt;
    // FX thread:
    private Roster roster;
    private Own own = Own.IDLE;
    private RecordingSession session;
    private RecordingSources.Feed feed;
    private final Set<Integer> acknowledgedRecorders = new HashSet<>();
    private boolean closed;

    public RecordingBinding(UiText text, RecordingCommands commands, MeetingScreen screen, RecordingSetup setup) {
        this.text = text;
        this.commands = commands;
        this.screen = screen;
        this.setup = setup;
        buildControls();
        screen.addHeaderItem(indicator);
        if (setup.allowedByAdmin().getAsBoolean()) {
            screen.addControls(record, saveChat, policyMenu);
        } else {
            screen.addControls(policyMenu); // a host may still decide for the others
        }
    }

    // ---- session events (meeting thread) ------------------------------------------------------------------

    @Override
    public void onRosterChanged(Roster now) {
        Platform.runLater(() -> showRoster(now));
    }

    @Override
    public void onRecordingChanged(RecordingChange change) {
        Platform.runLater(() -> recordingChanged(change));
    }

    @Override
    public void onRecordingPolicy(RecordingRule policy) {
        Platform.runLater(() -> {
            RadioMenuItem item = policyItems.get(policy);
            if (item != null) {
                item.setSelected(true);
            }
        });
    }

    @Override
    public void onRequestFailed(Refusal refusal, String detail, String requestType) {
        if ("recording_start".equals(requestType)) {
            Platform.runLater(() -> {
                if (own == Own.ASKING) {
                    setOwn(Own.IDLE);
                }
            });
        }
    }

    /** The meeting is over or the screen goes away: stop and finish this participant's own recording. FX thread. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopOwn(StopReason.REQUESTED, false);
        disk.shutdown();
    }

    // ---- FX thread -------------------------------------------------------------------------------------------

    private void showRoster(Roster now) {
        roster = now;
        boolean host = now.selfIsHost();
        policyMenu.setVisible(host);
        List<Attendee> recorders = now.participants().stream().filter(Attendee::recording).toList();
        indicator.setVisible(!recorders.isEmpty());
        if (!recorders.isEmpty()) {
            String names = recorders.stream().map(Attendee::displayName).collect(Collectors.joining(", "));
            indicator.textProperty().bind(text.bind("recording.indicator", names));
        }
        List<Attendee> others = recorders.stream().filter(p -> p.id() != now.selfId()).toList();
        boolean unacknowledged = others.stream().anyMatch(p -> !acknowledgedRecorders.contains(p.id()));
        if (unacknowledged) {
            showPrompt(others);
        } else if (others.isEmpty()) {
            hidePrompt();
        }
    }

    private void recordingChanged(RecordingChange change) {
        if (roster == null || change.participantId() != roster.selfId()) {
            return;
        }
        if (change.recording() && own == Own.ASKING) {
            startOwn();
        } else if (!change.recording() && (own == Own.RECORDING || own == Own.STARTING)) {
            if (change.stoppedByPolicy()) {
                screen.showNotice(UiMessage.of("recording.stoppedByPolicy"), "recordingStoppedByPolicy");
            }
            stopOwn(StopReason.REQUESTED, false);
        }
    }

    private void toggle() {
        switch (own) {
            case IDLE -> askToStart();
            case RECORDING, STARTING -> stopOwn(StopReason.REQUESTED, true);
            case ASKING, STOPPING -> {
            }
        }
    }

    /** Checks free space before asking anyone: a recording that cannot be written should not be announced. */
    private void askToStart() {
        setOwn(Own.ASKING);
        disk.execute(() -> {
            UiMessage problem = null;
            try {
                RecordingStorage storage = setup.storage().get();
                long free = storage.freeBytes();
                if (free < storage.minimumToStart()) {
                    problem = UiMessage.of("recording.notEnoughSpace", megabytes(free), megabytes(storage.minimumToStart()));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot check the recordings folder", e);
                problem = UiMessage.of("recording.cannotStart", String.valueOf(e.getMessage()));
            }
            UiMessage refusal = problem;
            Platform.runLater(() -> {
                if (refusal != null) {
                    setOwn(Own.IDLE);
                    screen.showNotice(refusal, "recordingProblem");
                } else if (own == Own.ASKING && !closed) {
                    commands.startRecording();
                    giveUpWithoutAnswer();
                }
            });
        });
    }

    /** No answer (e.g. the connection dropped meanwhile): let the user try again rather than wait forever. */
    private void giveUpWithoutAnswer() {
        var timeout = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(15));
        timeout.setOnFinished(e -> {
            if (own == Own.ASKING) {
                setOwn(Own.IDLE);
            }
        });
        timeout.play();
    }

    /** The server told everyone: now start writing. */
    private void startOwn() {
        setOwn(Own.STARTING);
        String meetingId = roster.meetingId();
        disk.execute(() -> {
            try {
                RecordingSession started = RecordingSession.start(setup.storage().get(), null, meetingId,
                        ZonedDateTime.now(), outcome -> Platform.runLater(() -> endedBySelf(outcome)));
                Platform.runLater(() -> recorderStarted(started));
            } catch (NotEnoughSpaceException e) {
                failedToStart(UiMessage.of("recording.notEnoughSpace", megabytes(e.freeBytes()), megabytes(e.requiredBytes())));
            } catch (RecordingException | RuntimeException e) {
                LOG.warn("Recording did not start", e);
                failedToStart(UiMessage.of("recording.cannotStart", String.valueOf(e.getMessage())));
            }
        });
    }

    private void failedToStart(UiMessage why) {
        Platform.runLater(() -> {
            setOwn(Own.IDLE);
            commands.stopRecording();
            screen.showNotice(why, "recordingProblem");
        });
    }

    private void recorderStarted(RecordingSession started) {
        if (own != Own.STARTING || closed) {
            started.stop(); // stopped or left while the file was being created
            return;
        }
        session = started;
        feed = setup.sources().attach(started, started);
        setOwn(Own.RECORDING);
    }

    /** User stop, policy stop or meeting end. The outcome listener reports the result. */
    private void stopOwn(StopReason reason, boolean announce) {
        if (own != Own.RECORDING && own != Own.STARTING) {
            return;
        }
        if (announce || closed) {
            commands.stopRecording();
        }
        boolean withChat = saveChat.isSelected();
        String transcript = withChat && setup.chatTranscript() != null ? setup.chatTranscript().get() : null;
        detachFeed();
        RecordingSession current = session;
        session = null;
        setOwn(current == null ? Own.IDLE : Own.STOPPING);
        if (current == null) {
            return; // still STARTING: recorderStarted() stops the recorder it gets
        }
        current.stop(reason).thenAccept(outcome -> {
            if (withChat) {
                saveTranscript(outcome, transcript);
            }
        });
    }

    /** Called once per recording, on whatever ended it (stop, low disk, write failure). */
    private void endedBySelf(RecordingOutcome outcome) {
        detachFeed();
        session = null;
        if (own == Own.RECORDING || own == Own.STARTING) {
            commands.stopRecording(); // the recorder stopped by itself (disk): tell everyone
        }
        setOwn(Own.IDLE);
        String where = outcome.file().map(Path::toString).orElse("");
        switch (outcome.reason()) {
            case LOW_DISK_SPACE -> screen.showNotice(outcome.file().isPresent()
                    ? UiMessage.of("recording.lowDiskSaved", where) : UiMessage.of("recording.lowDiskNothing"),
                    "recordingLowDisk");
            case WRITE_FAILED -> screen.showNotice(UiMessage.of("recording.writeFailed",
                    String.valueOf(outcome.problem())), "recordingProblem");
            case REQUESTED -> {
                if (!closed) {
                    screen.showNotice(outcome.file().isPresent() ? UiMessage.of("recording.saved", where)
                            : UiMessage.of("recording.empty"), "recordingSaved");
                }
            }
        }
    }

    private void saveTranscript(RecordingOutcome outcome, String transcript) {
        if (outcome.file().isEmpty()) {
            return;
        }
        if (transcript == null) {
            Platform.runLater(() -> screen.showNotice(UiMessage.of("recording.noChat"), "recordingNoChat"));
            return;
        }
        Path file = outcome.file().get();
        try {
            new RecordingLibrary(file.getParent()).saveChatTranscript(file, transcript);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the chat beside {}", file, e);
            Platform.runLater(() -> screen.showNotice(UiMessage.of("recording.chatFailed", String.valueOf(e.getMessage())),
                    "recordingProblem"));
        }
    }

    private void detachFeed() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
    }

    private void setOwn(Own next) {
        own = next;
        boolean on = next == Own.RECORDING || next == Own.STARTING;
        record.textProperty().bind(text.bind(on ? "recording.stop" : next == Own.IDLE ? "recording.start" : "recording.wait"));
        record.setGraphic(Icons.of(on ? MaterialDesignS.STOP_CIRCLE_OUTLINE : MaterialDesignR.RECORD_REC));
        record.setDisable(next == Own.ASKING || next == Own.STOPPING);
        record.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("recording"), on);
        saveChat.setVisible(on);
    }

    private void showPrompt(List<Attendee> recorders) {
        String names = recorders.stream().map(Attendee::displayName).collect(Collectors.joining(", "));
        hidePrompt();
        Label message = new Label();
        message.setId("recordingPromptText");
        message.textProperty().bind(text.bind("recording.prompt", names));
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Button proceed = new Button();
        proceed.setId("recordingContinue");
        proceed.textProperty().bind(text.bind("recording.continue"));
        proceed.getStyleClass().add(Styles.ACCENT);
        Button leave = new Button();
        leave.setId("recordingLeave");
        leave.textProperty().bind(text.bind("recording.leave"));
        leave.getStyleClass().add(Styles.DANGER);
        HBox box = new HBox(8, Icons.of(MaterialDesignR.RECORD_CIRCLE), message, proceed, leave);
        box.setId("recordingPrompt");
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().addAll("notice", "notice-warning", "recording-prompt");
        proceed.setOnAction(e -> {
            recorders.forEach(p -> acknowledgedRecorders.add(p.id()));
            hidePrompt();
        });
        leave.setOnAction(e -> {
            hidePrompt();
            commands.leave();
        });
        prompt = box;
        screen.addBanner(box);
    }

    private void hidePrompt() {
        if (prompt != null) {
            screen.removeBanner(prompt);
            prompt = null;
        }
    }

    private void buildControls() {
        record.setId("recordButton");
        record.setContentDisplay(ContentDisplay.TOP);
        record.getStyleClass().add("control-button");
        record.setOnAction(e -> toggle());
        saveChat.setId("saveChatWithRecording");
        saveChat.textProperty().bind(text.bind("recording.saveChat"));
        saveChat.managedProperty().bind(saveChat.visibleProperty());
        setOwn(Own.IDLE);

        policyMenu.setId("recordingPolicy");
        policyMenu.textProperty().bind(text.bind("recording.policy"));
        policyMenu.managedProperty().bind(policyMenu.visibleProperty());
        policyMenu.setVisible(false);
        ToggleGroup group = new ToggleGroup();
        for (RecordingRule policy : List.of(RecordingRule.HOST_ONLY, RecordingRule.EVERYONE, RecordingRule.NOBODY)) {
            RadioMenuItem item = new RadioMenuItem();
            item.setId("recordingPolicy_" + policy.name());
            item.textProperty().bind(text.bind("recording.policy." + policy.name().toLowerCase(java.util.Locale.ROOT)));
            item.setToggleGroup(group);
            item.setOnAction(e -> commands.setRecordingPolicy(policy));
            policyItems.put(policy, item);
            policyMenu.getItems().add(item);
        }
        policyItems.get(RecordingRule.HOST_ONLY).setSelected(true);

        indicator.setId("recordingIndicator");
        indicator.getStyleClass().addAll("meeting-badge", Styles.DANGER, "recording-indicator");
        indicator.setVisible(false);
        indicator.managedProperty().bind(indicator.visibleProperty());
    }

    private static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }
}
