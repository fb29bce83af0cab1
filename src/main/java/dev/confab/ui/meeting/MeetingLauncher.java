package dev.confab.ui.meeting;

import dev.confab.media.ComputerSoundCapture;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.media.CaptureFactory;
import dev.confab.meeting.CompositeMeetingListener;
import dev.confab.meeting.KnownServers;
import dev.confab.meeting.LocalServer;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.ServerEndpoint;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.demo.DemoParticipants;
import dev.confab.meeting.history.MeetingHistoryRecorder;
import dev.confab.meeting.history.MeetingHistoryStore;
import dev.confab.privacy.PrivacySettingsStore;
import dev.confab.storage.AppPaths;
import dev.confab.ui.lobby.LobbyActions;
import dev.confab.ui.lobby.LobbyContext;
import dev.confab.ui.lobby.LobbyForm;
import dev.confab.ui.lobby.ServerChoice;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The lobby's New meeting / Join / demo: starts the built-in server when "This computer" is chosen, picks the
 * server's endpoint (with the right certificate trust) and connects a {@link MeetingSession}; each attempt is a
 * {@link MeetingAttempt}, which shows failures in the lobby, asks about unknown certificates, opens the
 * {@link MeetingScreen} once in, and returns to the lobby (form kept) with the reason when the meeting ends.
 */
public final class MeetingLauncher implements LobbyActions, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeetingLauncher.class);

    private final AppPaths paths;
    private final LocalServer localServer;
    private final CaptureFactory captures;
    private final Function<SessionOptions, SessionOptions> tuning;
    private final Sharing sharing;
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("confab-meeting-launcher").factory());
    private static final java.time.Duration DEMO_TIMEOUT = java.time.Duration.ofSeconds(20);
    private boolean demoRequested; // FX thread
    private KnownServers knownServers; // loaded on first use of a remote server, on the background thread
    private volatile RecordingSetup recordingSetup;

    public MeetingLauncher(AppPaths paths, LocalServer localServer, CaptureFactory captures) {
        this(paths, localServer, captures, Function.identity());
    }

    /**
     * @param captures opens the camera and microphone chosen in the lobby
     * @param tuning   adjusts session options (tests shorten the reconnect timeout)
     */
    public MeetingLauncher(AppPaths paths, LocalServer localServer, CaptureFactory captures,
                           Function<SessionOptions, SessionOptions> tuning) {
        this(paths, localServer, captures, tuning, Sharing.desktop());
    }

    public MeetingLauncher(AppPaths paths, LocalServer localServer, CaptureFactory captures,
                           Function<SessionOptions, SessionOptions> tuning, Sharing sharing) {
        this.paths = paths;
        this.localServer = localServer;
        this.captures = captures;
        this.tuning = tuning;
        this.sharing = sharing;
        this.recordingSetup = new RecordingSetup(
                // Asked on the recording's own thread each time, so a folder changed in Settings counts at once.
                () -> userRecordings(paths),
                RecordingSources.NONE, () -> true, null);
    }

    /**
     * The recordings folder from the user's settings as they are now, encrypting new recordings when the user
     * chose to and a keychain exists to keep their keys.
     */
    static dev.confab.recording.RecordingStorage userRecordings(AppPaths paths) {
        dev.confab.storage.Settings settings = new dev.confab.storage.SettingsStore(paths, java.time.Clock.systemUTC()).peek();
        var storage = dev.confab.recording.RecordingStorage.in(dev.confab.privacy.DataLocations.forApp(paths, settings).recordings());
        dev.confab.storage.SealedFiles keys = dev.confab.storage.AtRest.files(paths);
        return Boolean.TRUE.equals(settings.encryptRecordings()) && keys.sealing() ? storage.encrypted(keys) : storage;
    }

    /** Where recordings go, what feeds them and whether the administrator allows them; for meetings started later. */
    public void setRecordingSetup(RecordingSetup setup) {
        this.recordingSetup = java.util.Objects.requireNonNull(setup, "setup");
    }

    public RecordingSetup recordingSetup() {
        return recordingSetup;
    }

    /** Unless a test supplied its own feed, a recording takes this meeting's stage pictures, mix and chat. */
    RecordingSetup recordingSetupFor(MeetingMediaBinding media) {
        RecordingSetup setup = recordingSetup;
        if (setup.sources() != RecordingSources.NONE) {
            return setup;
        }
        return new RecordingSetup(setup.storage(), media, setup.allowedByAdmin(),
                setup.chatTranscript() != null ? setup.chatTranscript() : media::chatTranscript);
    }

    /**
     * Where screens to share come from, and the admin policy {@code screenShareAllowed} (asked on every
     * click of Share).
     */
    public record Sharing(ScreenCaptureFactory screens, BooleanSupplier allowed, ComputerSoundCapture.Source computerSound) {
        /** The computer's own sound output for "Share computer sound". */
        public Sharing(ScreenCaptureFactory screens, BooleanSupplier allowed) {
            this(screens, allowed, ComputerSoundCapture.Source.SYSTEM);
        }

        public static Sharing desktop() {
            return new Sharing(new ScreenCaptureFactory(), () -> true);
        }
    }

    @Override
    public void newMeeting(LobbyForm form, LobbyContext lobby) {
        start(form, lobby, true);
    }

    @Override
    public void join(LobbyForm form, LobbyContext lobby) {
        start(form, lobby, false);
    }

    /** The host key for the next {@link #connect}: it opens a scheduled meeting instead of joining. FX thread. */
    private String hostKeyForNextConnect;

    @Override
    public dev.confab.ui.lobby.Scheduling scheduling() {
        return new dev.confab.ui.lobby.Scheduling() {
            @Override
            public dev.confab.meeting.schedule.LocalSchedule schedule() {
                return dev.confab.meeting.schedule.LocalSchedule.of(paths);
            }

            @Override
            public dev.confab.meeting.schedule.ScheduleClient client() {
                return dev.confab.meeting.schedule.ScheduleClient.withDefaultTimeout();
            }

            @Override
            public ServerEndpoint endpointFor(URI server) {
                return knownServers().endpointFor(server);
            }

            @Override
            public void start(dev.confab.meeting.schedule.PlannedMeeting meeting, LobbyForm form, LobbyContext lobby) {
                hostKeyForNextConnect = meeting.hostKey();
                connect(form, lobby, false, new ServerEndpoint(meeting.server(), meeting.fingerprint()), null);
            }

            @Override
            public java.util.Optional<java.nio.file.Path> chooseCalendarFile(javafx.stage.Window owner, String title,
                                                                             String suggestedName) {
                javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
                chooser.setTitle(title);
                chooser.setInitialFileName(suggestedName);
                chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("iCalendar", "*.ics"));
                return java.util.Optional.ofNullable(chooser.showSaveDialog(owner)).map(java.io.File::toPath);
            }
        };
    }

    /** Starts the demo on the next lobby shown (the app was started with {@code --demo}). */
    public void requestDemoAtStart() {
        demoRequested = true;
    }

    @Override
    public boolean takeDemoRequest() {
        boolean requested = demoRequested;
        demoRequested = false;
        return requested;
    }

    /**
     * Starts the built-in server on loopback only, whatever the policy allows (the synthetic participants run
     * on this computer; nobody else is invited), brings them in and joins their meeting; they leave when the
     * user does, and the server stops then.
     */
    @Override
    public void demoMeeting(LobbyForm form, LobbyContext lobby) {
        lobby.setBusy(true);
        lobby.showInfo("demo.starting");
        var text = lobby.text();
        List<DemoParticipants.Persona> cast = DemoParticipants.defaultCast(key -> text.get(key));
        localServer.start(LocalServer.Reach.THIS_COMPUTER).thenApplyAsync(server -> {
            try {
                return new StartedDemo(server, DemoParticipants.start(server.endpoint(), cast, DEMO_TIMEOUT));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, background).whenComplete((started, error) -> Platform.runLater(() -> {
            if (error != null) {
                LOG.error("Could not start the demo meeting", error);
                // The server may have started without its participants: no meeting, so no server.
                localServer.running().ifPresent(running -> runInBackground(() -> meetingClosed(running.localUrl())));
                lobby.setBusy(false);
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                lobby.showError("demo.failed", String.valueOf(cause.getMessage()));
                return;
            }
            LobbyForm demoForm = new LobbyForm(form.displayName(), form.server(), started.demo().meetingId(), "",
                    form.camera(), form.cameraOn(), form.microphone(), form.micOn(), form.speaker());
            connect(demoForm, lobby, false, started.server().endpoint(), invite(started.server()), started.demo());
        }));
    }

    private record StartedDemo(LocalServer.Running server, DemoParticipants demo) {
    }

    private void start(LobbyForm form, LobbyContext lobby, boolean create) {
        switch (form.server()) {
            case ServerChoice.ThisComputer ignored -> startLocal(form, lobby, create);
            case ServerChoice.Remote remote -> startRemote(form, lobby, create, remote.uri());
        }
    }

    /**
     * A meeting on "This computer" is hosting for others: refused unless the administrator allows it (the lobby
     * hides the choice then, but a link or a saved form must not get round it); the server it starts is
     * reachable from the network only then.
     */
    private void startLocal(LobbyForm form, LobbyContext lobby, boolean create) {
        if (!lobby.policy().isEnabled(dev.confab.policy.PolicyKey.ALLOW_THIS_COMPUTER_HOSTING)) {
            lobby.showError("lobby.server.hostingNotAllowed");
            return;
        }
        if (!create) {
            localServer.running().ifPresentOrElse(
                    server -> connect(form, lobby, false, server.endpoint(), invite(server)),
                    () -> lobby.showError("meeting.localNotRunning"));
            return;
        }
        lobby.setBusy(true);
        lobby.showInfo("meeting.startingServer");
        boolean[] cancelled = {false};
        lobby.setCancel(() -> {
            cancelled[0] = true;
            lobby.setBusy(false);
            lobby.showInfo("meeting.cancelled");
        });
        localServer.start(LocalServer.Reach.NETWORK).whenComplete((server, error) -> Platform.runLater(() -> {
            if (cancelled[0]) {
                if (server != null) { // cancelled while it started: no meeting, so nothing may listen
                    runInBackground(() -> meetingClosed(server.localUrl()));
                }
                return;
            }
            if (error != null) {
                LOG.error("Could not start the built-in server", error);
                lobby.setBusy(false);
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                lobby.showError("meeting.localFailed", String.valueOf(cause.getMessage()));
                return;
            }
            connect(form, lobby, true, server.endpoint(), invite(server));
        }));
    }

    private static MeetingViewModel.Invite invite(LocalServer.Running server) {
        return new MeetingViewModel.Invite(server.networkUrls(), server.fingerprint());
    }

    private void startRemote(LobbyForm form, LobbyContext lobby, boolean create, URI uri) {
        lobby.setBusy(true);
        lobby.showInfo("meeting.connecting");
        CompletableFuture.supplyAsync(this::knownServers, background).whenComplete((known, error) -> Platform.runLater(() -> {
            if (error != null) {
                lobby.setBusy(false);
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                lobby.showError("meeting.knownServersUnreadable", String.valueOf(cause.getMessage()));
                return;
            }
            connect(form, lobby, create, known.endpointFor(uri), null);
        }));
    }

    synchronized KnownServers knownServers() {
        if (knownServers == null) {
            knownServers = KnownServers.load(paths.knownServersFile(), dev.confab.storage.AtRest.files(paths));
        }
        return knownServers;
    }

    /** FX thread. */
    private void connect(LobbyForm form, LobbyContext lobby, boolean create, ServerEndpoint server,
                         MeetingViewModel.Invite invite) {
        connect(form, lobby, create, server, invite, null);
    }

    /** @param demo the demo's synthetic participants, stopped when this meeting ends; else null. FX thread. */
    void connect(LobbyForm form, LobbyContext lobby, boolean create, ServerEndpoint server,
                 MeetingViewModel.Invite invite, DemoParticipants demo) {
        SessionOptions options = tuning.apply(server.sessionOptions(form.displayName()));
        var policy = lobby.policy();
        MeetingMediaBinding media = new MeetingMediaBinding(new MeetingMediaBinding.Devices(captures, form.camera(),
                form.cameraOn(), form.microphone(), form.micOn(), form.speaker(),
                lobby.settings().current().noiseSuppression()), lobby.permissions(),
                new MeetingMediaBinding.ChatRules(policy.isEnabled(dev.confab.policy.PolicyKey.CHAT_ALLOWED),
                        policy.isEnabled(dev.confab.policy.PolicyKey.PRIVATE_CHAT_ALLOWED)));
        MeetingAttempt attempt = new MeetingAttempt(this, form, lobby, create, server.url(), invite, demo, media,
                new ShareBinding(sharing, lobby.permissions(),
                        dev.confab.privacy.DataLocations.forApp(paths).annotations(), dev.confab.storage.AtRest.files(paths)));
        MeetingSession session = new MeetingSession(options, listenersFor(attempt));
        session.fileLimit(policy.bytes(dev.confab.policy.PolicyKey.FILE_SIZE_LIMIT_MB));
        media.receivedFilesFolder(paths.receivedFilesDir());
        attempt.call.connect(session);
        attempt.shares.recordInto(media.recordingPictures());
        attempt.shares.connect(attempt.call);
        attempt.session = session;
        media.setCall(attempt.call);
        lobby.setBusy(true);
        lobby.showInfo("meeting.connecting");
        lobby.setCancel(attempt::cancel);
        // Remembered by the session and published as soon as it is in the meeting.
        session.updateOwnState(attempt.initialState);
        String hostKey = hostKeyForNextConnect;
        hostKeyForNextConnect = null;
        if (hostKey != null) {
            session.startScheduled(form.meetingId(), hostKey);
        } else if (create) {
            var startWith = lobby.newMeetingOptions();
            session.createMeeting(form.passcode(), startWith.waitingRoom(), startWith.muteOnEntry());
        } else {
            session.join(form.meetingId(), form.passcode());
        }
    }

    /**
     * The screen's events first, so the tiles exist before the media binding attaches to them; the attempt (lobby,
     * then screen); the call routes the media; the history recorder only when the user keeps a meeting history.
     */
    private MeetingListener listenersFor(MeetingAttempt attempt) {
        List<MeetingListener> listeners = new ArrayList<>();
        listeners.add(attempt.events);
        listeners.add(attempt);
        listeners.add(attempt.call);
        listeners.add(attempt.media);
        listeners.add(attempt.shares);
        if (new PrivacySettingsStore(paths).load().keepMeetingHistory()) {
            listeners.add(new MeetingHistoryRecorder(MeetingHistoryStore.of(paths), Clock.systemUTC()));
        }
        return new CompositeMeetingListener(listeners.toArray(MeetingListener[]::new));
    }

    AppPaths paths() {
        return paths;
    }

    /** A meeting at {@code server} has ended and its session is closed: a built-in server serving it stops. */
    void meetingClosed(URI server) {
        if (localServer.stopIfServing(server)) {
            LOG.info("The meeting on this computer ended; its built-in server no longer listens");
        }
    }

    /** Off the FX thread; on a thread of its own once the launcher is closed (the app is exiting). */
    void runInBackground(Runnable task) {
        try {
            background.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            Thread.ofPlatform().daemon().name("confab-session-close").start(task);
        }
    }

    /** Stops the built-in server; the app is exiting. */
    @Override
    public void close() {
        background.shutdown();
        localServer.close();
    }
}
