package dev.confab.media.effects;

/**
 * The three backgrounds Confab ships, drawn here in code rather than stored as files, so there is nothing to
 * license or trace: 1 a calm dusk gradient with soft light discs (out-of-focus lights), 2 a bright room wall
 * with a window and a shelf, 3 green hills under a morning sky. Drawn at 1280×720 and scaled to each frame
 * like any picture.
 */
public final class BundledBackgrounds {
    static final int WIDTH = 1280;
    static final int HEIGHT = 720;

    private BundledBackgrounds() {
    }

    /** @param number 1, 2 or 3 */
    public static BackgroundPicture get(int number) {
        int[] rgb = new int[WIDTH * HEIGHT];
        switch (number) {
            case 1 -> dusk(rgb);
            case 2 -> room(rgb);
            case 3 -> hills(rgb);
            default -> throw new IllegalArgumentException("No bundled background " + number);
        }
        return new BackgroundPicture(WIDTH, HEIGHT, rgb);
    }

    private static void dusk(int[] rgb) {
        int[][] lights = {{180, 160, 90}, {420, 520, 130}, {760, 220, 110}, {1050, 430, 150}, {1180, 120, 70},
                {620, 640, 80}};
        for (int y = 0; y < HEIGHT; y++) {
            double t = (double) y / HEIGHT;
            for (int x = 0; x < WIDTH; x++) {
                double r = mix(38, 196, t);
                double g = mix(44, 112, t);
                double b = mix(92, 128, t);
                for (int[] light : lights) {
                    double dx = x - light[0];
                    double dy = y - light[1];
                    double glow = Math.max(0, 1 - Math.sqrt(dx * dx + dy * dy) / light[2]);
                    double soft = glow * glow * (3 - 2 * glow) * 0.55;
                    r = mix(r, 255, soft);
                    g = mix(g, 214, soft);
                    b = mix(b, 160, soft);
                }
                rgb[y * WIDTH + x] = pack(r, g, b);
            }
        }
    }

    private static void room(int[] rgb) {
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double shade = 1 - 0.12 * Math.abs(x - WIDTH / 2.0) / (WIDTH / 2.0);
                double r = 226 * shade;
                double g = 219 * shade;
                double b = 206 * shade;
                if (y > 560) { // floor
                    r = 150;
                    g = 118;
                    b = 88;
                } else if (x > 820 && x < 1160 && y > 90 && y < 420) { // window: sky, with frame bars
                    boolean bar = Math.abs(x - 990) < 6 || Math.abs(y - 255) < 6 || x < 832 || x > 1148 || y < 102 || y > 408;
                    double sky = (y - 90) / 330.0;
                    r = bar ? 245 : mix(150, 205, sky);
                    g = bar ? 245 : mix(196, 228, sky);
                    b = bar ? 240 : mix(235, 245, sky);
                } else if (x > 120 && x < 560 && y > 300 && y < 318) { // shelf
                    r = 120;
                    g = 86;
                    b = 60;
                } else if (x > 140 && x < 540 && y > 220 && y <= 300) { // books on the shelf
                    int book = (x - 140) / 28;
                    int[] colours = {0x8E3B46, 0x2F5D7C, 0xD9A441, 0x4B7F52, 0x6C4F8C, 0xC8553D, 0x3E6E8E};
                    int top = 220 + (book * 37 % 5) * 8;
                    if (y > top && (x - 140) % 28 < 24) {
                        int c = colours[book % colours.length];
                        r = (c >> 16) & 0xFF;
                        g = (c >> 8) & 0xFF;
                        b = c & 0xFF;
                    }
                }
                rgb[y * WIDTH + x] = pack(r, g, b);
            }
        }
    }

    private static void hills(int[] rgb) {
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double t = (double) y / HEIGHT;
                double r = mix(120, 222, t);
                double g = mix(178, 236, t);
                double b = mix(232, 240, t);
                double far = 430 + 40 * Math.sin(x / 170.0) + 20 * Math.sin(x / 61.0 + 1);
                double near = 540 + 55 * Math.sin(x / 240.0 + 2) + 15 * Math.sin(x / 90.0);
                if (y > near) {
                    double d = (y - near) / (HEIGHT - near + 1);
                    r = mix(88, 60, d);
                    g = mix(160, 128, d);
                    b = mix(72, 58, d);
                } else if (y > far) {
                    r = 126;
                    g = 180;
                    b = 120;
                }
                rgb[y * WIDTH + x] = pack(r, g, b);
            }
        }
    }

    private static double mix(double a, double b, double t) {
        return a + (b - a) * t;
    }

    private static int pack(double r, double g, double b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(double v) {
        return (int) Math.clamp(Math.round(v), 0, 255);
    }
}
