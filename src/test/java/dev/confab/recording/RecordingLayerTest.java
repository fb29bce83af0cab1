package dev.confab.recording;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Recording sits beside meeting, above media and storage: no JavaFX, nothing from the layers that use it. */
@UnitTest
class RecordingLayerTest {
    private final JavaClasses production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.confab");

    @Test
    void recordingUsesOnlyMediaAndStorage() {
        noClasses().that().resideInAPackage("dev.confab.recording..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.confab.ui..", "dev.confab.meeting..",
                        "dev.confab.signaling..", "dev.confab.server..", "dev.confab.bot..", "dev.confab.app..")
                .check(production);
    }

    @Test
    void mediaDoesNotKnowAboutRecordingSessions() {
        noClasses().that().resideInAPackage("dev.confab.media..")
                .should().dependOnClassesThat().resideInAPackage("dev.confab.recording..")
                .check(production);
    }
}
