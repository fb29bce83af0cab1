package dev.confab.ui.share;

import dev.confab.meeting.ShareAnnotation;
import dev.confab.meeting.share.AnnotationModel;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A transparent canvas over the shared picture that draws the {@link AnnotationModel} and lets the user add
 * shapes with the mouse. Everything is kept in shared coordinates (0..1 of the shared frame), so a shape
 * lands on the same content at any zoom and on every participant's screen. Finished shapes are applied to
 * the model and handed to {@code publish} (which sends them to the meeting).
 */
public final class AnnotationOverlay extends Region {
    /** Smallest movement (in shared units) that adds a point to a stroke: keeps strokes under the point limit. */
    private static final double MIN_STEP = 0.002;

    private final Canvas canvas = new Canvas();
    private final int selfId;
    private final Consumer<ShareAnnotation> publish;
    private final ObjectProperty<ShareAnnotation.Tool> tool = new SimpleObjectProperty<>(ShareAnnotation.Tool.PEN);
    private final ObjectProperty<Color> color = new SimpleObjectProperty<>(Color.web("#E53935"));
    private final StringProperty pendingText = new SimpleStringProperty("");
    private final BooleanProperty drawingAllowed = new SimpleBooleanProperty(true);
    private final BooleanProperty board = new SimpleBooleanProperty(false);
    private AnnotationModel model;
    private final Runnable redrawLater = () -> Platform.runLater(this::redraw);
    private int frameWidth = 16;
    private int frameHeight = 9;
    private final List<Double> current = new ArrayList<>();
    private int nextId;

    public AnnotationOverlay(int selfId, Consumer<ShareAnnotation> publish) {
        this.selfId = selfId;
        this.publish = publish;
        getStyleClass().add("annotation-overlay");
        getChildren().add(canvas);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        mouseTransparentProperty().bind(drawingAllowed.not());
        board.addListener((obs, was, now) -> redraw());
    }

    /** The drawings to show (and add to); null for none. FX thread. */
    public void setModel(AnnotationModel next) {
        if (model != null) {
            model.removeListener(redrawLater);
        }
        model = next;
        if (model != null) {
            model.addListener(redrawLater);
        }
        redraw();
    }

    public AnnotationModel model() {
        return model;
    }

    /** The shared frame's size, so shapes align with the picture shown under this overlay. FX thread. */
    public void setFrameSize(int width, int height) {
        if (width > 0 && height > 0 && (width != frameWidth || height != frameHeight)) {
            frameWidth = width;
            frameHeight = height;
            requestLayout();
        }
    }

    public ObjectProperty<ShareAnnotation.Tool> toolProperty() {
        return tool;
    }

    public ObjectProperty<Color> colorProperty() {
        return color;
    }

    /** The words the TEXT tool places at the next click. */
    public StringProperty pendingTextProperty() {
        return pendingText;
    }

    public BooleanProperty drawingAllowedProperty() {
        return drawingAllowed;
    }

    /** Whether this overlay is a whiteboard: it paints its picture area white under the shapes. */
    public BooleanProperty boardProperty() {
        return board;
    }

    /** Sharer of a whiteboard: shows page {@code page} (one past the last adds a page) for everyone. */
    public void turnPage(int page) {
        if (model != null && page >= 0 && page < ShareAnnotation.MAX_PAGES) {
            commit(ShareAnnotation.page(page));
        }
    }

    /** Where the picture is shown inside this overlay (centred, aspect kept), in local coordinates. */
    public Rectangle2D pictureArea() {
        double scale = Math.min(getWidth() / frameWidth, getHeight() / frameHeight);
        double w = frameWidth * scale;
        double h = frameHeight * scale;
        return new Rectangle2D((getWidth() - w) / 2, (getHeight() - h) / 2, w, h);
    }

    /** Undoes this user's latest shape. */
    public void undoOwn() {
        String last = model == null ? null : model.lastShapeOf(selfId);
        if (last != null) {
            commit(ShareAnnotation.undo(last));
        }
    }

    /** Clears: everything when this user is the sharer, otherwise this user's own shapes. */
    public void clear() {
        if (model != null) {
            commit(ShareAnnotation.clear());
        }
    }

    private void pressed(MouseEvent e) {
        if (model == null || !inside(e)) {
            return;
        }
        current.clear();
        addPoint(e, true);
        if (tool.get() == ShareAnnotation.Tool.TEXT) {
            String words = pendingText.get() == null ? "" : pendingText.get().strip();
            if (!words.isEmpty()) {
                commit(ShareAnnotation.text(newId(), hex(color.get()), lineWidth(), current.get(0), current.get(1), words));
            }
            current.clear();
        }
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (current.isEmpty()) {
            return;
        }
        if (tool.get() == ShareAnnotation.Tool.ARROW) {
            while (current.size() > 2) {
                current.removeLast();
            }
            addPoint(e, true);
        } else if (current.size() < ShareAnnotation.MAX_POINTS) {
            addPoint(e, false);
        }
        redraw();
        AnnotationPainter.paintPoints(canvas.getGraphicsContext2D(), tool.get(), color.get(), lineWidth(), current,
                pictureArea());
        e.consume();
    }

    private void released(MouseEvent e) {
        if (current.isEmpty()) {
            return;
        }
        if (tool.get() == ShareAnnotation.Tool.ARROW && current.size() == 2) {
            addPoint(e, true);
        }
        if (tool.get() == ShareAnnotation.Tool.ARROW && current.size() != 4) {
            current.clear();
            redraw();
            return;
        }
        if (current.size() == 2) {
            current.add(current.get(0));
            current.add(current.get(1)); // a click draws a dot
        }
        commit(ShareAnnotation.stroke(newId(), tool.get(), hex(color.get()), lineWidth(), List.copyOf(current)));
        current.clear();
        e.consume();
    }

    private void commit(ShareAnnotation annotation) {
        model.apply(selfId, annotation);
        publish.accept(annotation);
    }

    private boolean inside(MouseEvent e) {
        return pictureArea().contains(e.getX(), e.getY());
    }

    private void addPoint(MouseEvent e, boolean always) {
        Rectangle2D area = pictureArea();
        double x = clamp((e.getX() - area.getMinX()) / area.getWidth());
        double y = clamp((e.getY() - area.getMinY()) / area.getHeight());
        if (!always && !current.isEmpty()) {
            double dx = x - current.get(current.size() - 2);
            double dy = y - current.get(current.size() - 1);
            if (Math.hypot(dx, dy) < MIN_STEP) {
                return;
            }
        }
        current.add(x);
        current.add(y);
    }

    private double lineWidth() {
        return tool.get() == ShareAnnotation.Tool.HIGHLIGHTER ? 0.015 : 0.003;
    }

    private String newId() {
        return selfId + "-" + (++nextId);
    }

    /** Redraws every shape (on a white board when this is a whiteboard). FX thread. */
    void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        Rectangle2D area = pictureArea();
        if (board.get()) {
            g.setFill(Color.WHITE);
            g.fillRect(area.getMinX(), area.getMinY(), area.getWidth(), area.getHeight());
        }
        if (model != null) {
            AnnotationPainter.paint(g, model.shapes(), area);
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static String hex(Color c) {
        return String.format("#%02X%02X%02X", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }
}
