package dev.confab.media;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class OwnWindowMaskTest {
    private static final int WIDTH = 500;
    private static final int HEIGHT = 250;
    /** A second monitor right of the first, shared at half its size. */
    private static final Rectangle SECOND_MONITOR = new Rectangle(1000, 0, 1000, 500);

    @Test
    void confabsWindowOnTheSharedMonitorIsCoveredAtThePicturesScale() {
        AtomicReference<ByteBuffer> delivered = new AtomicReference<>();
        var mask = new OwnWindowMask(SECOND_MONITOR,
                () -> List.of(new Rectangle(1100, 100, 200, 100), new Rectangle(0, 0, 900, 500)),
                (w, h, stride, bgra, time) -> delivered.set(bgra));
        mask.onFrame(WIDTH, HEIGHT, WIDTH * 4, white(), 1_000_000);

        ByteBuffer picture = delivered.get();
        assertThat(covered(picture, 50, 50)).isTrue();
        assertThat(covered(picture, 149, 99)).isTrue();
        assertThat(covered(picture, 150, 100)).as("just outside").isFalse();
        assertThat(covered(picture, 49, 75)).isFalse();
        assertThat(covered(picture, 0, 0)).as("a window on the other monitor is not in this picture").isFalse();
    }

    @Test
    void theWindowsPlacesAreAskedAtMostFourTimesASecondNotForEveryPicture() {
        AtomicInteger asked = new AtomicInteger();
        var mask = new OwnWindowMask(SECOND_MONITOR, () -> {
            asked.incrementAndGet();
            return List.of();
        }, (w, h, stride, bgra, time) -> { });
        for (long time = 0; time < 1_000_000; time += 1_000_000 / 30) { // one second at 30 fps
            mask.onFrame(WIDTH, HEIGHT, WIDTH * 4, white(), 5_000_000 + time);
        }
        assertThat(asked.get()).isEqualTo(4);
    }

    private static ByteBuffer white() {
        ByteBuffer picture = ByteBuffer.allocateDirect(WIDTH * HEIGHT * 4);
        while (picture.hasRemaining()) {
            picture.put((byte) 0xFF);
        }
        return picture.flip();
    }

    private static boolean covered(ByteBuffer picture, int x, int y) {
        int at = y * WIDTH * 4 + x * 4;
        return picture.get(at) == OwnWindowMask.COVER[0] && picture.get(at + 2) == OwnWindowMask.COVER[2];
    }
}
