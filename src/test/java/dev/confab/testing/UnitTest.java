package dev.confab.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test of code alone: no sockets, child processes, FFmpeg or JavaFX toolkit; fast and independent of the
 * machine's load. Unit test classes share one JVM ({@code mvn -B test -Punit} runs only these).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(TestTiers.UNIT)
public @interface UnitTest {
}
