package dev.confab.ui.meeting;

import dev.confab.media.ComputerSoundCapture;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.media.VideoFrameListener;
import dev.confab.meeting.Attendee;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.Roster;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.share.AnnotationModel;
import dev.confab.meeting.share.ScreenShareController;
import dev.confab.privacy.Permission;
import dev.confab.privacy.PermissionCheck;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import dev.confab.ui.share.ShareStage;
import dev.confab.ui.share.ShareViewModel;
import dev.confab.ui.share.SharePicker;
import dev.confab.ui.share.SharingBanner;
import javafx.application.Platform;
import javafx.stage.Window;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Screen sharing in the meeting screen: the Share button opens the {@link SharePicker} (a fresh choice every
 * time), the sharer gets the red {@link SharingBanner} and the always-on-top Stop window, and whoever shares
 * (the latest share, when several people do) takes the middle of the screen in a {@link ShareStage} above a
 * filmstrip of the video tiles; when the last share ends the grid returns.
 *
 * <p>{@link #connect} the meeting's {@link MeetingCall} before the session joins (the server reports running shares
 * right after the join): the call creates the {@link ScreenShareController} and routes the session's share events
 * and SCREEN frames to it; {@link #attach} the screen once it exists. Add the binding to the session's listeners
 * too, for the host's share policy. Controller events arrive on the session's threads; everything on screen happens
 * on the FX thread. SCREEN frames are decoded by the controller, so a {@code MeetingVideo} in the same client
 * should {@code setScreenIgnored(true)}.
 */
public final class ShareBinding implements MeetingListener, ScreenShareController.Events, AutoCloseable {

    private final ScreenCaptureFactory screens;
    private final BooleanSupplier shareAllowed;
    private final ComputerSoundCapture.Source computerSound;
    private final PermissionCheck permissions;
    private final java.nio.file.Path savedPictures;
    private final dev.confab.storage.SealedFiles savedPictureFiles;
    // Set once by connect(), before the session sends anything
    private volatile MeetingCall call;
    private volatile MeetingSession session;
    private volatile ScreenShareController controller;
    private boolean computerSoundChosen; // FX thread: the last picker choice, for the banner
    private dev.confab.media.CaptureDevice screenChosen; // FX thread: the last picker choice, for the hider
    private final dev.confab.ui.share.OwnWindowHider ownWindow = new dev.confab.ui.share.OwnWindowHider();
    /** Gets every shared picture and is told which share is on stage; the recording takes it from there. */
    private volatile RecordingPictureSwitch recordingPictures = new RecordingPictureSwitch();
    /** Read on decoder threads; written on the FX thread. */
    private final Map<Integer, ShareStage> stages = new ConcurrentHashMap<>();
    // FX thread only
    /** Who shares, who is on stage, whether this user shares; the nodes below follow it. */
    private final ShareViewModel model = new ShareViewModel();
    private final List<Consumer<MeetingScreen>> beforeScreen = new ArrayList<>();
    private MeetingScreen screen;
    private UiText text;
    private SharingBanner banner;
    private boolean closed;
    private final AtomicBoolean closing = new AtomicBoolean();

    /**
     * @param sharing      what can be shared, the admin policy {@code screenShareAllowed} (checked on every click
     *                     of Share), and where "Share computer sound" takes the sound from
     * @param permissions  asked for {@link Permission#SCREEN} before the picker opens (the first time, a dialog)
     * @param savedPictures where a share's Save writes its picture (Confab's annotations folder), with
     *                      {@code savedPictureFiles} (encrypted at rest where a keychain holds the key)
     */
    public ShareBinding(MeetingLauncher.Sharing sharing, PermissionCheck permissions,
                        java.nio.file.Path savedPictures, dev.confab.storage.SealedFiles savedPictureFiles) {
        this.savedPictures = Objects.requireNonNull(savedPictures);
        this.savedPictureFiles = Objects.requireNonNull(savedPictureFiles);
        this.screens = Objects.requireNonNull(sharing.screens());
        this.shareAllowed = Objects.requireNonNull(sharing.allowed());
        this.computerSound = Objects.requireNonNull(sharing.computerSound());
        this.permissions = Objects.requireNonNull(permissions);
    }

    /**
     * The meeting's call, already connected to its session; starts its screen sharing with this binding as the
     * controller's events. Call once, before the session creates or joins a meeting.
     */
    public void connect(MeetingCall meetingCall) {
        if (session != null) {
            throw new IllegalStateException("already connected");
        }
        call = meetingCall;
        session = Objects.requireNonNull(meetingCall.session());
        controller = meetingCall.startScreenShare(screens, this::showPicture, this);
    }

    /**
     * Offers shared pictures (others' decoded, and this user's own captured screen) to the local recording's
     * switch and keeps it told which share is on the main stage. Call before {@link #connect}.
     */
    public void recordInto(RecordingPictureSwitch pictures) {
        recordingPictures = Objects.requireNonNull(pictures);
    }

    /** Wires the meeting screen: Share button, and whatever happened before it existed. FX thread. */
    public void attach(MeetingScreen meetingScreen, UiText uiText) {
        this.screen = meetingScreen;
        this.text = uiText;
        meetingScreen.model().shareAvailableProperty().set(true);
        meetingScreen.shareButton().disableProperty().bind(model.sharingOwnScreenProperty());
        meetingScreen.shareButton().setOnAction(e -> openPicker());
        beforeScreen.forEach(action -> action.accept(meetingScreen));
        beforeScreen.clear();
    }

    public ScreenShareController controller() {
        return controller;
    }

    /** The stage of the share shown in the middle, or null. FX thread. */
    public ShareStage shownStage() {
        int sharer = model.onStageProperty().get();
        return sharer == ShareViewModel.NOBODY ? null : stages.get(sharer);
    }

    /** Whose share is shown in the middle (the latest), or {@link RecordingPictureSwitch#NOBODY}. FX thread. */
    private int shownSharer() {
        int sharer = model.onStageProperty().get();
        return sharer == ShareViewModel.NOBODY ? RecordingPictureSwitch.NOBODY : sharer;
    }

    public ShareViewModel model() {
        return model;
    }

    public SharingBanner banner() {
        return banner;
    }

    // ---- the user -------------------------------------------------------------------------------------

    private void openPicker() {
        if (!shareAllowed.getAsBoolean()) {
            screen.notice(UiMessage.of("share.error.policyDisabled"), "sharePolicyDisabled");
            return;
        }
        // The picker reads the screens' limits; on Wayland that waits for the portal check, never on this thread.
        permissions.whenAnswered(Permission.SCREEN, Platform::runLater, () -> screens.ready().thenRun(() ->
                Platform.runLater(() -> {
                    if (!closed) {
                        showPicker();
                    }
                })), () -> screen.notice(UiMessage.of("share.permissionDenied"), "sharePermissionDenied"));
    }

    /** The screen capture permission is granted: the user picks what to share, every time. FX thread. */
    private void showPicker() {
        Window owner = screen.view().getScene() == null ? null : screen.view().getScene().getWindow();
        SharePicker.showDialog(owner, text, screens, computerSound.availability(), choice -> {
            computerSoundChosen = choice.computerSound();
            screenChosen = choice.screen();
            controller.start(choice.screen(), choice.allowViewerAnnotation(),
                    choice.computerSound() ? call.computerSound(computerSound::open) : null);
        }).setOnWhiteboard(controller::startWhiteboard);
    }

    // ---- controller events (session thread) → FX ------------------------------------------------------

    @Override
    public void shareStarted(int sharerId, boolean self, AnnotationModel annotations, boolean viewersMayAnnotate,
                             boolean whiteboard) {
        onScreen(s -> {
            String name = sharerName(sharerId, self);
            ShareStage stage = new ShareStage(text, session.roster().selfId(), name, annotations,
                    a -> session.annotate(sharerId, a));
            stage.setSaveFolder(savedPictures, savedPictureFiles);
            if (whiteboard) {
                stage.showWhiteboard(name, self);
            }
            stages.put(sharerId, stage);
            model.shareStarted(sharerId, name, self, viewersMayAnnotate);
            stage.setAnnotationAllowed(model.sharer(sharerId).orElseThrow().annotationAllowed());
            if (self) {
                // The sharer sees what is shared, with everyone's annotations on it.
                controller.setLocalPreview(whiteboard ? null : ownPictures(sharerId, stage));
                banner = new SharingBanner(text, controller::stop, viewersMayAnnotate, session::setViewerAnnotation);
                banner.showComputerSound(computerSoundChosen);
                s.setBanner(banner);
                if (whiteboard) {
                    banner.showsWhiteboard(); // nothing of the screen leaves: no always-on-top Stop window needed
                } else {
                    banner.showFloatingStop();
                    if (screenChosen != null) {
                        ownWindow.hideFor(screenChosen, s.view().getScene() == null ? null : s.view().getScene().getWindow());
                    }
                }
            }
            s.showShareInCenter(stage);
            recordingPictures.showShare(shownSharer());
        });
    }

    @Override
    public void computerSoundFailed(String detail) {
        onScreen(s -> {
            computerSoundChosen = false;
            if (banner != null) {
                banner.showComputerSound(false);
            }
            s.notice(UiMessage.of("share.computerSound.failed"), "computerSoundFailed");
        });
    }

    @Override
    public void annotationPermissionChanged(int sharerId, boolean viewersMayAnnotate) {
        onScreen(s -> {
            model.annotationPermissionChanged(sharerId, viewersMayAnnotate);
            ShareStage stage = stages.get(sharerId);
            if (stage != null && sharerId != session.roster().selfId()) {
                stage.setAnnotationAllowed(viewersMayAnnotate);
            }
        });
    }

    @Override
    public void shareEnded(int sharerId, boolean self, boolean stoppedByHost) {
        onScreen(s -> {
            stages.remove(sharerId);
            model.shareEnded(sharerId, self);
            if (self) {
                controller.setLocalPreview(null);
                ownWindow.restore();
                removeBanner(s);
                if (stoppedByHost) {
                    s.notice(UiMessage.of("share.error.stoppedByHost"), "shareStoppedByHost");
                }
            }
            ShareStage next = shownStage();
            if (next == null) {
                s.showGridInCenter();
            } else {
                s.showShareInCenter(next);
            }
            recordingPictures.showShare(shownSharer());
        });
    }

    @Override
    public void shareFailed(Refusal refusal, String detail) {
        // A refusal by the server is already shown by the meeting screen's request-failed notice; only a
        // capture that could not start is this binding's to explain.
        if (refusal == Refusal.UNKNOWN) {
            onScreen(s -> s.notice(UiMessage.of("share.error.captureFailed"), "shareCaptureFailed"));
        }
    }

    @Override
    public void shareCancelled() {
        onScreen(s -> s.notice(UiMessage.of("share.cancelled"), "shareCancelled"));
    }

    @Override
    public void shareCaptureEnded(String reason) {
        onScreen(s -> s.notice(UiMessage.of("share.error.captureEnded"), "shareCaptureEnded"));
    }

    private void removeBanner(MeetingScreen s) {
        if (banner != null) {
            banner.hideFloatingStop();
            banner = null;
        }
        s.setBanner(null);
    }

    /** Decoder thread. */
    private void showPicture(int sharerId, int width, int height, int stride, ByteBuffer bgra, long captureTimeMicros) {
        ShareStage stage = stages.get(sharerId);
        if (stage != null) {
            stage.onFrame(width, height, stride, bgra.duplicate(), captureTimeMicros);
        }
        recordingPictures.onSharePicture(sharerId, width, height, stride, bgra, captureTimeMicros);
    }

    /** This user's captured screen: shown on their own stage and offered to the recording. Capture thread. */
    private VideoFrameListener ownPictures(int sharerId, ShareStage stage) {
        return (width, height, stride, bgra, captureTimeMicros) -> {
            stage.onFrame(width, height, stride, bgra.duplicate(), captureTimeMicros);
            recordingPictures.onSharePicture(sharerId, width, height, stride, bgra, captureTimeMicros);
        };
    }

    private String sharerName(int sharerId, boolean self) {
        Roster roster = session.roster();
        String name = roster.find(sharerId).map(Attendee::displayName).orElse("?");
        return self ? text.get("meeting.you", name) : name;
    }

    /** Runs on the FX thread once the meeting screen exists. */
    private void onScreen(Consumer<MeetingScreen> action) {
        Platform.runLater(() -> {
            if (closed) {
                return;
            }
            if (screen == null) {
                beforeScreen.add(action);
            } else {
                action.accept(screen);
            }
        });
    }

    // ---- MeetingListener: the host's share policy (the call routes everything else to the controller) ------

    @Override
    public void onSharePolicy(boolean allowMultipleSharers) {
        onScreen(s -> {
            model.showPolicy(allowMultipleSharers);
            s.showSharePolicy(allowMultipleSharers);
        });
    }

    /**
     * Stops any capture and the decoders, and closes the Stop window. Blocks briefly for the capture to
     * close: call off the FX thread.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            Platform.runLater(() -> {
                closed = true;
                stages.clear();
                ownWindow.restore(); // left the meeting while sharing a screen that hid it
                if (banner != null) {
                    banner.hideFloatingStop();
                    banner = null;
                }
            });
        } catch (IllegalStateException toolkitGone) {
            // The app is exiting: its windows, the Stop window included, are gone already.
        }
        if (call != null) {
            call.stopShare();
        }
    }
}
