package dev.confab.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that starts the JavaFX toolkit (TestFX, headless glass platform). All UI test classes share one JVM;
 * {@link UiClassIsolation} hands each class the toolkit as a fresh JVM would (windows closed, new primary stage,
 * default theme, no pressed keys or buttons) and fails a class that leaves a server, bot or executor running.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(TestTiers.UI)
@ExtendWith({NodesMayStillBeBuilding.class, UiClassIsolation.class})
public @interface UiTest {
}
