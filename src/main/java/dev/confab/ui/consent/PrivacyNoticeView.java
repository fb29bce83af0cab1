package dev.confab.ui.consent;

import dev.confab.ui.common.UiText;

import atlantafx.base.theme.Styles;
import dev.confab.privacy.NoticeText;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * The privacy notice as readable text: the bundled plain text is split into blocks at blank lines, and a
 * block's first line is shown as its heading. Rebuilt when the language changes.
 */
public final class PrivacyNoticeView {
    private PrivacyNoticeView() {
    }

    public static ScrollPane create(UiText text, String id) {
        VBox body = new VBox(14);
        body.setId(id);
        body.getStyleClass().add("privacy-notice");
        fill(body, NoticeText.of(text.locale()));
        text.localeProperty().addListener((obs, old, now) -> fill(body, NoticeText.of(now)));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setId(id + "Scroll");
        return scroll;
    }

    private static void fill(VBox body, String notice) {
        body.getChildren().clear();
        String[] blocks = notice.split("\\R\\s*\\R");
        for (int i = 0; i < blocks.length; i++) {
            String block = blocks[i].strip();
            int lineEnd = block.indexOf('\n');
            boolean titled = i == 0 || (lineEnd > 0 && !block.startsWith("•"));
            if (titled) {
                String heading = lineEnd > 0 ? block.substring(0, lineEnd).strip() : block;
                Label h = wrapped(heading);
                h.getStyleClass().add(i == 0 ? Styles.TITLE_4 : "notice-heading");
                VBox section = new VBox(4, h);
                if (lineEnd > 0) {
                    section.getChildren().add(wrapped(block.substring(lineEnd + 1).strip()));
                }
                body.getChildren().add(section);
            } else {
                body.getChildren().add(wrapped(block));
            }
        }
    }

    private static Label wrapped(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
