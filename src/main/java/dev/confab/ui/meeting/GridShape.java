package dev.confab.ui.meeting;

/**
 * How many columns and rows the gallery uses for a number of tiles on one page: 1 → 1×1, 2 → side by side,
 * 3–4 → 2×2, 5–9 → three columns. More than {@link #PAGE_SIZE} participants are split into pages.
 */
public record GridShape(int columns, int rows) {

    public static final int PAGE_SIZE = 9;

    public static GridShape of(int tiles) {
        int columns = tiles <= 1 ? 1 : tiles <= 4 ? 2 : 3;
        int rows = Math.max(1, (tiles + columns - 1) / columns);
        return new GridShape(columns, rows);
    }

    public static int pageCount(int tiles) {
        return Math.max(1, (tiles + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    /** How many tiles {@code page} (0-based) holds out of {@code tiles}. */
    public static int tilesOnPage(int tiles, int page) {
        return Math.max(0, Math.min(PAGE_SIZE, tiles - page * PAGE_SIZE));
    }
}
