package dev.confab.ui.meeting;

import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.meeting.ChatFailure;
import dev.confab.meeting.ChatMessage;
import dev.confab.meeting.ChatModel;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.Roster;
import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.audio.AudioOutput;
import dev.confab.meeting.audio.AudioOutputs;
import dev.confab.media.AudioFrameListener;
import dev.confab.media.VideoFrameListener;
import dev.confab.meeting.audio.TappedAudioOutput;
import dev.confab.meeting.audio.NullAudioOutput;
import dev.confab.meeting.video.MeetingVideo;
import dev.confab.meeting.video.StreamStats;
import dev.confab.meeting.video.VideoQualityPolicy;
import dev.confab.privacy.Permission;
import dev.confab.privacy.PermissionGate;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.Participant;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.storage.ChatHistoryStore;
import dev.confab.ui.Icons;
import dev.confab.ui.UiMessage;
import dev.confab.ui.UiText;
import dev.confab.ui.chat.ChatPanel;
import dev.confab.ui.chat.LinkOpener;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.geometry.Pos;
import javafx.util.Duration;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Connects one meeting's {@link MeetingSession} to its {@link MeetingScreen}: camera and microphone from the
 * lobby's choices (asked for through the {@link PermissionGate} first), remote video into the tiles, sound out on
 * the chosen speaker, speaking highlights, the tiles' level meters, stats overlays and the chat tab. Without a usable
 * microphone the participant listens only and is shown muted ({@link MeetingControls#showListenOnly}). Created with the session (so it hears every event),
 * {@link #start started} once the screen exists, {@link #close closed} when the meeting ends.
 *
 * <p>Threads: the session's listener methods only hand off; devices are opened and closed on this binding's own
 * media thread, never on the FX thread; everything touching the screen runs on the FX thread.
 */
public final class MeetingMediaBinding implements MeetingListener, RecordingSources, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeetingMediaBinding.class);
    private static final Duration TICK = Duration.millis(250);
    private static final int TICKS_PER_STATS = 4;
    /** Own voice counts as speaking above this RMS level, like the receivers' voice activity detection. */
    private static final double OWN_SPEAKING_DBFS = -45;
    private static final Duration TOAST_TIME = Duration.seconds(6);

    /** What the binding needs besides the session: devices, the permission gate, links and the chat transcript. */
    public record Devices(CaptureFactory captures, CaptureDevice camera, boolean cameraOn, CaptureDevice microphone,
                          boolean micOn, String outputDevice) {
    }

    private volatile MeetingSession session;
    private final Devices devices;
    private final PermissionGate permissions;
    private final ChatModel chat = new ChatModel();
    private final ExecutorService mediaThread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("confab-meeting-media").factory());
    private volatile MeetingVideo video;
    private volatile AudioCall audio;
    private volatile boolean closed;

    // FX thread only
    private MeetingScreen screen;
    private UiText uiText;
    private ChatPanel chatPanel;
    private Timeline ticker;
    private int ticks;
    private int promotedSpeaker = -1;
    /** Which pictures the local recording takes: a share on stage, else the speaker chosen in {@link #tick}. */
    private final RecordingPictureSwitch recordingPictures = new RecordingPictureSwitch();
    private volatile TappedAudioOutput tappedOutput;
    private final Set<Integer> attached = new HashSet<>();
    private ChangeListener<Boolean> cameraListener;
    private ChangeListener<Boolean> muteListener;

    public MeetingMediaBinding(Devices devices, PermissionGate permissions) {
        this(devices, permissions, ChatRules.ALL);
    }

    public MeetingMediaBinding(Devices devices, PermissionGate permissions, ChatRules chatRules) {
        this.devices = devices;
        this.permissions = permissions;
        this.chatRules = chatRules;
    }

    /** The administrator's chat switches (policy keys chatAllowed, privateChatAllowed). */
    public record ChatRules(boolean chatAllowed, boolean privateChatAllowed) {
        public static final ChatRules ALL = new ChatRules(true, true);
    }

    private final ChatRules chatRules;

    /** Called once, right after the session was created with this binding among its listeners. */
    public void setSession(MeetingSession session) {
        this.session = session;
    }

    /** The chat as received so far (kept from the moment the session was created). */
    /** The chat so far as plain text ("[10:15] Ada: hello"), for saving beside a recording. */
    public String chatTranscript() {
        var time = java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneId.systemDefault());
        StringBuilder text = new StringBuilder();
        for (ChatModel.Entry entry : chat.entries()) {
            if (entry instanceof ChatModel.Message m) {
                text.append('[').append(time.format(m.at())).append("] ").append(m.message().fromName())
                        .append(m.message().direct() ? " (private)" : "").append(": ")
                        .append(m.message().text()).append(System.lineSeparator());
            }
        }
        return text.toString();
    }

    public ChatModel chat() {
        return chat;
    }

    public MeetingVideo video() {
        return video;
    }

    public AudioCall audio() {
        return audio;
    }

    // ---- start (FX thread) ----------------------------------------------------------------------------------

    /**
     * Adds the chat tab and button, asks for camera and microphone where needed, then opens the media off the
     * FX thread. FX thread.
     */
    public void start(MeetingScreen screen, UiText text, LinkOpener links, ChatHistoryStore.Transcript transcript) {
        this.screen = screen;
        this.uiText = text;
        if (chatRules.chatAllowed()) {
            addChat(screen, text, links, transcript);
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
            MeetingVideo v = new MeetingVideo(session, devices.captures(), devices.camera(), new VideoQualityPolicy());
            v.setScreenIgnored(true); // ShareBinding alone decodes shared screens
            AudioCall a = openAudio(micAllowed, startMuted);
            if (closed) {
                v.close();
                if (a != null) {
                    a.close();
                }
                return;
            }
            video = v;
            audio = a;
            if (a != null) {
                v.receiver().followAudio(a.receiver()::playoutCaptureMicros); // lip sync
            }
            if (v.sender() != null && selfView != null) {
                v.sender().setLocalPreview(teeForStage(SELF, selfView));
            }
            Platform.runLater(this::bindScreen);
            if (cameraWanted) {
                switchCamera(true);
            }
        });
    }

    /** Media thread. Falls back to listening only when the microphone cannot be opened. */
    private AudioCall openAudio(boolean micAllowed, boolean startMuted) {
        AudioCall.Source source = micAllowed
                ? AudioCall.Source.microphone(devices.captures(), devices.microphone()) : new AudioCall.Source.None();
        try {
            return AudioCall.start(session, source, openOutput(true), AudioCall.Processing.ECHO_AND_NOISE, startMuted);
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
                return AudioCall.start(session, new AudioCall.Source.None(), openOutput(false), AudioCall.Processing.NONE,
                        true);
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
            AudioCall a = audio;
            if (a != null) {
                a.sender().setMuted(now);
            }
        };
        screen.mutedProperty().addListener(muteListener);
        AudioCall a = audio;
        if (a != null) {
            a.sender().setMuted(screen.mutedProperty().get());
            a.receiver().addActiveSpeakerListener(speaker -> speaker.ifPresent(id -> Platform.runLater(() -> {
                if (!closed) {
                    promote(id, chat.roster());
                }
            })));
        }
        attachTiles(chat.roster());
        ticker = new Timeline(new KeyFrame(TICK, e -> tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    /** Media thread: opening a camera blocks for a while. */
    private void switchCamera(boolean on) {
        MeetingVideo v = video;
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

    // ---- chat (FX thread) ------------------------------------------------------------------------------------

    private void addChat(MeetingScreen screen, UiText text, LinkOpener links, ChatHistoryStore.Transcript transcript) {
        chatPanel = new ChatPanel(text, chat, (to, message) -> {
            if (to.isEmpty()) {
                session.sendChat(message);
            } else {
                session.sendChatTo(to, message);
            }
        }, links, transcript);
        Tab tab = new Tab();
        tab.setId("chatTab");
        tab.setClosable(false);
        tab.textProperty().bind(text.bind("meeting.chat"));
        tab.setContent(chatPanel);
        screen.sidePanel().getTabs().add(tab);
        if (!chatRules.privateChatAllowed()) {
            // Everyone is the first choice; the administrator turned private messages off.
            javafx.scene.Node recipient = chatPanel.lookup("#chatRecipient");
            if (recipient != null) {
                recipient.setDisable(true);
            }
        }
        chatPanel.shownProperty().bind(tab.selectedProperty().and(screen.panelShownProperty()));

        ToggleButton button = new ToggleButton(null, Icons.of(MaterialDesignC.CHAT_OUTLINE));
        button.setId("chatButton");
        button.setContentDisplay(ContentDisplay.TOP);
        button.getStyleClass().add("control-button");
        button.textProperty().bind(text.bind("meeting.chat"));
        button.setSelected(chatPanel.shownProperty().get());
        chatPanel.shownProperty().addListener((obs, was, now) -> button.setSelected(now));
        button.setOnAction(e -> {
            if (button.isSelected()) {
                screen.panelShownProperty().set(true);
                screen.sidePanel().getSelectionModel().select(tab);
                chatPanel.focusInput();
            } else {
                screen.panelShownProperty().set(false);
            }
        });
        Label badge = new Label();
        badge.setId("chatUnread");
        badge.getStyleClass().add("unread-badge");
        badge.setStyle("-fx-background-color: -color-danger-emphasis; -fx-text-fill: white; -fx-background-radius: 9;"
                + " -fx-padding: 0 5 0 5; -fx-font-size: 0.85em;");
        badge.textProperty().bind(chatPanel.unreadCount().asString());
        badge.visibleProperty().bind(chatPanel.unreadCount().greaterThan(0));
        badge.setMouseTransparent(true);
        StackPane withBadge = new StackPane(button, badge);
        StackPane.setAlignment(badge, Pos.TOP_RIGHT);
        HBox bar = (HBox) screen.view().lookup("#meetingControls");
        int people = bar.getChildren().indexOf(bar.lookup("#participantsButton"));
        bar.getChildren().add(people + 1, withBadge);
        chatPanel.setOnToast(this::toast);
    }

    private void toast(String line) {
        if (closed) {
            return;
        }
        Node notice = screen.showNotice(UiMessage.of("meeting.notice.chatToast", line), "chatToast");
        PauseTransition fade = new PauseTransition(TOAST_TIME);
        fade.setOnFinished(e -> screen.removeNotice(notice));
        fade.play();
    }

    // ---- once a tick (FX thread) -----------------------------------------------------------------------------

    private void tick() {
        if (closed) {
            return;
        }
        MeetingVideo v = video;
        AudioCall a = audio;
        Roster roster = chat.roster();
        boolean statsDue = ticks++ % TICKS_PER_STATS == 0;
        for (ParticipantTile tile : screen.grid().tiles()) {
            int id = tile.participantId();
            // Highlights only: promoting a tile in speaker view is left to the active speaker below, so
            // talking oneself or two people at once never makes the big tile flicker.
            if (tile.isSelf()) {
                tile.setSpeaking(a != null && !a.muted() && a.sender().level().latest().rmsDbfs() > OWN_SPEAKING_DBFS);
                tile.setLevelSource(a == null ? null : a.sender().inputLevel());
                continue;
            }
            if (a != null) {
                tile.setSpeaking(a.receiver().isSpeaking(id));
                // Looked up every tick: a participant's level exists only from their first sound on.
                tile.setLevelSource(a.receiver().level(id));
            }
            if (statsDue && v != null) {
                tile.setQuality(v.receiver().quality(id));
                StreamStats stats = v.receiver().stats(id, StreamKind.CAMERA);
                tile.setStats(stats == null ? "" : format(stats));
            }
        }
        if (a != null) {
            a.receiver().activeSpeaker().ifPresent(id -> promote(id, roster));
        }
        recordingPictures.showSpeaker(stageFor(roster, a));
    }

    private static final int SELF = 0; // participant ids start at 1

    private int stageFor(Roster roster, AudioCall a) {
        if (a != null && a.receiver().activeSpeaker().isPresent()) {
            int speaker = a.receiver().activeSpeaker().getAsInt();
            return speaker == roster.selfId() ? SELF : speaker;
        }
        return roster.participants().stream().filter(p -> p.id() != roster.selfId() && p.cameraOn())
                .mapToInt(Participant::id).findFirst().orElse(SELF);
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

    /** The grid makes the latest speaker passed to setSpeaking the big tile in speaker view. FX thread. */
    private void promote(int speakerId, Roster roster) {
        if (speakerId != roster.selfId() && speakerId != promotedSpeaker) {
            promotedSpeaker = speakerId;
            screen.setSpeaking(speakerId, true);
        }
    }

    private String format(StreamStats s) {
        return uiText.get("meeting.stats.line", s.width(), s.height(),
                String.format(Locale.ROOT, "%.0f", s.fps()), String.format(Locale.ROOT, "%.0f", s.kbps()),
                millis(s.latencyP50Millis()), millis(s.latencyP95Millis()), s.framesDropped() + s.framesLost());
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.0f", value);
    }

    // ---- roster → tiles (FX thread) --------------------------------------------------------------------------

    private void attachTiles(Roster roster) {
        MeetingVideo v = video;
        if (closed || v == null || screen == null) {
            return;
        }
        Set<Integer> present = new HashSet<>();
        for (Participant p : roster.participants()) {
            if (p.id() == roster.selfId()) {
                continue;
            }
            present.add(p.id());
            if (attached.add(p.id())) {
                var view = screen.videoViewFor(p.id());
                if (view != null) {
                    v.receiver().attach(p.id(), StreamKind.CAMERA, teeForStage(p.id(), view));
                } else {
                    attached.remove(p.id());
                }
            }
        }
        attached.removeIf(id -> !present.contains(id));
    }

    // ---- MeetingListener (session threads: hand off) ---------------------------------------------------------

    @Override
    public void onMedia(MediaFrame frame) {
        MeetingVideo v = video;
        AudioCall a = audio;
        if (frame.header().stream() == StreamKind.AUDIO) {
            if (a != null) {
                a.receiver().onMedia(frame);
            }
        } else if (v != null) {
            v.onMedia(frame);
        }
    }

    @Override
    public void onKeyframeRequested(StreamKind stream, int requestedBy) {
        MeetingVideo v = video;
        if (v != null) {
            v.onKeyframeRequested(stream);
        }
    }

    @Override
    public void onRateHint(ServerMessage.RateHint hint) {
        MeetingVideo v = video;
        if (v != null) {
            v.onRateHint(hint);
        }
    }

    @Override
    public void onRosterChanged(Roster roster) {
        chat.onRosterChanged(roster);
        MeetingVideo v = video;
        if (v != null) {
            v.onRosterChanged(roster);
        }
        // After the Attempt's own runLater (registered first), so the tiles exist when they are attached.
        Platform.runLater(() -> attachTiles(roster));
    }

    @Override
    public void onParticipantJoined(Participant participant) {
        chat.onParticipantJoined(participant);
    }

    @Override
    public void onParticipantLeft(Roster.Departed departed) {
        chat.onParticipantLeft(departed);
        int id = departed.participant().id();
        MeetingVideo v = video;
        if (v != null) {
            v.onParticipantLeft(id);
        }
        AudioCall a = audio;
        if (a != null) {
            a.receiver().removeParticipant(id);
        }
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
            MeetingVideo v = video;
            AudioCall a = audio;
            video = null;
            audio = null;
            if (v != null) {
                v.close();
            }
            if (a != null) {
                a.close();
            }
        });
        mediaThread.shutdown();
    }

    private void releaseScreen() {
        if (ticker != null) {
            ticker.stop();
        }
        if (chatPanel != null) {
            chatPanel.dispose();
        }
        if (screen != null) {
            if (cameraListener != null) {
                screen.cameraOnProperty().removeListener(cameraListener);
            }
            if (muteListener != null) {
                screen.mutedProperty().removeListener(muteListener);
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
