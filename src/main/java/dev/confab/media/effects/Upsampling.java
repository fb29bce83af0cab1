package dev.confab.media.effects;

/**
 * Bilinear lookup tables from a small grid (a mask, a shrunken background) to the frame's pixels along one axis:
 * for frame position i, the small grid's cell {@code index[i]} and the weight 0..256 of the next cell.
 * Made once per size, so the per-pixel work is two table reads.
 */
final class Upsampling {
    final int[] index;
    final int[] weight;
    final int small;
    final int large;

    Upsampling(int small, int large) {
        this.small = small;
        this.large = large;
        index = new int[large];
        weight = new int[large];
        for (int i = 0; i < large; i++) {
            double s = Math.clamp((i + 0.5) * small / large - 0.5, 0, small - 1);
            int i0 = Math.min((int) s, small - 2 < 0 ? 0 : small - 2);
            index[i] = i0;
            weight[i] = small < 2 ? 0 : (int) Math.round((s - i0) * 256);
        }
    }

    boolean fits(int smallSize, int largeSize) {
        return small == smallSize && large == largeSize;
    }

    /** The next cell along the axis (the last cell for a grid of one). */
    int next(int i) {
        return small < 2 ? index[i] : index[i] + 1;
    }
}
