package dev.confab.media;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The media layer sits at the bottom: no JavaFX, and nothing from the layers that use it. */
@UnitTest
class MediaLayerTest {
    private final JavaClasses media = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.confab.media");

    @Test
    void mediaDoesNotTouchJavaFxOrHigherLayers() {
        noClasses().that().resideInAPackage("dev.confab.media..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.confab.ui..", "dev.confab.meeting..",
                        "dev.confab.signaling..", "dev.confab.server..", "dev.confab.bot..", "dev.confab.app..")
                .check(media);
    }
}
