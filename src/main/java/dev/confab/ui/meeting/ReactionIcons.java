package dev.confab.ui.meeting;

import dev.confab.meeting.ReactionKind;
import dev.confab.ui.common.Icons;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How the reactions look. They travel as emoji, but are drawn as coloured Material Design icons: the fonts Confab
 * can count on (and the headless screenshots) have no colour emoji, and a missing glyph would show as an empty box.
 * Each has a name for screen readers ({@code reaction.<key>}).
 */
final class ReactionIcons {

    record Look(ReactionKind kind, Ikon ikon, String key) {
        String emoji() {
            return kind.emoji();
        }

        /** The icon, coloured by {@code .reaction-<key>} in the stylesheet. */
        FontIcon icon() {
            FontIcon icon = Icons.of(ikon);
            icon.getStyleClass().addAll("reaction-icon", "reaction-" + key);
            return icon;
        }

        String textKey() {
            return "reaction." + key;
        }
    }

    private static final Map<ReactionKind, Look> LOOKS = new EnumMap<>(Map.of(
            ReactionKind.THUMBS_UP, new Look(ReactionKind.THUMBS_UP, MaterialDesignT.THUMB_UP, "thumbsUp"),
            ReactionKind.CLAP, new Look(ReactionKind.CLAP, MaterialDesignH.HAND_CLAP, "clap"),
            ReactionKind.LAUGH, new Look(ReactionKind.LAUGH, MaterialDesignE.EMOTICON_LOL, "laugh"),
            ReactionKind.WOW, new Look(ReactionKind.WOW, MaterialDesignE.EMOTICON_EXCITED, "wow"),
            ReactionKind.HEART, new Look(ReactionKind.HEART, MaterialDesignH.HEART, "heart"),
            ReactionKind.PARTY, new Look(ReactionKind.PARTY, MaterialDesignP.PARTY_POPPER, "party")));

    private ReactionIcons() {
    }

    /** Every reaction, in the order the picker shows them. */
    static List<Look> all() {
        return List.copyOf(LOOKS.values());
    }

    /** The look of {@code emoji}; null for one this client does not know. */
    static Look of(String emoji) {
        return emoji == null ? null : ReactionKind.of(emoji).map(LOOKS::get).orElse(null);
    }
}
