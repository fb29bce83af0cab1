package dev.confab.media.effects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.media.MediaException;
import dev.confab.testing.UnitTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bundled model, run by ONNX Runtime, finds people as a person tracing them by hand would. */
@UnitTest
class OnnxPersonSegmenterTest {
    private static PersonSegmenter segmenter;

    @BeforeAll
    static void open() throws MediaException {
        segmenter = PersonSegmenters.open();
    }

    @AfterAll
    static void close() {
        segmenter.close();
    }

    static List<Portrait> portraits() {
        return Portrait.withPeople();
    }

    @Test
    void runsAtTheLandscapeModelsSize() {
        assertThat(segmenter.inputWidth()).isEqualTo(256);
        assertThat(segmenter.inputHeight()).isEqualTo(144);
    }

    @ParameterizedTest
    @MethodSource("portraits")
    void findsThePersonAsTracedByHand(Portrait portrait) {
        double iou = portrait.intersectionOverUnion(segment(portrait.picture()), segmenter.inputWidth(), segmenter.inputHeight());

        assertThat(iou).as("mask IoU against the hand-traced outline of %s", portrait).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void findsNobodyInFrontOfABrickWall() {
        assertThat(Portrait.personShare(segment(Portrait.brickWall()))).isLessThan(0.02);
    }

    @Test
    void findsNobodyInFrontOfAPlainWall() {
        assertThat(Portrait.personShare(segment(plainWall()))).isLessThan(0.02);
    }

    @Test
    void eachPictureGetsItsOwnMaskThoughTheBuffersAreReused() {
        List<Portrait> portraits = portraits();
        float[] first = segment(portraits.get(0).picture());
        segment(portraits.get(1).picture());

        assertThat(segment(portraits.get(0).picture())).containsExactly(first);
    }

    @Test
    void masksAreProbabilities() {
        for (float probability : segment(portraits().get(1).picture())) {
            assertThat(probability).isBetween(0f, 1f);
        }
    }

    @Test
    void aPictureOfTheWrongSizeIsRefusedWithTheSizeItNeeds() {
        assertThatThrownBy(() -> segmenter.segment(new byte[3 * 640 * 360], new float[640 * 360]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256x144");
    }

    @Test
    void aModelThatCannotLoadTurnsBackgroundEffectsOffWithAReason() {
        assertThatThrownBy(() -> PersonSegmenters.open(() -> new byte[] {1, 2, 3}))
                .isInstanceOf(MediaException.class)
                .hasMessageStartingWith("Background effects are not available on this computer");
        assertThatThrownBy(() -> PersonSegmenters.open(() -> {
            throw new IOException("selfie_segmentation_landscape.onnx is missing from this build");
        })).isInstanceOf(MediaException.class).hasMessageContaining("missing from this build");
    }

    @Test
    void aClosedSegmenterRefusesPicturesAndClosesOnlyOnce() throws MediaException {
        PersonSegmenter another = PersonSegmenters.open();
        another.close();
        another.close();

        assertThatThrownBy(() -> another.segment(new byte[3 * 256 * 144], new float[256 * 144]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void theModelsLicenseShipsWithIt() {
        assertThat(SelfieSegmentationModel.licenseText())
                .contains("@mediapipe/selfie_segmentation", "Apache License", "Version 2.0", "converted");
    }

    private static float[] segment(BufferedImage picture) {
        float[] mask = new float[segmenter.inputWidth() * segmenter.inputHeight()];
        segmenter.segment(Portrait.rgb(picture, segmenter.inputWidth(), segmenter.inputHeight()), mask);
        return mask;
    }

    /** A painted wall lit from one side, with a camera's grain. */
    private static BufferedImage plainWall() {
        BufferedImage wall = new BufferedImage(Portrait.WIDTH, Portrait.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Random grain = new Random(7);
        for (int y = 0; y < Portrait.HEIGHT; y++) {
            for (int x = 0; x < Portrait.WIDTH; x++) {
                double light = 0.75 + 0.25 * x / Portrait.WIDTH;
                int noise = grain.nextInt(7) - 3;
                int red = (int) (214 * light) + noise;
                int green = (int) (200 * light) + noise;
                int blue = (int) (176 * light) + noise;
                wall.setRGB(x, y, red << 16 | green << 8 | blue);
            }
        }
        return wall;
    }
}
