package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.scene.control.MenuItem;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.ArrayList;
import java.util.List;

/** The co-host and spotlight entries of a participant's moderator menu in the participant list. */
final class ParticipantMenu {
    private ParticipantMenu() {
    }

    /** Spotlight for everyone (moderators); make or unmake co-host (host only). */
    static List<MenuItem> moderatorItems(UiText text, ModerationViewModel moderation, Attendee p, boolean selfIsHost) {
        List<MenuItem> items = new ArrayList<>();
        boolean spotlit = moderation.spotlightIdProperty().get() == p.id();
        MenuItem spotlight = new MenuItem(null, Icons.of(MaterialDesignS.SPOTLIGHT_BEAM));
        spotlight.setId("spotlight-" + p.id());
        spotlight.textProperty().bind(text.bind(spotlit ? "moderation.endSpotlight" : "moderation.spotlight"));
        spotlight.setOnAction(e -> moderation.toggleSpotlight(p.id()));
        items.add(spotlight);
        if (selfIsHost) {
            MenuItem cohost = new MenuItem(null, Icons.of(MaterialDesignA.ACCOUNT_STAR));
            cohost.setId("cohostToggle-" + p.id());
            cohost.textProperty().bind(text.bind(p.cohost() ? "moderation.removeCohost" : "moderation.makeCohost"));
            cohost.setOnAction(e -> moderation.setCohost(p.id(), !p.cohost()));
            items.add(cohost);
        }
        return items;
    }
}
