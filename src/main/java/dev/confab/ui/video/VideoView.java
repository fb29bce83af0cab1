package dev.confab.ui.video;

import dev.confab.media.VideoFrameListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shows a video stream (camera self-view, remote participant) that arrives on any thread.
 *
 * <p>The producer copies each frame into one of a few staging buffers and publishes it; a frame that is
 * still unshown when the next one arrives is dropped and its buffer reused, so a slow UI never builds a
 * backlog. Once per pulse the FX thread copies the newest frame into this view's single native BGRA buffer
 * wrapped by a {@link PixelBuffer}. Nothing is allocated per frame (only when the picture size changes).
 */
public final class VideoView extends Region implements VideoFrameListener {

    /** Producer-side copy of one frame. */
    private static final class Staging {
        ByteBuffer pixels = ByteBuffer.allocateDirect(0);
        int width;
        int height;

        void fill(int w, int h, int stride, ByteBuffer src) {
            int rowBytes = w * 4;
            int needed = rowBytes * h;
            if (pixels.capacity() < needed) {
                pixels = ByteBuffer.allocateDirect(needed);
            }
            pixels.clear();
            if (stride == rowBytes) {
                pixels.put(pixels.position(), src, 0, needed);
            } else {
                for (int y = 0; y < h; y++) {
                    pixels.put(y * rowBytes, src, y * stride, rowBytes);
                }
            }
            pixels.limit(needed);
            width = w;
            height = h;
        }
    }

    private final ImageView imageView = new ImageView();
    private final AtomicReference<Staging> ready = new AtomicReference<>();
    private final AtomicReference<Staging> recycled = new AtomicReference<>();
    private final AtomicBoolean clearRequested = new AtomicBoolean();
    private final AtomicLong framesShown = new AtomicLong();
    private final ReadOnlyBooleanWrapper showingPicture = new ReadOnlyBooleanWrapper(this, "showingPicture");
    private Staging producerSlot; // guarded by "this" (the producer side)

    private PixelBuffer<ByteBuffer> pixelBuffer;
    private ByteBuffer nativeBuffer;

    public VideoView() {
        getStyleClass().add("video-view");
        imageView.setPreserveRatio(true);
        imageView.setSmooth(true);
        getChildren().add(imageView);
        Pulses.whileInScene(this, this::presentLatest);
    }

    /** Mirrors the picture horizontally, as people expect of their own camera. */
    public void setMirrored(boolean mirrored) {
        imageView.setScaleX(mirrored ? -1 : 1);
    }

    public boolean isMirrored() {
        return imageView.getScaleX() < 0;
    }

    /** True while a picture is shown; false initially and after {@link #clear()}. FX thread. */
    public ReadOnlyBooleanProperty showingPictureProperty() {
        return showingPicture.getReadOnlyProperty();
    }

    public long framesShown() {
        return framesShown.get();
    }

    /** Removes the picture (e.g. camera switched off). Any thread. */
    public synchronized void clear() { // with onFrame: a frame being stored cannot undo the clear halfway
        clearRequested.set(true);
        recycle(ready.getAndSet(null));
    }

    @Override
    public synchronized void onFrame(int width, int height, int stride, ByteBuffer bgra, long captureTimeMicros) {
        if (width <= 0 || height <= 0 || stride < width * 4 || bgra.capacity() < (long) stride * (height - 1) + width * 4L) {
            return; // malformed frame from a broken source: skip it rather than crash the media thread
        }
        Staging slot = producerSlot != null ? producerSlot : takeRecycledOrNew();
        slot.fill(width, height, stride, bgra);
        clearRequested.set(false);
        producerSlot = ready.getAndSet(slot); // an unshown older frame is dropped; its buffer becomes ours
    }

    private Staging takeRecycledOrNew() {
        Staging s = recycled.getAndSet(null);
        return s != null ? s : new Staging();
    }

    private void recycle(Staging s) {
        if (s != null) {
            recycled.set(s);
        }
    }

    /** FX thread, once per pulse. */
    private void presentLatest() {
        if (clearRequested.getAndSet(false)) {
            imageView.setImage(null);
            showingPicture.set(false);
        }
        Staging frame = ready.getAndSet(null);
        if (frame == null) {
            return;
        }
        if (pixelBuffer == null || pixelBuffer.getWidth() != frame.width || pixelBuffer.getHeight() != frame.height) {
            nativeBuffer = ByteBuffer.allocateDirect(frame.width * frame.height * 4);
            pixelBuffer = new PixelBuffer<>(frame.width, frame.height, nativeBuffer, PixelFormat.getByteBgraPreInstance());
            imageView.setImage(new WritableImage(pixelBuffer));
            requestLayout();
        } else if (imageView.getImage() == null) {
            imageView.setImage(new WritableImage(pixelBuffer));
        }
        pixelBuffer.updateBuffer(pb -> {
            nativeBuffer.put(0, frame.pixels, 0, frame.width * frame.height * 4);
            return (Rectangle2D) null;
        });
        recycle(frame);
        framesShown.incrementAndGet();
        showingPicture.set(true);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        imageView.setFitWidth(w);
        imageView.setFitHeight(h);
        double iw = imageView.prefWidth(-1);
        double ih = imageView.prefHeight(-1);
        imageView.relocate(snappedLeftInset() + (w - iw) / 2, snappedTopInset() + (h - ih) / 2);
        imageView.resize(iw, ih);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 320;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 180;
    }
}
