package dev.confab.media.effects;

/**
 * The blurred background at low resolution: the frame is averaged down by the blur's factor and box-blurred
 * there, which costs the same for a light or a strong blur and a fraction of a full-size blur. Pixels are
 * weighted by how much they are background, so the person's colours do not bleed into the blur around them
 * (a halo). Camera thread only; buffers change only with the frame size or the blur.
 */
final class BlurredBackground {
    private int frameWidth;
    private int frameHeight;
    private Effect.Blur blur;
    int width;
    int height;
    private float[] b;
    private float[] g;
    private float[] r;
    private float[] w;
    private float[] temp;
    private float[][] channels;
    /** The result: 0x00RRGGBB per small pixel. */
    int[] rgb;

    void build(int[] frame, int fw, int fh, PersonMask mask, Effect.Blur wanted) {
        if (fw != frameWidth || fh != frameHeight || !wanted.equals(blur)) {
            resize(fw, fh, wanted);
        }
        for (int sy = 0; sy < height; sy++) {
            int y0 = Math.min(fh - 1, (int) ((sy + 0.25) * fh / height));
            int y1 = Math.min(fh - 1, (int) ((sy + 0.75) * fh / height));
            int my = Math.min(mask.height - 1, (int) ((sy + 0.5) * mask.height / height));
            for (int sx = 0; sx < width; sx++) {
                int x0 = Math.min(fw - 1, (int) ((sx + 0.25) * fw / width));
                int x1 = Math.min(fw - 1, (int) ((sx + 0.75) * fw / width));
                int mx = Math.min(mask.width - 1, (int) ((sx + 0.5) * mask.width / width));
                // A little weight even inside the person, so a picture that is all person still gets a colour.
                float weight = (256 - mask.alpha[my * mask.width + mx]) + 2f;
                int a = frame[y0 * fw + x0];
                int bb = frame[y0 * fw + x1];
                int c = frame[y1 * fw + x0];
                int d = frame[y1 * fw + x1];
                int i = sy * width + sx;
                int rb = (a & 0xFF00FF) + (bb & 0xFF00FF) + (c & 0xFF00FF) + (d & 0xFF00FF);
                int green = (a & 0xFF00) + (bb & 0xFF00) + (c & 0xFF00) + (d & 0xFF00);
                b[i] = weight * (rb & 0xFFFF);
                g[i] = weight * (green >>> 8);
                r[i] = weight * (rb >>> 16);
                w[i] = weight * 4;
            }
        }
        for (float[] channel : channels) {
            for (int pass = 0; pass < 2; pass++) {
                boxBlur(channel, temp, width, height, blur.radius());
                boxBlur(temp, channel, height, width, blur.radius());
            }
        }
        for (int i = 0; i < rgb.length; i++) {
            float inverse = 1f / w[i];
            rgb[i] = (clamp(r[i] * inverse) << 16) | (clamp(g[i] * inverse) << 8) | clamp(b[i] * inverse);
        }
    }

    private void resize(int fw, int fh, Effect.Blur wanted) {
        frameWidth = fw;
        frameHeight = fh;
        blur = wanted;
        width = Math.max(2, fw / wanted.downscale());
        height = Math.max(2, fh / wanted.downscale());
        int n = width * height;
        b = new float[n];
        g = new float[n];
        r = new float[n];
        w = new float[n];
        temp = new float[n];
        channels = new float[][] {b, g, r, w};
        rgb = new int[n];
    }

    /** A running-sum box blur of one direction over rows of {@code w}, written transposed (edges clamped). */
    private static void boxBlur(float[] in, float[] out, int w, int h, int radius) {
        float scale = 1f / (2 * radius + 1);
        for (int y = 0; y < h; y++) {
            int row = y * w;
            float sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += in[row + Math.clamp(k, 0, w - 1)];
            }
            for (int x = 0; x < w; x++) {
                out[x * h + y] = sum * scale;
                sum += in[row + Math.min(x + radius + 1, w - 1)] - in[row + Math.max(x - radius, 0)];
            }
        }
    }

    private static int clamp(float v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5f);
    }
}
