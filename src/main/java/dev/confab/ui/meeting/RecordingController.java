package dev.confab.ui.meeting;

import dev.confab.meeting.RecordingChange;
import dev.confab.recording.NotEnoughSpaceException;
import dev.confab.recording.RecordingException;
import dev.confab.recording.RecordingLibrary;
import dev.confab.recording.RecordingOutcome;
import dev.confab.recording.RecordingSession;
import dev.confab.privacy.Permission;
import dev.confab.privacy.PermissionCheck;
import dev.confab.recording.RecordingStorage;
import dev.confab.recording.StopReason;
import dev.confab.ui.common.UiMessage;
import javafx.animation.PauseTransition;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts and stops this participant's own {@link RecordingSession} and moves the {@link RecordingViewModel}'s state.
 * Record checks free space, then announces {@code recording_start}; only when the server confirms (everyone has been
 * told) does the recorder start and the {@link RecordingSources} feed it. It stops on Stop, when the rule no longer
 * allows it, when the disk runs low, and when the meeting ends. FX thread; disk work on its own thread.
 */
final class RecordingController {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingController.class);

    /** Where the controller's messages to the user go (the meeting's notices). */
    interface Notices {
        void show(UiMessage message, String id);
    }

    private final RecordingViewModel model;
    private final RecordingCommands commands;
    private final RecordingSetup setup;
    private final Notices notices;
    private final Executor fxThread;
    private final PermissionCheck permissions;
    private final ExecutorService disk = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("confab-recording-ui").factory());
    private RecordingSession session;
    private RecordingSources.Feed feed;
    private boolean closed;

    RecordingController(RecordingViewModel model, RecordingCommands commands, RecordingSetup setup, Notices notices,
                        Executor fxThread, PermissionCheck permissions) {
        this.permissions = permissions;
        this.model = model;
        this.commands = commands;
        this.setup = setup;
        this.notices = notices;
        this.fxThread = fxThread;
    }

    /** The Record / Stop button. */
    void toggle() {
        switch (model.state()) {
            case IDLE -> askPermissionThenStart();
            case RECORDING, STARTING -> stopOwn(StopReason.REQUESTED, true);
            case ASKING, STOPPING -> {
            }
        }
    }

    void recordingChanged(RecordingChange change) {
        if (!model.isSelf(change.participantId())) {
            return;
        }
        if (change.recording() && model.state() == RecordingViewModel.State.ASKING) {
            startOwn();
        } else if (!change.recording() && model.ownRecordingOn()) {
            if (change.stoppedByPolicy()) {
                notices.show(UiMessage.of("recording.stoppedByPolicy"), "recordingStoppedByPolicy");
            }
            stopOwn(StopReason.REQUESTED, false);
        }
    }

    /** The server refused {@code recording_start}: Record is offered again (the refusal itself is shown elsewhere). */
    void startRefused() {
        if (model.state() == RecordingViewModel.State.ASKING) {
            model.setState(RecordingViewModel.State.IDLE);
        }
    }

    /** The meeting is over or the screen goes away: stop and finish this participant's own recording. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopOwn(StopReason.REQUESTED, false);
        disk.shutdown();
    }

    /** The first Record asks the user (once, remembered); a no is explained, not silently ignored. */
    private void askPermissionThenStart() {
        permissions.whenAnswered(Permission.RECORDING, fxThread, () -> {
            if (!closed && model.state() == RecordingViewModel.State.IDLE) {
                askToStart();
            }
        }, () -> notices.show(UiMessage.of("recording.permissionDenied"), "recordingPermissionDenied"));
    }

    /** Checks free space before asking anyone: a recording that cannot be written should not be announced. */
    private void askToStart() {
        model.setState(RecordingViewModel.State.ASKING);
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
            fxThread.execute(() -> {
                if (refusal != null) {
                    model.setState(RecordingViewModel.State.IDLE);
                    notices.show(refusal, "recordingProblem");
                } else if (model.state() == RecordingViewModel.State.ASKING && !closed) {
                    commands.startRecording();
                    giveUpWithoutAnswer();
                }
            });
        });
    }

    /** No answer (e.g. the connection dropped meanwhile): let the user try again rather than wait forever. */
    private void giveUpWithoutAnswer() {
        PauseTransition timeout = new PauseTransition(Duration.seconds(15));
        timeout.setOnFinished(e -> startRefused());
        timeout.play();
    }

    /** The server told everyone: now start writing. */
    private void startOwn() {
        model.setState(RecordingViewModel.State.STARTING);
        String meetingId = model.meetingId();
        String topic = commands.topic();
        disk.execute(() -> {
            try {
                RecordingSession started = RecordingSession.start(setup.storage().get(), topic, meetingId,
                        ZonedDateTime.now(), outcome -> fxThread.execute(() -> endedBySelf(outcome)));
                fxThread.execute(() -> recorderStarted(started));
            } catch (NotEnoughSpaceException e) {
                failedToStart(UiMessage.of("recording.notEnoughSpace", megabytes(e.freeBytes()), megabytes(e.requiredBytes())));
            } catch (RecordingException | RuntimeException e) {
                LOG.warn("Recording did not start", e);
                failedToStart(UiMessage.of("recording.cannotStart", String.valueOf(e.getMessage())));
            }
        });
    }

    private void failedToStart(UiMessage why) {
        fxThread.execute(() -> {
            model.setState(RecordingViewModel.State.IDLE);
            commands.stopRecording();
            notices.show(why, "recordingProblem");
        });
    }

    private void recorderStarted(RecordingSession started) {
        if (model.state() != RecordingViewModel.State.STARTING || closed) {
            started.stop(); // stopped or left while the file was being created
            return;
        }
        session = started;
        feed = setup.sources().attach(started, started);
        model.setState(RecordingViewModel.State.RECORDING);
    }

    /** User stop, policy stop or meeting end. The outcome listener reports the result. */
    private void stopOwn(StopReason reason, boolean announce) {
        if (!model.ownRecordingOn()) {
            return;
        }
        if (announce || closed) {
            commands.stopRecording();
        }
        boolean withChat = model.saveChatProperty().get();
        String transcript = withChat && setup.chatTranscript() != null ? setup.chatTranscript().get() : null;
        detachFeed();
        RecordingSession current = session;
        session = null;
        model.setState(current == null ? RecordingViewModel.State.IDLE : RecordingViewModel.State.STOPPING);
        if (current == null) {
            return; // still STARTING: recorderStarted() stops the recorder it gets
        }
        current.stop(reason).thenAccept(outcome -> {
            if (withChat) {
                saveTranscript(outcome, transcript, current.transcriptFiles());
            }
        });
    }

    /** Called once per recording, on whatever ended it (stop, low disk, write failure). */
    private void endedBySelf(RecordingOutcome outcome) {
        detachFeed();
        session = null;
        if (model.ownRecordingOn()) {
            commands.stopRecording(); // the recorder stopped by itself (disk): tell everyone
        }
        model.setState(RecordingViewModel.State.IDLE);
        String where = outcome.file().map(Path::toString).orElse("");
        switch (outcome.reason()) {
            case LOW_DISK_SPACE -> notices.show(outcome.file().isPresent()
                    ? UiMessage.of("recording.lowDiskSaved", where) : UiMessage.of("recording.lowDiskNothing"),
                    "recordingLowDisk");
            case WRITE_FAILED -> notices.show(UiMessage.of("recording.writeFailed",
                    String.valueOf(outcome.problem())), "recordingProblem");
            case REQUESTED -> {
                if (!closed) {
                    notices.show(outcome.file().isPresent() ? UiMessage.of("recording.saved", where)
                            : UiMessage.of("recording.empty"), "recordingSaved");
                }
            }
        }
    }

    /** Recorder thread. */
    private void saveTranscript(RecordingOutcome outcome, String transcript, dev.confab.storage.SealedFiles files) {
        if (outcome.file().isEmpty()) {
            return;
        }
        if (transcript == null) {
            fxThread.execute(() -> notices.show(UiMessage.of("recording.noChat"), "recordingNoChat"));
            return;
        }
        Path file = outcome.file().get();
        try {
            new RecordingLibrary(file.getParent(), files).saveChatTranscript(file, transcript);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the chat beside {}", file, e);
            fxThread.execute(() -> notices.show(UiMessage.of("recording.chatFailed", String.valueOf(e.getMessage())),
                    "recordingProblem"));
        }
    }

    private void detachFeed() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
    }

    private static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }
}
