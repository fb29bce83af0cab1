package dev.confab.testing;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test class belongs to exactly one tier, so pom.xml runs it (an untagged class would run in no
 * surefire execution at all).
 */
@UnitTest
class TestTiersTest {

    @Test
    void everyTestClassHasExactlyOneTier() {
        List<TestClassTiers.TestClass> classes = TestClassTiers.under(TestClassTiers.testClassesFolder());
        String wrong = classes.stream().filter(c -> c.tiers().size() != 1)
                .sorted(Comparator.comparing(c -> c.type().getName()))
                .map(c -> "  " + c.type().getName() + (c.tiers().isEmpty() ? " has no tier" : " has " + c.tiers()))
                .collect(Collectors.joining("\n"));
        assertThat(classes).as("test classes found").hasSizeGreaterThan(50);
        assertThat(wrong).as("""
                Each test class needs exactly one of @UnitTest (code alone), @IntegrationTest (servers, bots, \
                FFmpeg, child JVMs, no JavaFX) or @UiTest (starts JavaFX) from dev.confab.testing; see README.md \
                "Tests". Fix these classes:
                %s
                """, wrong).isEmpty();
    }
}
