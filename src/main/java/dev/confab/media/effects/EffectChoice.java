package dev.confab.media.effects;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What the user chose to do with their camera's background: nothing, blur it (light or strong), or put a
 * picture behind them (one of the {@link BundledBackgrounds} or a file of their own).
 *
 * @param picture the user's own picture for {@link Kind#PICTURE}, else null
 */
public record EffectChoice(Kind kind, Path picture) {

    public enum Kind {
        OFF, BLUR_LIGHT, BLUR_STRONG, BACKGROUND_1, BACKGROUND_2, BACKGROUND_3, PICTURE;

        /** The bundled background's number (1..3), or 0 for the kinds that are not one. */
        public int bundledNumber() {
            return switch (this) {
                case BACKGROUND_1 -> 1;
                case BACKGROUND_2 -> 2;
                case BACKGROUND_3 -> 3;
                default -> 0;
            };
        }
    }

    public static final EffectChoice OFF = new EffectChoice(Kind.OFF, null);

    public EffectChoice {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.PICTURE) {
            Objects.requireNonNull(picture, "picture");
        } else {
            picture = null;
        }
    }

    public static EffectChoice of(Kind kind) {
        return new EffectChoice(kind, null);
    }

    public static EffectChoice picture(Path file) {
        return new EffectChoice(Kind.PICTURE, file);
    }

    public boolean off() {
        return kind == Kind.OFF;
    }

    /**
     * Reads the stored form ({@link #storedKind()} and the picture's path); anything unknown or incomplete is
     * Off, so a damaged settings file never breaks the camera.
     */
    public static EffectChoice fromStored(String kind, String picture) {
        if (kind == null) {
            return OFF;
        }
        try {
            Kind k = Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            if (k == Kind.PICTURE) {
                return picture == null || picture.isBlank() ? OFF : picture(Path.of(picture));
            }
            return of(k);
        } catch (IllegalArgumentException e) { // also an invalid path
            return OFF;
        }
    }

    public String storedKind() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    public String storedPicture() {
        return picture == null ? null : picture.toString();
    }
}
