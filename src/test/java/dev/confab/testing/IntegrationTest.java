package dev.confab.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that uses real parts together: loopback servers, in-process bots, FFmpeg encoding and decoding, child
 * JVMs, files. No JavaFX toolkit ({@link UiTest} for that). Integration test classes run one after another in
 * one shared JVM, so latency figures see the same machine as before; each class cleans up what it starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(TestTiers.INTEGRATION)
public @interface IntegrationTest {
}
