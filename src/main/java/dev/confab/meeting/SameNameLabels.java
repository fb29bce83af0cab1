package dev.confab.meeting;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Tells apart participants who chose the same display name: anyone may call themselves "Lin", so when two people
 * in the meeting do, both are shown with their participant number, "Lin #2" and "Lin #7". The number is given by
 * the server, unique in the meeting, the same on every screen and not chosen by the participant; the lower
 * number joined first, which helps to tell the regular from the newcomer. Unique names are shown as they are.
 * <p>
 * Names count as the same when they differ only in letter case or in compatibility forms (NFKC: full-width
 * "Ｌｉｎ" is "Lin"), since those look alike on screen.
 */
final class SameNameLabels {

    private SameNameLabels() {
    }

    /** How {@code participant} is shown among {@code present} (the current roster). */
    static String label(Attendee participant, List<Attendee> present) {
        String key = comparable(participant.displayName());
        boolean shared = present.stream()
                .anyMatch(other -> other.id() != participant.id() && comparable(other.displayName()).equals(key));
        return shared ? participant.displayName() + " #" + participant.id() : participant.displayName();
    }

    private static String comparable(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }
}
