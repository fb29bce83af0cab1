package dev.confab.media.effects;

import dev.confab.media.CaptureFactory;
import dev.confab.media.MediaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The background effect of this computer's camera, one for the whole app (lobby preview and meeting alike):
 * which effect is chosen, the person segmenter (opened once, on its own thread, the first time an effect is
 * wanted) and the effect's figures. {@link #wrap} puts the effect between the camera and everyone who receives
 * its frames, so the preview, the encoder and the recording all get the same processed picture, and nothing
 * else leaves the computer.
 *
 * <p>While the segmenter is still opening, a chosen effect treats the whole picture as background (blurred or
 * replaced): the room is never shown by accident. When it cannot open, effects are unavailable: the choice
 * falls back to Off and {@link #onUnavailable} listeners are told once.
 */
public final class CameraEffects implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraEffects.class);

    public enum Availability { NOT_TRIED, OPENING, AVAILABLE, UNAVAILABLE }

    /** The picture the user chose cannot be used (missing, damaged, not a picture, too large). */
    public static final class PictureUnusable extends MediaException {
        PictureUnusable(MediaException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** This computer cannot run background effects (the segmenter did not open). */
    public static final class Unavailable extends MediaException {
        Unavailable(String reason) {
            super(reason);
        }
    }

    private final SegmenterSource source;
    private final EffectStats stats = new EffectStats();
    private final List<Consumer<String>> unavailableListeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile Effect effect; // null: off
    private volatile EffectChoice choice = EffectChoice.OFF;
    private volatile PersonSegmenter segmenter;
    private volatile Availability availability = Availability.NOT_TRIED;
    private volatile String unavailableReason;
    private CompletableFuture<Boolean> opening; // guarded by lock
    private boolean closed; // guarded by lock

    public CameraEffects(SegmenterSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Applies {@code wanted} to the camera from its next frame. Loads a picture (call it off the FX thread) and
     * starts opening the segmenter if that has not happened yet.
     *
     * @throws PictureUnusable when the picture cannot be used; the effect is then Off
     * @throws Unavailable     when effects cannot run on this computer; the effect is then Off
     */
    public void choose(EffectChoice wanted) throws MediaException {
        Objects.requireNonNull(wanted, "wanted");
        if (wanted.off()) {
            set(EffectChoice.OFF, null);
            return;
        }
        if (availability == Availability.UNAVAILABLE) {
            set(EffectChoice.OFF, null);
            throw new Unavailable(unavailableReason);
        }
        Effect next;
        try {
            next = resolve(wanted);
        } catch (MediaException e) {
            set(EffectChoice.OFF, null);
            throw new PictureUnusable(e);
        }
        set(wanted, next);
        prepare();
    }

    private static Effect resolve(EffectChoice choice) throws MediaException {
        return switch (choice.kind()) {
            case BLUR_LIGHT -> Effect.Blur.LIGHT;
            case BLUR_STRONG -> Effect.Blur.STRONG;
            case BACKGROUND_1, BACKGROUND_2, BACKGROUND_3 ->
                    new Effect.Replace(BundledBackgrounds.get(choice.kind().bundledNumber()));
            case PICTURE -> new Effect.Replace(BackgroundPicture.load(choice.picture()));
            case OFF -> throw new IllegalArgumentException("off has no effect");
        };
    }

    private void set(EffectChoice newChoice, Effect newEffect) {
        synchronized (lock) {
            choice = newChoice;
            effect = newEffect;
        }
    }

    /**
     * Opens the segmenter on its own thread unless that was done already; completes with whether effects are
     * available. Never blocks the caller.
     */
    public CompletableFuture<Boolean> prepare() {
        synchronized (lock) {
            if (opening == null && !closed) {
                availability = Availability.OPENING;
                opening = CompletableFuture.supplyAsync(this::open,
                        command -> Thread.ofPlatform().daemon().name("confab-effects-open").start(command));
            }
            return opening == null ? CompletableFuture.completedFuture(false) : opening;
        }
    }

    private boolean open() {
        try {
            PersonSegmenter opened = source.open();
            synchronized (lock) {
                if (closed) {
                    opened.close();
                    return false;
                }
                segmenter = opened;
                availability = Availability.AVAILABLE;
            }
            LOG.info("Person segmenter open ({}x{})", opened.inputWidth(), opened.inputHeight());
            return true;
        } catch (Exception | LinkageError e) {
            LOG.warn("Background effects are not available: {}", e.toString());
            becomeUnavailable(e.getMessage() == null ? e.toString() : e.getMessage());
            return false;
        }
    }

    /** Turns the effect off for good and tells the listeners (the segmenter failed to open or to run). */
    void becomeUnavailable(String reason) {
        boolean wasOn;
        synchronized (lock) {
            unavailableReason = reason;
            availability = Availability.UNAVAILABLE;
            wasOn = effect != null;
            choice = EffectChoice.OFF;
            effect = null;
        }
        for (Consumer<String> listener : unavailableListeners) {
            listener.accept(wasOn ? reason : null);
        }
    }

    /**
     * {@code listener} (any thread) is told when effects turn out to be unavailable; its argument is the reason
     * when an effect was on and has been turned off, null when none was on.
     */
    public void onUnavailable(Consumer<String> listener) {
        unavailableListeners.add(listener);
    }

    public void removeUnavailableListener(Consumer<String> listener) {
        unavailableListeners.remove(listener);
    }

    public Availability availability() {
        return availability;
    }

    public EffectChoice choice() {
        return choice;
    }

    /** The effect to apply now, or null for none (camera thread). */
    Effect effect() {
        return effect;
    }

    /** The open segmenter, or null while it opens or when unavailable (camera thread). */
    PersonSegmenter segmenter() {
        return segmenter;
    }

    public EffectStats stats() {
        return stats;
    }

    /** {@code cameras} with this effect on every camera it opens (microphones pass through). */
    public CaptureFactory wrap(CaptureFactory cameras) {
        return new EffectCaptureFactory(cameras, this);
    }

    @Override
    public void close() {
        PersonSegmenter open;
        synchronized (lock) {
            closed = true;
            effect = null;
            open = segmenter;
            segmenter = null;
        }
        if (open != null) {
            synchronized (open) { // after a frame that is using it
                open.close();
            }
        }
    }
}
