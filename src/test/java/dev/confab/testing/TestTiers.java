package dev.confab.testing;

import java.util.List;

/** The JUnit tags that sort every test class into exactly one tier; pom.xml runs each tier in its own way. */
public final class TestTiers {
    public static final String UNIT = "unit";
    public static final String INTEGRATION = "integration";
    public static final String UI = "ui";
    public static final List<String> ALL = List.of(UNIT, INTEGRATION, UI);

    private TestTiers() {
    }
}
