package dev.confab.media.effects;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class EffectProcessorTest {
    private static final int W = 1280;
    private static final int H = 720;
    private static final long FRAME_MICROS = 33_333;

    private final SyntheticPerson picture = new SyntheticPerson(W, H);
    private final ByteBuffer camera = picture.direct();
    private final EffectStats stats = new EffectStats();
    private final EffectProcessor processor = new EffectProcessor(stats);
    private long clock = 1_000_000;

    private byte[] run(Effect effect, PersonSegmenter segmenter, int frames) {
        ByteBuffer out = null;
        for (int i = 0; i < frames; i++) {
            clock += FRAME_MICROS;
            out = processor.process(effect, segmenter, W, H, W * 4, camera, clock);
        }
        byte[] result = new byte[W * H * 4];
        out.get(0, result);
        return result;
    }

    private double backgroundSharpness(byte[] bgra) {
        return SyntheticPerson.laplacianVariance(bgra, W, H, (x, y) -> picture.deepBackground(x, y, 24));
    }

    private double personSharpness(byte[] bgra) {
        return SyntheticPerson.laplacianVariance(bgra, W, H, (x, y) -> picture.deepPerson(x, y, 24));
    }

    @Test
    void blurTakesTheSharpnessOutOfTheBackgroundAndLeavesThePersonSharp() {
        double backgroundBefore = backgroundSharpness(picture.bgra);
        double personBefore = personSharpness(picture.bgra);

        byte[] light = run(Effect.Blur.LIGHT, EllipseSegmenter.standard(), 6);
        byte[] strong = run(Effect.Blur.STRONG, EllipseSegmenter.standard(), 6);

        assertThat(backgroundSharpness(light)).isLessThan(backgroundBefore * 0.02);
        assertThat(backgroundSharpness(strong)).isLessThan(backgroundBefore * 0.02);
        assertThat(personSharpness(light)).isGreaterThan(personBefore * 0.95);
        assertThat(personSharpness(strong)).isGreaterThan(personBefore * 0.95);
        // The person's pixels are the camera's own.
        int centre = (H / 2 * W + W / 2) * 4;
        assertThat(strong[centre + 2]).isEqualTo(picture.bgra[centre + 2]);
    }

    @Test
    void aStrongBlurSmoothsCoarseDetailThatALightOneOnlySoftens() {
        // Background stripes 24 pixels wide: a light blur leaves them visible, a strong one all but removes them.
        ByteBuffer stripes = ByteBuffer.allocateDirect(W * H * 4).put(0, picture.bgra);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (!picture.isPerson(x, y)) {
                    stripes.put((y * W + x) * 4 + 1, (byte) ((x / 24) % 2 == 0 ? 220 : 40));
                }
            }
        }
        double original = spreadOfBackground(copy(stripes));
        byte[] light = null;
        byte[] strong = null;
        for (int i = 0; i < 6; i++) {
            clock += FRAME_MICROS;
            light = copy(processor.process(Effect.Blur.LIGHT, EllipseSegmenter.standard(), W, H, W * 4, stripes, clock));
        }
        for (int i = 0; i < 6; i++) {
            clock += FRAME_MICROS;
            strong = copy(processor.process(Effect.Blur.STRONG, EllipseSegmenter.standard(), W, H, W * 4, stripes, clock));
        }
        assertThat(spreadOfBackground(light)).isLessThan(original * 0.8).isGreaterThan(original * 0.2);
        assertThat(spreadOfBackground(strong)).isLessThan(spreadOfBackground(light) * 0.5);
    }

    private static byte[] copy(ByteBuffer buffer) {
        byte[] bytes = new byte[W * H * 4];
        buffer.get(0, bytes);
        return bytes;
    }

    /** Standard deviation of the background's green: what is left of its pattern after the blur. */
    private double spreadOfBackground(byte[] bgra) {
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (int y = 0; y < H; y += 3) {
            for (int x = 0; x < W; x += 3) {
                if (picture.deepBackground(x, y, 80)) {
                    double g = bgra[(y * W + x) * 4 + 1] & 0xFF;
                    sum += g;
                    squares += g * g;
                    n++;
                }
            }
        }
        double mean = sum / n;
        return Math.sqrt(squares / n - mean * mean);
    }

    @Test
    void aReplacedBackgroundShowsThePictureAndThePersonStays() {
        int[] solid = new int[64 * 36];
        java.util.Arrays.fill(solid, 0x1E90FF); // dodger blue
        Effect replace = new Effect.Replace(new BackgroundPicture(64, 36, solid));

        byte[] out = run(replace, EllipseSegmenter.standard(), 4);

        int backgroundPixels = 0;
        int personPixels = 0;
        for (int y = 0; y < H; y += 7) {
            for (int x = 0; x < W; x += 7) {
                int i = (y * W + x) * 4;
                if (picture.deepBackground(x, y, 24)) {
                    assertThat(new int[] {out[i + 2] & 0xFF, out[i + 1] & 0xFF, out[i] & 0xFF})
                            .as("background at %d,%d", x, y).containsExactly(0x1E, 0x90, 0xFF);
                    backgroundPixels++;
                } else if (picture.deepPerson(x, y, 24)) {
                    assertThat(out[i + 2]).as("person at %d,%d", x, y).isEqualTo(picture.bgra[i + 2]);
                    personPixels++;
                }
            }
        }
        assertThat(backgroundPixels).isGreaterThan(5000);
        assertThat(personPixels).isGreaterThan(1000);
    }

    @Test
    void theEdgeIsFeatheredNotCut() {
        int[] black = new int[16 * 9];
        byte[] out = run(new Effect.Replace(new BackgroundPicture(16, 9, black)), EllipseSegmenter.standard(), 6);
        // Along the middle row, from the person's centre outwards: the person's red (230 or 30 by the texture)
        // fades into black over several pixels instead of stopping at one.
        int y = (int) (0.55 * H);
        int between = 0;
        for (int x = W / 2; x < W; x++) {
            int i = (y * W + x) * 4;
            int red = out[i + 2] & 0xFF;
            int original = picture.bgra[i + 2] & 0xFF;
            if (original > 0 && red > original * 0.1 && red < original * 0.9) {
                between++;
            }
        }
        assertThat(between).as("pixels partly person, partly background").isBetween(6, 60);
    }

    @Test
    void aOneFrameMistakeOfTheModelDoesNotFlipThePerson() {
        EllipseSegmenter model = EllipseSegmenter.standard();
        int[] black = new int[16 * 9];
        Effect replace = new Effect.Replace(new BackgroundPicture(16, 9, black));
        run(replace, model, 6);
        int i = ((int) (0.55 * H) * W + W / 2 + 1) * 4; // the centre of the person, a bright texture pixel
        int original = picture.bgra[i + 2] & 0xFF;
        assertThat(original).isEqualTo(230);

        model.glitchNext();
        byte[] glitched = run(replace, model, 1);
        byte[] after = run(replace, model, 3);

        int red = glitched[i + 2] & 0xFF;
        assertThat(red).as("dimmed a little at most, not replaced by the black background")
                .isGreaterThan((int) (original * 0.5)).isLessThan(original);
        assertThat(after[i + 2] & 0xFF).as("back to the person").isGreaterThan((int) (original * 0.9));
    }

    @Test
    void beforeTheModelIsOpenTheWholePictureIsBackground() {
        double personBefore = personSharpness(picture.bgra);
        byte[] out = run(Effect.Blur.STRONG, null, 8);
        assertThat(personSharpness(out)).as("the room, and the person, are blurred").isLessThan(personBefore * 0.1);
    }

    @Test
    void aSlowModelRunsOnFewerFramesAndEveryFrameStillComesOut() {
        EllipseSegmenter slow = new EllipseSegmenter(0.5, 0.55, 0.2, 0.4, 40);
        for (int frame = 0; frame < 15; frame++) {
            clock += FRAME_MICROS;
            ByteBuffer out = processor.process(Effect.Blur.LIGHT, slow, W, H, W * 4, camera, clock);
            assertThat(out.remaining()).isEqualTo(W * H * 4);
        }
        EffectStats.Snapshot figures = stats.snapshot();
        assertThat(figures.frames()).isEqualTo(15);
        assertThat(processor.modelInterval()).isGreaterThanOrEqualTo(2);
        assertThat(figures.modelRuns()).isLessThanOrEqualTo(9);
        assertThat(figures.modelP50Millis()).isGreaterThanOrEqualTo(39);
    }

    @Test
    void aPaddedCameraRowIsReadByItsStride() {
        int stride = W * 4 + 64;
        ByteBuffer padded = ByteBuffer.allocateDirect(stride * H);
        for (int y = 0; y < H; y++) {
            padded.put(y * stride, picture.bgra, y * W * 4, W * 4);
        }
        ByteBuffer out = processor.process(Effect.Blur.LIGHT, EllipseSegmenter.standard(), W, H, stride, padded, clock);
        int i = (H / 2 * W + W / 2) * 4;
        assertThat(out.get(i + 2)).isEqualTo(picture.bgra[i + 2]);
    }
}
