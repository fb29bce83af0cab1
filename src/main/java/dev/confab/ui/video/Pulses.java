package dev.confab.ui.video;

import javafx.animation.AnimationTimer;
import javafx.scene.Node;

/** Work done once per JavaFX pulse (display rate) for as long as a node is in a scene, and not otherwise. */
public final class Pulses {
    private Pulses() {
    }

    /** Runs {@code onPulse} on the FX thread every pulse while {@code node} is in a scene. */
    public static void whileInScene(Node node, Runnable onPulse) {
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                onPulse.run();
            }
        };
        node.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                timer.start();
            } else {
                timer.stop();
            }
        });
        if (node.getScene() != null) {
            timer.start();
        }
    }
}
