package dev.confab.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that starts the JavaFX toolkit (TestFX, headless glass platform). Each UI test class gets a fresh
 * JVM: windows, dialogs and robot state of one class must not leak into the next.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(TestTiers.UI)
@ExtendWith(NodesMayStillBeBuilding.class)
public @interface UiTest {
}
