package dev.confab.ui.meeting;

import dev.confab.media.AudioFrameListener;
import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.VideoFrameListener;
import dev.confab.meeting.Attendee;
import dev.confab.meeting.ChatFailure;
import dev.confab.meeting.ChatMessage;
import dev.confab.meeting.ChatModel;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.Roster;
import dev.confab.meeting.ShownCamera;
import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.files.FileFailure;
import dev.confab.meeting.files.FileSendStatus;
import dev.confab.meeting.files.ReceivedFile;
import dev.confab.meeting.audio.AudioOutput;
import dev.confab.meeting.audio.AudioOutputs;
import dev.confab.meeting.audio.NullAudioOutput;
import dev.confab.meeting.audio.TappedAudioOutput;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.video.MeetingVideo;
import dev.confab.meeting.video.VideoQualityPolicy;
import dev.confab.privacy.Permission;
import dev.confab.privacy.PermissionGate;
import dev.confab.storage.ChatHistoryStore;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import dev.confab.ui.chat.ChatFiles;
import dev.confab.ui.chat.LinkOpener;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Binds one meeting's {@link MeetingCall} to its {@link MeetingScreen}: starts the call's camera and microphone from
 * the lobby's choices (asked for through the {@link PermissionGate} first) and sound out on the chosen speaker,
 * attaches the tiles' video views to the call's decoders, follows the camera and mute buttons, and adds the chat tab
 * ({@link ChatTab}); a {@link TileUpdater} copies speaking, levels and stats into the tiles; and it tells the call
 * which cameras the screen shows ({@link MeetingViewModel#shownCamerasProperty()}, plus the camera a local
 * recording takes), so the meeting receives only those. The call routes all media; this binding never sees a frame.
 * Without a usable microphone the participant listens only and is shown muted
 * ({@link MeetingControls#showListenOnly}). Created with the session (so it hears every event),
 * {@link #start started} once the screen exists, {@link #close closed} when the meeting ends.
 *
 * <p>Threads: the session's listener methods only hand off; devices are opened and closed on this binding's own
 * media thread, never on the FX thread; everything touching the screen runs on the FX thread.
 */
public final class MeetingMediaBinding implements MeetingListener, RecordingSources, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeetingMediaBinding.class);

    /**
     * What the binding needs besides the session: devices, the permission gate, links and the chat transcript.
     * {@code noiseSuppression}: the user's switch as the meeting starts ({@link #setNoiseSuppression} changes it).
     */
    public record Devices(CaptureFactory captures, CaptureDevice camera, boolean cameraOn, CaptureDevice microphone,
                          boolean micOn, String outputDevice, boolean noiseSuppression) {
        public Devices(CaptureFactory captures, CaptureDevice camera, boolean cameraOn, CaptureDevice microphone,
                       boolean micOn, String outputDevice) {
            this(captures, camera, cameraOn, microphone, micOn, outputDevice, true);
        }
    }

    private volatile boolean noiseSuppression;

    private volatile MeetingSession session;
    private volatile MeetingCall call;
    private final Devices devices;
    private final PermissionGate permissions;
    private final ChatModel chat = new ChatModel();
    private final ChatFiles files = new ChatFiles(Platform::runLater);
    private java.nio.file.Path receivedFiles;
    private final ExecutorService mediaThread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("confab-meeting-media").factory());
    private volatile boolean closed;

    // FX thread only
    private MeetingScreen screen;
    /** The cameras the server pauses for this connection ({@code cameras_paused}); FX thread. */
    private Set<Integer> pausedCameras = Set.of();
    private UiText uiText;
    private ChatTab chatTab;
    private Timeline ticker;
    private TileUpdater tiles;
    /** Which pictures the local recording takes: a share on stage, else the speaker chosen in {@link #tick}. */
    private final RecordingPictureSwitch recordingPictures = new RecordingPictureSwitch();
    private volatile TappedAudioOutput tappedOutput;
    private final Set<Integer> attached = new HashSet<>();
    private ChangeListener<Boolean> cameraListener;
    private ChangeListener<Boolean> muteListener;
    private ChangeListener<List<ShownCamera>> shownListener;
    private int recordedCamera = RecordingPictureSwitch.NOBODY;

    public MeetingMediaBinding(Devices devices, PermissionGate permissions) {
        this(devices, permissions, ChatRules.ALL);
    }

    public MeetingMediaBinding(Devices devices, PermissionGate permissions, ChatRules chatRules) {
        this.devices = devices;
        this.noiseSuppression = devices.noiseSuppression();
        this.permissions = permissions;
        this.chatRules = chatRules;
    }

    /** The administrator's chat switches (policy keys chatAllowed, privateChatAllowed). */
    public record ChatRules(boolean chatAllowed, boolean privateChatAllowed) {
        public static final ChatRules ALL = new ChatRules(true, true);
    }

    private final ChatRules chatRules;

    /** Called once, right after the session was created with this binding and {@code call} among its listeners. */
    public void setCall(MeetingCall meetingCall) {
        this.call = meetingCall;
        this.session = meetingCall.session();
    }

    /** The chat so far as plain text ("[10:15] Ada: hello"), for saving beside a recording. */
    public String chatTranscript() {
        return chat.transcript(java.time.ZoneId.systemDefault());
    }

    /** The chat as received so far (kept from the moment the session was created). */
    public ChatModel chat() {
        return chat;
    }

    // ---- start (FX thread) ----------------------------------------------------------------------------------

    /**
     * Adds the chat tab and button, asks for camera and microphone where needed, then opens the media off the
     * FX thread. FX thread.
     */
    public void start(MeetingScreen screen, UiText text, LinkOpener links, ChatHistoryStore.Transcript transcript) {
        this.screen = screen;
        this.uiText = text;
        shownListener = (obs, was, now) -> showCameras();
        screen.model().shownCamerasProperty().addListener(shownListener);
        showCameras();
        if (chatRules.chatAllowed()) {
            chatTab = ChatTab.install(screen, text, chat, session, chatRules.privateChatAllowed(), links, transcript);
            if (session.fileLimitNow() > 0 && receivedFiles != null) {
                chatTab.enableFiles(files, new SessionFileSending(session, text, screen.view(), receivedFiles));
            }
        }
        CompletableFuture<Boolean> micAllowed = allowed(devices.microphone(), Permission.MICROPHONE);
        CompletableFuture<Boolean> cameraAllowed = devices.cameraOn()
                ? allowed(devices.camera(), Permission.CAMERA) : CompletableFuture.completedFuture(false);
        micAllowed.thenCombine(cameraAllowed, (mic, camera) -> {
            Platform.runLater(() -> openMedia(mic, camera));
            return null;
        });
    }

    private CompletableFuture<Boolean> allowed(CaptureDevice device, Permission permission) {
        if (device == null) {
            return CompletableFuture.completedFuture(false);
        }
        return permissions.ask(permission).toCompletableFuture().exceptionally(e -> false);
    }

    private void openMedia(boolean micAllowed, boolean cameraAllowed) {
        if (closed) {
            return;
        }
        if (!micAllowed) {
            if (devices.microphone() != null) {
                screen.showNotice(UiMessage.of("meeting.notice.micDenied"), "micDenied");
            }
            screen.showListenOnly(); // no microphone at all, or not allowed
        }
        if (devices.cameraOn() && !cameraAllowed) {
            screen.showNotice(UiMessage.of("meeting.notice.cameraDenied"), "cameraDenied");
            screen.cameraOnProperty().set(false);
        }
        boolean startMuted = screen.mutedProperty().get();
        boolean cameraWanted = screen.cameraOnProperty().get();
        var selfView = screen.selfView();
        runOnMediaThread(() -> {
            // The call routes received media to these and makes the pictures follow the sound (lip sync).
            MeetingVideo v = call.startVideo(devices.captures(), devices.camera(), new VideoQualityPolicy());
            v.setScreenIgnored(true); // the share's controller alone decodes shared screens
            openAudio(micAllowed, startMuted);
            if (closed) {
                call.stopVideo();
                call.stopAudio();
                return;
            }
            if (v.sender() != null && selfView != null) {
                v.sender().setLocalPreview(teeForStage(TileUpdater.SELF, selfView));
            }
            Platform.runLater(this::bindScreen);
            if (cameraWanted) {
                switchCamera(true);
            }
        });
    }

    /** The user's noise suppression switch, applied to the running microphone at once. Any thread. */
    public void setNoiseSuppression(boolean on) {
        noiseSuppression = on;
        runOnMediaThread(() -> {
            MeetingCall current = call;
            AudioCall audio = current == null ? null : current.audio();
            if (audio != null) {
                audio.setNoiseSuppression(noiseSuppression);
            }
        });
    }

    /** True while noise suppression cleans the microphone (false before the sound starts, or without echo processing). */
    public boolean noiseSuppressing() {
        MeetingCall current = call;
        AudioCall audio = current == null ? null : current.audio();
        return audio != null && audio.noiseSuppressing();
    }

    /** Media thread. Falls back to listening only when the microphone cannot be opened. */
    private AudioCall openAudio(boolean micAllowed, boolean startMuted) {
        AudioCall.Source source = micAllowed
                ? AudioCall.Source.microphone(devices.captures(), devices.microphone()) : new AudioCall.Source.None();
        try {
            return call.startAudio(source, openOutput(true), noiseSuppression
                    ? AudioCall.Processing.ECHO_AND_NOISE : AudioCall.Processing.ECHO, startMuted);
        } catch (MediaException e) {
            LOG.warn("Microphone could not be opened; listening only", e);
            notice("meeting.notice.micFailed", String.valueOf(e.getMessage()));
            Platform.runLater(() -> {
                if (!closed) {
                    screen.showListenOnly();
                }
            });
            try {
                // The failed start closed its output: a new one, tapped again for a local recording.
                return call.startAudio(new AudioCall.Source.None(), openOutput(false), AudioCall.Processing.NONE, true);
            } catch (MediaException again) {
                LOG.error("Audio could not start at all", again);
                return null;
            }
        }
    }

    /**
     * Media thread: the chosen speaker, else the system default, else nothing ({@link AudioOutputs#openOrDiscard}),
     * tapped for local recording. The user hears which when it is not their choice.
     */
    private TappedAudioOutput openOutput(boolean sayIfMissing) {
        String chosen = devices.outputDevice();
        AudioOutput device = AudioOutputs.openOrDiscard(chosen);
        boolean notTheChosenOne = chosen != null && !chosen.equals(device.description());
        if (sayIfMissing && notTheChosenOne) { // e.g. unplugged since the lobby
            notice(device instanceof NullAudioOutput ? "meeting.notice.speakerMissing" : "meeting.notice.speakerFallback",
                    chosen);
        } else if (sayIfMissing && device instanceof NullAudioOutput) {
            notice("meeting.notice.noSpeaker");
        }
        TappedAudioOutput output = new TappedAudioOutput(device);
        tappedOutput = output;
        return output;
    }

    /** FX thread, once the pipelines exist. */
    private void bindScreen() {
        if (closed) {
            return;
        }
        cameraListener = (obs, was, now) -> {
            if (now && devices.camera() == null) {
                screen.cameraOnProperty().set(false);
                return;
            }
            if (now) {
                permissions.ask(Permission.CAMERA).thenAccept(granted -> Platform.runLater(() -> {
                    if (granted) {
                        runOnMediaThread(() -> switchCamera(true));
                    } else {
                        screen.showNotice(UiMessage.of("meeting.notice.cameraDenied"), "cameraDenied");
                        screen.cameraOnProperty().set(false);
                    }
                }));
            } else {
                runOnMediaThread(() -> switchCamera(false));
            }
        };
        screen.cameraOnProperty().addListener(cameraListener);
        // The host's mute request and the mute button both flip the property: both reach the sender here.
        muteListener = (obs, was, now) -> {
            AudioCall a = call.audio();
            if (a != null) {
                a.sender().setMuted(now);
            }
        };
        screen.mutedProperty().addListener(muteListener);
        AudioCall a = call.audio();
        if (a != null) {
            a.sender().setMuted(screen.mutedProperty().get());
            a.receiver().addActiveSpeakerListener(speaker -> speaker.ifPresent(id -> Platform.runLater(() -> {
                if (!closed) {
                    tiles.promote(id, chat.roster());
                }
            })));
        }
        attachTiles(chat.roster());
        tiles = new TileUpdater(screen, uiText, call, recordingPictures);
        ticker = new Timeline(new KeyFrame(TileUpdater.TICK, e -> {
            if (!closed) {
                tiles.tick(chat.roster());
                if (recordingPictures.recordedCamera() != recordedCamera) {
                    showCameras(); // the recording moved to a speaker's camera no tile may show
                }
            }
        }));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    /** Media thread: opening a camera blocks for a while. */
    private void switchCamera(boolean on) {
        MeetingVideo v = call.video();
        if (closed || v == null || v.sender() == null) {
            return;
        }
        try {
            v.sender().setCameraOn(on);
        } catch (MediaException | RuntimeException e) {
            LOG.warn("Camera could not be {}", on ? "started" : "stopped", e);
            Platform.runLater(() -> {
                if (!closed) {
                    screen.showNotice(UiMessage.of("meeting.notice.cameraFailed", String.valueOf(e.getMessage())),
                            "cameraFailed");
                    screen.cameraOnProperty().set(false);
                }
            });
        }
    }

    /** Shows pictures in the tile and offers them to the recording, which keeps those of its current source. */
    private VideoFrameListener teeForStage(int participantId, VideoFrameListener tile) {
        return (width, height, stride, bgra, captureMicros) -> {
            tile.onFrame(width, height, stride, bgra.duplicate(), captureMicros);
            recordingPictures.onCameraPicture(participantId, width, height, stride, bgra, captureMicros);
        };
    }

    /**
     * The switch between the stage's camera and a shared screen for the local recording; the meeting's
     * {@link ShareBinding} offers shared pictures to it and tells it which share is on stage.
     */
    public RecordingPictureSwitch recordingPictures() {
        return recordingPictures;
    }

    /** The local recording: the main stage's pictures and the mix this participant hears. FX thread. */
    @Override
    public Feed attach(VideoFrameListener pictures, AudioFrameListener sound) {
        recordingPictures.feed(pictures);
        TappedAudioOutput output = tappedOutput;
        if (output != null) {
            output.setTap(sound);
        }
        return () -> {
            recordingPictures.feed(null);
            TappedAudioOutput current = tappedOutput;
            if (current != null) {
                current.setTap(null);
            }
        };
    }

    // ---- what the screen shows → the call (FX thread) --------------------------------------------------------

    /** The recording's frame size (media.RecordingVideoTrack): the recorded camera is wanted at least this big. */
    private static final int RECORDED_WIDTH = 1280;
    private static final int RECORDED_HEIGHT = 720;

    /**
     * Tells the call which cameras to receive: those the grid shows, and the one the local recording takes. Nothing
     * before the grid was laid out (until then every camera comes). Never blocks: the session sends it later.
     */
    private void showCameras() {
        List<ShownCamera> onScreen = screen.model().shownCamerasProperty().get();
        recordedCamera = recordingPictures.recordedCamera();
        if (closed || onScreen == null) {
            return;
        }
        List<ShownCamera> wanted = new ArrayList<>(onScreen);
        if (recordedCamera != RecordingPictureSwitch.NOBODY) {
            wanted.add(new ShownCamera(recordedCamera, RECORDED_WIDTH, RECORDED_HEIGHT));
        }
        call.showCameras(wanted);
    }

    // ---- roster → tiles (FX thread) --------------------------------------------------------------------------

    private void attachTiles(Roster roster) {
        if (closed || call.video() == null || screen == null) {
            return;
        }
        showPausedCameras();
        Set<Integer> present = new HashSet<>();
        for (Attendee p : roster.participants()) {
            if (p.id() == roster.selfId()) {
                continue;
            }
            present.add(p.id());
            if (attached.add(p.id())) {
                var view = screen.videoViewFor(p.id());
                if (view != null) {
                    call.attachCamera(p.id(), teeForStage(p.id(), view));
                } else {
                    attached.remove(p.id());
                }
            }
        }
        attached.removeIf(id -> !present.contains(id));
    }

    // ---- MeetingListener (session threads: hand off; the MeetingCall routes the media) ----------------------

    @Override
    public void onRosterChanged(Roster roster) {
        chat.onRosterChanged(roster);
        // After the Attempt's own runLater (registered first), so the tiles exist when they are attached.
        Platform.runLater(() -> attachTiles(roster));
    }

    @Override
    public void onParticipantJoined(Attendee participant) {
        chat.onParticipantJoined(participant);
    }

    @Override
    public void onCamerasPaused(Set<Integer> participantIds) {
        Platform.runLater(() -> {
            pausedCameras = participantIds;
            showPausedCameras();
        });
    }

    /** Marks the tiles whose camera the server pauses for this connection (again for tiles made since). FX thread. */
    private void showPausedCameras() {
        if (screen != null) {
            screen.grid().tiles().forEach(tile -> tile.setVideoPaused(pausedCameras.contains(tile.participantId())));
        }
    }

    @Override
    public void onParticipantLeft(Roster.Departed departed) {
        chat.onParticipantLeft(departed);
    }

    @Override
    public void onChat(ChatMessage message) {
        chat.onChat(message);
    }

    @Override
    public void onChatSent(ChatMessage message) {
        chat.onChatSent(message);
    }

    @Override
    public void onChatFailed(ChatFailure failure) {
        chat.onChatFailed(failure);
    }

    @Override
    public void onFileReceived(ReceivedFile file) {
        files.received(file);
    }

    @Override
    public void onFileSendProgress(FileSendStatus status) {
        files.progress(status);
    }

    @Override
    public void onFileFailed(FileFailure failure) {
        files.failed(failure);
    }

    /** Where Open keeps a copy of a received file (the Received files data category); set before {@link #start}. */
    public void receivedFilesFolder(java.nio.file.Path folder) {
        receivedFiles = folder;
    }

    // ---- end -------------------------------------------------------------------------------------------------

    /** Stops the ticker and the chat at once and releases camera, microphone and speaker off the FX thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Platform.isFxApplicationThread()) {
            releaseScreen();
        } else {
            Platform.runLater(this::releaseScreen);
        }
        runOnMediaThread(() -> {
            call.stopVideo();
            call.stopAudio();
        });
        mediaThread.shutdown();
    }

    private void releaseScreen() {
        if (ticker != null) {
            ticker.stop();
        }
        if (chatTab != null) {
            chatTab.dispose();
        }
        if (screen != null) {
            if (cameraListener != null) {
                screen.cameraOnProperty().removeListener(cameraListener);
            }
            if (muteListener != null) {
                screen.mutedProperty().removeListener(muteListener);
            }
            if (shownListener != null) {
                screen.model().shownCamerasProperty().removeListener(shownListener);
            }
        }
    }

    private void notice(String key, Object... args) {
        Platform.runLater(() -> {
            if (!closed && screen != null) {
                screen.showNotice(UiMessage.of(key, args), key.substring(key.lastIndexOf('.') + 1));
            }
        });
    }

    private void runOnMediaThread(Runnable task) {
        try {
            mediaThread.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Meeting media already closed");
        }
    }
}
