package dev.confab.policy;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The administrator's {@code fileSizeLimitMb}: lowers the file limit or, at 0, switches files off. */
@UnitTest
class FileSizePolicyTest {

    @TempDir
    Path dir;

    private Policy load(String json) throws Exception {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, json);
        return PolicyFile.load(file);
    }

    @Test
    void anEnforcedLimitIsInForceInBytes() throws Exception {
        Policy policy = load("""
                {"enforced": {"fileSizeLimitMb": 25}}""");
        assertThat(policy.warnings()).isEmpty();
        EffectiveConfig config = EffectiveConfig.merge(policy, Map.of());
        assertThat(config.bytes(PolicyKey.FILE_SIZE_LIMIT_MB)).isEqualTo(25L * 1024 * 1024);
        assertThat(config.isLocked(PolicyKey.FILE_SIZE_LIMIT_MB)).isTrue();
    }

    @Test
    void zeroSwitchesFilesOffAndNobodySettingItLeavesTheServersLimit() throws Exception {
        assertThat(EffectiveConfig.merge(load("""
                {"defaults": {"fileSizeLimitMb": 0}}"""), Map.of()).bytes(PolicyKey.FILE_SIZE_LIMIT_MB)).isZero();
        assertThat(EffectiveConfig.merge(load("{}"), Map.of()).bytes(PolicyKey.FILE_SIZE_LIMIT_MB))
                .isEqualTo(100L * 1024 * 1024);
    }

    @Test
    void textOrValuesOutOfRangeAreIgnoredWithAWarning() throws Exception {
        Policy text = load("""
                {"enforced": {"fileSizeLimitMb": "25"}}""");
        assertThat(text.warnings()).anyMatch(w -> w.contains("fileSizeLimitMb") && w.contains("whole number"));
        Policy tooBig = load("""
                {"enforced": {"fileSizeLimitMb": 5000}}""");
        assertThat(tooBig.warnings()).anyMatch(w -> w.contains("fileSizeLimitMb") && w.contains("0 to 100"));
        assertThat(EffectiveConfig.merge(tooBig, Map.of()).bytes(PolicyKey.FILE_SIZE_LIMIT_MB))
                .isEqualTo(100L * 1024 * 1024);
    }
}
