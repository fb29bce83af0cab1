package dev.confab.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The one-way layer rule of docs/architecture.md, checked on the compiled production classes. */
@UnitTest
class LayerRulesTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.confab");
    }

    @Test
    void onlyTheUiAndTheDesktopLauncherTouchJavaFx() {
        noClasses().that().resideOutsideOfPackages("dev.confab.ui..", "dev.confab.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.kordamp..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void serverDependsOnlyOnProtocolAndStorage() {
        noClasses().that().resideInAPackage("dev.confab.server..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.confab.ui..", "dev.confab.meeting..", "dev.confab.signaling..",
                        "dev.confab.media..", "dev.confab.bot..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void protocolIsSelfContained() {
        noClasses().that().resideInAPackage("dev.confab.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.confab.ui..", "dev.confab.meeting..", "dev.confab.signaling..",
                        "dev.confab.media..", "dev.confab.server..", "dev.confab.bot..", "dev.confab.storage..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void policyIsSelfContained() {
        noClasses().that().resideInAPackage("dev.confab.policy..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.confab.ui..", "dev.confab.meeting..", "dev.confab.signaling..", "dev.confab.media..",
                        "dev.confab.server..", "dev.confab.bot..", "dev.confab.protocol..", "dev.confab.app..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void lowerLayersNeverReachUpward() {
        noClasses().that().resideInAnyPackage("dev.confab.meeting..", "dev.confab.signaling..",
                        "dev.confab.media..", "dev.confab.storage..", "dev.confab.bot..")
                .should().dependOnClassesThat().resideInAPackage("dev.confab.ui..")
                .allowEmptyShould(true)
                .check(production);
        noClasses().that().resideInAnyPackage("dev.confab.signaling..", "dev.confab.media..")
                .should().dependOnClassesThat().resideInAPackage("dev.confab.meeting..")
                .allowEmptyShould(true)
                .check(production);
        noClasses().that().resideInAPackage("dev.confab.media..")
                .should().dependOnClassesThat().resideInAPackage("dev.confab.signaling..")
                .allowEmptyShould(true)
                .check(production);
    }
}
