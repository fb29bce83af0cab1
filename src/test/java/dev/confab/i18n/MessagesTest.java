package dev.confab.i18n;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.InputStreamReader;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class MessagesTest {
    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyStringExistsInBothLanguages() throws IOException {
        Properties en = bundle("messages.properties");
        Properties zh = bundle("messages_zh_CN.properties");
        assertThat(zh.keySet()).containsExactlyInAnyOrderElementsOf(en.keySet());
        for (String key : en.stringPropertyNames()) {
            assertThat(zh.getProperty(key)).as(key).isNotBlank();
        }
    }

    @Test
    void chineseIsReadAsUtf8AndFormatsArguments() {
        assertThat(Messages.get(Messages.SIMPLIFIED_CHINESE, "lobby.join")).isEqualTo("加入");
        assertThat(Messages.get(Messages.SIMPLIFIED_CHINESE, "lobby.error.meetingIdLength", 10)).isEqualTo("会议号为 10 位数字。");
        assertThat(Messages.get(Locale.ENGLISH, "lobby.error.nameTooLong", 64)).isEqualTo("The name may have at most 64 characters.");
    }

    @Test
    void englishStaysEnglishOnAChineseSystem() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            assertThat(Messages.get(Locale.ENGLISH, "lobby.join")).isEqualTo("Join");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void languagesMapToTheSupportedOnes() {
        assertThat(Messages.fromTag(null, Locale.forLanguageTag("zh-TW"))).isEqualTo(Messages.SIMPLIFIED_CHINESE);
        assertThat(Messages.fromTag(null, Locale.GERMANY)).isEqualTo(Messages.ENGLISH);
        assertThat(Messages.fromTag("en", Locale.SIMPLIFIED_CHINESE)).isEqualTo(Messages.ENGLISH);
        assertThat(Messages.fromTag("zh-CN", Locale.ENGLISH)).isEqualTo(Messages.SIMPLIFIED_CHINESE);
        assertThat(Messages.tag(Messages.SIMPLIFIED_CHINESE)).isEqualTo("zh-CN");
    }

    @Test
    void aMissingKeyIsVisibleInsteadOfCrashing() {
        assertThat(Messages.get(Locale.ENGLISH, "no.such.key")).isEqualTo("!no.such.key!");
    }

    @Test
    void thePrivacyNoticeExistsInBothLanguagesAndNamesItsVersion() {
        assertThat(PrivacyNotice.text(Locale.ENGLISH)).contains("version " + PrivacyNotice.VERSION).contains("Withdraw consent");
        assertThat(PrivacyNotice.text(Messages.SIMPLIFIED_CHINESE)).contains("第 " + PrivacyNotice.VERSION + " 版").contains("撤回同意");
    }
}
