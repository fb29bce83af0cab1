package dev.confab.ui.screenshots;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class PixelComparisonTest {
    private final PixelComparison comparison = new PixelComparison(40);

    @Test
    void onlyPixelsOutsideTheToleranceCount() {
        BufferedImage expected = filled(0x808080);
        BufferedImage actual = filled(0x808080);
        actual.setRGB(1, 1, 0xFF000000 | (0x808080 + 40));         // blue channel 40 apart: within tolerance
        actual.setRGB(2, 2, 0xFF000000 | (0x808080 + (41 << 16))); // red channel 41 apart: changed

        PixelComparison.Result result = comparison.compare(expected, actual, List.of());

        assertThat(result.differing()).isEqualTo(1);
        assertThat(result.compared()).isEqualTo(100);
        assertThat(result.diff().getRGB(2, 2) & 0xFFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void maskedPixelsAreNotCompared() {
        BufferedImage actual = filled(0x000000);
        actual.setRGB(5, 5, 0xFFFFFF);

        PixelComparison.Result result = comparison.compare(filled(0x000000), actual, List.of(new Rectangle(4, 4, 3, 3)));

        assertThat(result.differing()).isZero();
        assertThat(result.compared()).isEqualTo(100 - 9);
    }

    @Test
    void picturesOfDifferentSizesAreNotCompared() {
        assertThatThrownBy(() -> comparison.compare(filled(0), new BufferedImage(10, 11, BufferedImage.TYPE_INT_ARGB), List.of()))
                .hasMessageContaining("sizes differ");
    }

    private static BufferedImage filled(int rgb) {
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                image.setRGB(x, y, 0xFF000000 | rgb);
            }
        }
        return image;
    }
}
