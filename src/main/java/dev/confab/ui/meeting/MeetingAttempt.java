package dev.confab.ui.meeting;

import dev.confab.meeting.EndReason;
import dev.confab.meeting.KnownServers;
import dev.confab.meeting.MeetingFailure;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.OwnMediaState;
import dev.confab.meeting.RecordingChange;
import dev.confab.meeting.RecordingRule;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.demo.DemoParticipants;
import dev.confab.storage.ChatHistoryStore;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.lobby.LobbyContext;
import dev.confab.ui.lobby.LobbyForm;
import dev.confab.ui.lobby.Navigator;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One create/join: drives the lobby (busy, Cancel, errors, the certificate prompt) until joined, then opens the
 * {@link MeetingScreen} on a {@link MeetingViewModel} fed by {@link MeetingEvents}, and returns to the lobby with the
 * reason when the meeting ends. The session's events arrive on its own thread and are handed to the FX thread.
 */
final class MeetingAttempt implements MeetingListener {
    private static final Logger LOG = LoggerFactory.getLogger(MeetingAttempt.class);

    private final MeetingLauncher launcher;
    private final LobbyForm form;
    private final LobbyContext lobby;
    private final Navigator navigator;
    private final boolean create;
    private final URI server;
    private final MeetingViewModel.Invite invite;
    final OwnMediaState initialState;
    final MeetingCall call = new MeetingCall();
    final MeetingEvents events = new MeetingEvents(Platform::runLater);
    final ShareBinding shares;
    final MeetingMediaBinding media;
    MeetingSession session;
    private DemoParticipants demo;
    private MeetingScreen screen; // FX thread
    private WaitingScreen waitingScreen; // FX thread, while in the waiting room
    private volatile RecordingBinding recording; // set on the FX thread, read by session events
    private volatile PollBinding polls; // set on the FX thread, read by session events
    private boolean cancelled; // FX thread
    private dev.confab.ui.lobby.EffectsChooser effects; // FX thread, while the meeting screen shows

    /** @param demo the demo's synthetic participants, stopped when this meeting ends; else null */
    MeetingAttempt(MeetingLauncher launcher, LobbyForm form, LobbyContext lobby, boolean create, URI server,
                   MeetingViewModel.Invite invite, DemoParticipants demo, MeetingMediaBinding media,
                   ShareBinding shares) {
        this.launcher = launcher;
        this.form = form;
        this.lobby = lobby;
        this.navigator = lobby.navigator();
        this.create = create;
        this.server = server;
        this.invite = invite;
        this.demo = demo;
        this.media = media;
        this.shares = shares;
        this.initialState = OwnMediaState.INITIAL.withMuted(!form.micOn()).withCameraOn(form.cameraOn());
    }

    @Override
    public void onStateChanged(SessionState now) {
        Platform.runLater(() -> apply(now));
    }

    // Recording has its own listener methods; it exists only once the screen does.

    @Override
    public void onRecordingChanged(RecordingChange change) {
        RecordingBinding binding = recording;
        if (binding != null) {
            binding.onRecordingChanged(change);
        }
    }

    @Override
    public void onRecordingPolicy(RecordingRule policy) {
        RecordingBinding binding = recording;
        if (binding != null) {
            binding.onRecordingPolicy(policy);
        }
    }

    @Override
    public void onRosterChanged(Roster roster) {
        RecordingBinding binding = recording;
        if (binding != null) {
            binding.onRosterChanged(roster);
        }
        PollBinding pollBinding = polls;
        if (pollBinding != null) {
            pollBinding.onRosterChanged(roster);
        }
    }

    @Override
    public void onPollChanged(dev.confab.meeting.poll.Poll poll) {
        PollBinding binding = polls;
        if (binding != null) {
            binding.onPollChanged(poll);
        }
    }

    @Override
    public void onRequestFailed(Refusal refusal, String detail, String requestType) {
        LOG.info("Request {} refused: {} ({})", requestType, refusal, detail);
        RecordingBinding binding = recording;
        if (binding != null) {
            binding.onRequestFailed(refusal, detail, requestType);
        }
    }

    /**
     * The user pressed Cancel. The session may be blocked opening the connection (up to the connect
     * timeout), so the lobby is released at once and whatever the session reports later is ignored; its
     * queued leave still runs, so a join that completes meanwhile leaves no ghost behind.
     */
    void cancel() {
        cancelled = true;
        session.leave();
        lobby.setBusy(false);
        lobby.showInfo("meeting.cancelled");
    }

    private void apply(SessionState now) {
        if (cancelled) {
            if (now instanceof SessionState.Ended) {
                media.close();
                closeSession();
            }
            return;
        }
        switch (now) {
            case SessionState.InMeeting ignored -> {
                if (screen == null) {
                    openScreen();
                }
                screen.showState(now);
            }
            case SessionState.Waiting waiting -> {
                lobby.setBusy(false);
                // Waiting comes again while the place is taken back at another server: the same screen says so.
                // A new screen would dispose this one, and disposing a waiting screen leaves the queue.
                if (waitingScreen == null || waitingScreen.isDisposed()) {
                    waitingScreen = new WaitingScreen(lobby.text(), waiting.meetingId(), session::leave);
                    navigator.show(waitingScreen);
                }
                waitingScreen.showRegaining(waiting.regaining());
            }
            case SessionState.Reconnecting ignored -> {
                if (screen != null) {
                    screen.showState(now);
                }
            }
            case SessionState.Ended ended -> ended(ended);
            case SessionState.Connecting ignored -> {
            }
            case SessionState.Idle ignored -> {
            }
        }
    }

    private void openScreen() {
        lobby.setBusy(false);
        if (waitingScreen != null) {
            waitingScreen.handOver(); // admitted: the meeting screen takes over the same session
        }
        // Mute on entry: the session already counts this joiner muted; the microphone starts so too.
        boolean mutedOnEntry = session.settings().muteOnEntry() && !session.roster().selfIsHost();
        screen = new MeetingScreen(lobby.text(), new MeetingViewModel(MeetingCommands.of(session),
                ModerationCommands.of(session), invite, mutedOnEntry ? initialState.withMuted(true) : initialState));
        events.attach(screen.model());
        screen.model().moderation().showSettings(session.settings());
        screen.model().moderation().showWaiting(session.waiting());
        if (mutedOnEntry && !initialState.muted()) {
            screen.model().moderation().mutedOnEntry();
        }
        shares.attach(screen, lobby.text());
        addEffectsMenu();
        navigator.show(screen);
        screen.showRoster(session.roster());
        screen.model().showTopic(session.topic());
        recording = new RecordingBinding(lobby.text(), RecordingCommands.of(session), screen,
                launcher.recordingSetupFor(media), lobby.permissions());
        recording.onRosterChanged(session.roster());
        recording.onRecordingPolicy(session.recordingPolicy());
        screen.model().showHands(session.raisedHands()); // the queue may have come before the screen
        var pollStore = dev.confab.meeting.history.PollResultsStore.of(launcher.paths());
        polls = new PollBinding(lobby.text(), PollCommands.of(session,
                (meetingId, poll) -> pollStore.save(meetingId, poll, Instant.now())), screen,
                task -> Thread.ofVirtual().name("confab-poll-save").start(task));
        polls.onRosterChanged(session.roster());
        if (session.poll() != null) {
            polls.onPollChanged(session.poll());
        }
        String meetingId = session.roster().meetingId();
        var transcript = new ChatHistoryStore(launcher.paths()).open(lobby.settings().current(), meetingId, Instant.now());
        media.start(screen, lobby.text(), lobby.browser()::open, transcript);
    }

    /** The camera's Effects menu: the lobby's background effects, and noise suppression applied live. */
    private void addEffectsMenu() {
        if (lobby.effects() == null) {
            return;
        }
        effects = new dev.confab.ui.lobby.EffectsChooser(lobby.text(), lobby.settings(), lobby.effects(),
                dev.confab.ui.lobby.EffectsChooser.FILE_CHOOSER);
        javafx.scene.control.CheckMenuItem noise = new javafx.scene.control.CheckMenuItem();
        noise.setId("noiseSuppressionItem");
        noise.textProperty().bind(lobby.text().bind("noise.suppression"));
        noise.setSelected(lobby.settings().current().noiseSuppression());
        noise.selectedProperty().addListener((obs, old, on) -> {
            media.setNoiseSuppression(on);
            lobby.settings().update(s -> s.withNoiseSuppression(on));
        });
        screen.addEffectsMenu(effects.menuButton("effectsMenu", true,
                () -> screen.view().getScene() == null ? null : screen.view().getScene().getWindow(), List.of(noise)));
    }

    private void ended(SessionState.Ended ended) {
        if (effects != null) {
            effects.dispose();
        }
        if (recording != null) {
            recording.close(); // finishes this participant's own recording
        }
        media.close();
        closeSession();
        if (screen == null && waitingScreen != null) {
            leftWaitingRoom(ended);
            return;
        }
        if (screen == null) {
            joinFailed(ended);
            return;
        }
        if (screen.isDisposed()) {
            return; // the window closed or the app is quitting: stay out of the way
        }
        MeetingFailure failure = ended.failure();
        UiMessage why = failure != null ? UiMessage.of(failure.messageKey(), failure.messageArgs())
                : UiMessage.of("meeting.ended." + ended.reason().name().toLowerCase(Locale.ROOT));
        boolean normal = failure == null && (ended.reason() == EndReason.LEFT || ended.reason() == EndReason.ENDED_BY_HOST);
        String meetingId = session.roster().meetingId();
        navigator.returnToLobby(new LobbyForm(form.displayName(), form.server(),
                meetingId != null ? meetingId : form.meetingId(), form.passcode(), form.camera(), form.cameraOn(),
                form.microphone(), form.micOn(), form.speaker()), why, !normal);
    }

    /** Denied, left, or lost while waiting: back to the lobby (unless the window is closing), saying why. */
    private void leftWaitingRoom(SessionState.Ended ended) {
        if (waitingScreen.isDisposed()) {
            return; // the window closed or the app is quitting: stay out of the way
        }
        MeetingFailure failure = ended.failure();
        UiMessage why = failure != null ? UiMessage.of(failure.messageKey(), failure.messageArgs())
                : UiMessage.of("meeting.ended." + ended.reason().name().toLowerCase(Locale.ROOT));
        waitingScreen.handOver(); // already out: returning to the lobby must not leave again
        navigator.returnToLobby(form, why, ended.reason() != EndReason.LEFT);
    }

    private void joinFailed(SessionState.Ended ended) {
        lobby.setBusy(false);
        MeetingFailure failure = ended.failure();
        if (failure == null) {
            lobby.showInfo("meeting.cancelled");
            return;
        }
        lobby.showError(failure.messageKey(), failure.messageArgs());
        switch (failure.kind()) {
            case CERTIFICATE_UNTRUSTED -> {
                if (failure.certificateFingerprint() != null) {
                    CertificatePrompt.askFirstUse(lobby.window(), lobby.text(), server,
                            failure.certificateFingerprint(), () -> trustAndRetry(failure.certificateFingerprint()),
                            () -> {
                            });
                }
            }
            case CERTIFICATE_CHANGED -> CertificatePrompt.warnChanged(lobby.window(), lobby.text(), server,
                    failure.certificateFingerprint() != null ? failure.certificateFingerprint() : "?",
                    launcher.paths().knownServersFile());
            default -> {
            }
        }
    }

    /** close() waits for the event thread to stop: never on the FX thread, nor on that thread itself. */
    private void closeSession() {
        DemoParticipants participants = demo;
        demo = null;
        launcher.runInBackground(() -> {
            shares.close();
            session.close();
            if (participants != null) {
                participants.close();
            }
            launcher.meetingClosed(server); // a built-in server stops with its meeting
        });
    }

    /** The user compared and trusted the fingerprint: pin it and try again with a new session. */
    private void trustAndRetry(String fingerprint) {
        lobby.setBusy(true);
        lobby.showInfo("meeting.connecting");
        launcher.runInBackground(() -> {
            try {
                KnownServers known = launcher.knownServers();
                known.trust(server, fingerprint);
                Platform.runLater(() -> launcher.connect(form, lobby, create, known.endpointFor(server), invite, null));
            } catch (IOException | RuntimeException e) {
                LOG.error("Could not save the trusted server", e);
                Platform.runLater(() -> {
                    lobby.setBusy(false);
                    lobby.showError("meeting.trustFailed", String.valueOf(e.getMessage()));
                });
            }
        });
    }
}
