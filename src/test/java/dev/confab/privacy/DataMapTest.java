package dev.confab.privacy;

import dev.confab.i18n.Messages;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The data map is complete, worded in both languages, and what the notice and docs/privacy.md say. */
@UnitTest
class DataMapTest {

    @Test
    void everyStoredCategoryIsDeclaredExactlyOnce() {
        assertThat(DataMap.stored()).extracting(k -> k.category().orElseThrow())
                .containsExactly(DataCategory.values());
        assertThat(DataMap.KINDS).extracting(DataKind::id).doesNotHaveDuplicates();
    }

    @Test
    void everyKindIsWordedInBothLanguagesAndTheNoticeSaysAllOfIt() {
        for (Locale locale : Messages.SUPPORTED) {
            String notice = NoticeText.of(locale);
            assertThat(notice).as("no placeholder left").doesNotContain(NoticeText.SENT, NoticeText.STORED);
            for (DataKind kind : DataMap.KINDS) {
                for (String part : DataKind.PARTS) {
                    String words = Messages.get(locale, kind.key(part));
                    assertThat(words).as(kind.key(part) + " in " + locale).doesNotStartWith("!").isNotBlank();
                    assertThat(notice).as(kind.key(part) + " in the " + locale + " notice").contains(words);
                }
            }
        }
    }

    @Test
    void theChineseWordsAreChinese() {
        for (DataKind kind : DataMap.KINDS) {
            for (String part : DataKind.PARTS) {
                assertThat(Messages.get(Messages.SIMPLIFIED_CHINESE, kind.key(part)))
                        .as(kind.key(part)).isNotEqualTo(Messages.get(Locale.ENGLISH, kind.key(part)));
            }
        }
    }

    /** A permission the user is asked for is named, as the dialog and the privacy center name it, where it governs. */
    @Test
    void aKindAskedForNamesItsPermission() {
        for (Locale locale : Messages.SUPPORTED) {
            for (DataKind kind : DataMap.KINDS) {
                kind.permission().filter(p -> p != Permission.DIAGNOSTICS).ifPresent(p ->
                        assertThat(Messages.get(locale, kind.key("control"))).as(kind.id() + " in " + locale)
                                .contains(Messages.get(locale, p.key())));
            }
        }
    }

    @Test
    void theNoticeMakesNoClaimWithoutCodeBehindIt() {
        String en = NoticeText.of(Locale.ENGLISH);
        assertThat(en).doesNotContain("files you send").contains("under 14", "lobby", "Export all", "Withdraw consent");
        assertThat(en).doesNotContainIgnoringCase("profile picture stored");
        String zh = NoticeText.of(Messages.SIMPLIFIED_CHINESE);
        assertThat(zh).doesNotContain("发送的聊天消息和文件").contains("14 周岁", "大厅", "全部导出", "撤回同意");
    }

    @Test
    void docsPrivacyMdHoldsTheGeneratedTables() throws IOException {
        String doc = Files.readString(Path.of("docs/privacy.md"));
        int start = doc.indexOf(DataMapTable.START);
        int end = doc.indexOf(DataMapTable.END);
        assertThat(start).as("docs/privacy.md has the data-map markers").isNotNegative();
        assertThat(end).isGreaterThan(start);
        assertThat(doc.substring(start, end + DataMapTable.END.length()))
                .as("docs/privacy.md disagrees with DataMap: paste DataMapTable.markdown() between the markers")
                .isEqualTo(DataMapTable.markdown());
    }

    @Test
    void aFileIsInTheCategoryWhoseRootHoldsItAndAStrayFileInNone(@org.junit.jupiter.api.io.TempDir Path dir) {
        DataLocations loc = DataLocations.of(dev.confab.storage.AppPaths.under(dir), true);
        Path config = loc.paths().config();
        assertThat(DataMap.categoryOf(config.resolve("consent.json"), loc)).contains(DataCategory.CONSENT);
        assertThat(DataMap.categoryOf(config.resolve("settings.json.corrupt-20261123-101530"), loc)).contains(DataCategory.SETTINGS);
        assertThat(DataMap.categoryOf(config.resolve(".privacy.json.4711.tmp"), loc)).contains(DataCategory.SETTINGS);
        assertThat(DataMap.categoryOf(loc.paths().data().resolve("history/x.json"), loc)).contains(DataCategory.MEETING_HISTORY);
        assertThat(DataMap.categoryOf(loc.paths().logs().resolve("confab.1.log"), loc)).contains(DataCategory.LOGS);
        assertThat(DataMap.categoryOf(loc.paths().data().resolve("profile-picture.png"), loc)).isEmpty();
        assertThat(DataMap.categoryOf(config.resolve("secrets.json"), loc)).isEmpty();
    }

    @Test
    void everyStoredCategoryHasAPlaceOnDisk() {
        assertThat(Arrays.stream(DataCategory.values()).map(DataMapTable::where)).allMatch(w -> w.contains("`<"), "names one of Confab's folders");
    }
}
