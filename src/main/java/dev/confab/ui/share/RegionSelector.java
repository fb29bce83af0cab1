package dev.confab.ui.share;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * A screen's picture on which the user drags a rectangle: the part of the screen to share. The selection is
 * given as fractions (0..1) of the picture's width and height, null until something was dragged.
 */
public final class RegionSelector extends Pane {
    private final ImageView picture = new ImageView();
    private final Rectangle marquee = new Rectangle();
    private final ReadOnlyObjectWrapper<Rectangle2D> selection = new ReadOnlyObjectWrapper<>(this, "selection");
    private double startX;
    private double startY;

    public RegionSelector(double width, double height) {
        setId("regionSelector");
        picture.setFitWidth(width);
        picture.setFitHeight(height);
        picture.setPreserveRatio(true);
        marquee.setFill(Color.color(0.1, 0.5, 1, 0.2));
        marquee.setStroke(Color.web("#1E88E5"));
        marquee.setStrokeWidth(2);
        marquee.setVisible(false);
        marquee.setMouseTransparent(true);
        getChildren().addAll(picture, marquee);
        setPrefSize(width, height);
        setMaxSize(width, height);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            startX = clampX(e.getX());
            startY = clampY(e.getY());
            marquee.setVisible(true);
            update(startX, startY);
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> update(clampX(e.getX()), clampY(e.getY())));
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            update(clampX(e.getX()), clampY(e.getY()));
            double w = picture.getBoundsInParent().getWidth();
            double h = picture.getBoundsInParent().getHeight();
            if (marquee.getWidth() < 4 || marquee.getHeight() < 4 || w <= 0 || h <= 0) {
                marquee.setVisible(false);
                selection.set(null);
            } else {
                selection.set(new Rectangle2D(marquee.getX() / w, marquee.getY() / h, marquee.getWidth() / w,
                        marquee.getHeight() / h));
            }
        });
    }

    public ObjectProperty<Image> imageProperty() {
        return picture.imageProperty();
    }

    /** The chosen part as fractions of the screen (minX, minY, width, height), or null. */
    public ReadOnlyObjectProperty<Rectangle2D> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public void reset() {
        marquee.setVisible(false);
        selection.set(null);
    }

    private void update(double x, double y) {
        marquee.setX(Math.min(startX, x));
        marquee.setY(Math.min(startY, y));
        marquee.setWidth(Math.abs(x - startX));
        marquee.setHeight(Math.abs(y - startY));
    }

    private double clampX(double x) {
        return Math.max(0, Math.min(picture.getBoundsInParent().getWidth(), x));
    }

    private double clampY(double y) {
        return Math.max(0, Math.min(picture.getBoundsInParent().getHeight(), y));
    }
}
