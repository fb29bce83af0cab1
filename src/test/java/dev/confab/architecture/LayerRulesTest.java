package dev.confab.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.confab.meeting.MeetingSession;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    /** Every top-level package (meeting, media, ui, ...) depends one way: no two reach each other, directly or round a loop. */
    @Test
    void noCyclesBetweenTopLevelPackages() {
        slices().matching("dev.confab.(*)..").should().beFreeOfCycles().check(production);
    }

    /** Below the top level too: ui.shell may use ui.lobby, but ui.lobby never the shell; meeting.call never meeting.audio's users. */
    @Test
    void noCyclesBetweenAnyPackages() {
        slices().matching("dev.confab.(**)").should().beFreeOfCycles().check(production);
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

    /**
     * The UI sees meetings through the meeting layer's own types (Attendee, Refusal, ShareUpdate, ...): wire types,
     * the signaling connection and the server stay below it, so the protocol can change without touching the UI.
     */
    @Test
    void theUiKnowsOnlyMeetingLevelTypes() {
        noClasses().that().resideInAPackage("dev.confab.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.confab.server..", "dev.confab.signaling..",
                        "dev.confab.protocol..")
                .check(production);
    }

    /** The link emulator stands between any client and any server, so it knows neither. */
    @Test
    void theLinkEmulatorIsSelfContained() {
        noClasses().that().resideInAPackage("dev.confab.netem..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.confab..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("dev.confab.netem..")))
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

    /**
     * Media leaves through the meeting engine's one exit ({@code MeetingCall.out()}), where congestion control plugs
     * in, into the session, which seals every frame end to end: the app, the bot, the demo, the load test and the pipelines never send directly,
     * neither by a call nor by a method reference ({@code session::sendMedia}).
     */
    @Test
    void onlyTheMeetingEngineSendsMedia() {
        noClasses().that().resideOutsideOfPackage("dev.confab.meeting.call..")
                .should(use(MeetingSession.class, "sendMedia"))
                .check(production);
    }

    /**
     * The session's received media is routed by the meeting engine alone, never again by the layers above it (a
     * share side plugged into the engine, like the bot's, still decodes what the engine hands it).
     */
    @Test
    void onlyTheMeetingEngineRoutesReceivedMedia() {
        noClasses().that().resideInAnyPackage("dev.confab.ui..", "dev.confab.bot..", "dev.confab.loadtest..",
                        "dev.confab.meeting.demo..")
                .should(use(dev.confab.meeting.audio.AudioReceiver.class, "onMedia"))
                .orShould(use(dev.confab.meeting.video.VideoReceiver.class, "onMedia"))
                .orShould(use(dev.confab.meeting.video.MeetingVideo.class, "onMedia"))
                .orShould(use(dev.confab.meeting.share.ScreenShareController.class, "onMedia"))
                .check(production);
    }

    /** Calls {@code owner.method} or refers to it ({@code owner::method}), whatever the parameters. */
    private static ArchCondition<JavaClass> use(Class<?> owner, String method) {
        return new ArchCondition<>("use " + owner.getSimpleName() + "." + method) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                Set<JavaCodeUnitAccess<?>> uses = new HashSet<>(item.getMethodCallsFromSelf());
                uses.addAll(item.getMethodReferencesFromSelf());
                for (JavaCodeUnitAccess<?> use : uses) {
                    if (use.getTargetOwner().isEquivalentTo(owner) && use.getTarget().getName().equals(method)) {
                        events.add(SimpleConditionEvent.satisfied(item, use.getDescription()));
                    }
                }
            }
        };
    }

    /** The built-in server is started by the meeting layer ({@code meeting.LocalServer}), never by the UI itself. */
    @Test
    void theUiNeverStartsAServer() {
        noClasses().that().resideInAPackage("dev.confab.ui..")
                .should().callMethod(dev.confab.server.EmbeddedServer.class, "start", java.nio.file.Path.class,
                        boolean.class)
                .orShould().dependOnClassesThat().haveSimpleName("MeetingServer")
                .check(production);
    }

    /**
     * The picture in docs/architecture.md, arrow by arrow: each top-level package may use only the ones listed
     * (and storage, which every layer uses). A new arrow must be drawn there and added here in the same change.
     */
    @Test
    void topLevelPackagesUseOnlyTheDrawnArrows() {
        Map<String, Set<String>> drawn = Map.ofEntries(
                Map.entry("app", Set.of("ui", "meeting", "media", "policy", "privacy", "logging", "server", "bot", "loadtest", "netem")),
                Map.entry("ui", Set.of("meeting", "media", "policy", "privacy", "recording", "i18n", "logging")),
                Map.entry("meeting", Set.of("signaling", "media", "protocol", "server")),
                Map.entry("bot", Set.of("meeting", "media", "netem", "privacy", "protocol", "signaling")),
                Map.entry("loadtest", Set.of("bot", "meeting", "media", "netem", "protocol", "server", "signaling")),
                Map.entry("policy", Set.of("i18n", "privacy")),
                Map.entry("privacy", Set.of("meeting", "recording", "i18n")),
                Map.entry("recording", Set.of("media")),
                Map.entry("logging", Set.of()),
                Map.entry("signaling", Set.of("protocol")),
                Map.entry("server", Set.of("protocol")),
                Map.entry("media", Set.of()),
                Map.entry("protocol", Set.of()),
                Map.entry("netem", Set.of()),
                Map.entry("i18n", Set.of()),
                Map.entry("storage", Set.of()));
        List<String> undrawn = new ArrayList<>();
        for (JavaClass type : production) {
            String from = topLevel(type.getPackageName());
            if (from == null) {
                continue;
            }
            Set<String> allowed = drawn.get(from);
            if (allowed == null) {
                undrawn.add(from + " (a package the picture does not show)");
                continue;
            }
            type.getDirectDependenciesFromSelf().stream()
                    .map(d -> topLevel(d.getTargetClass().getPackageName()))
                    .filter(to -> to != null && !to.equals(from) && !to.equals("storage") && !allowed.contains(to))
                    .forEach(to -> undrawn.add(type.getName() + " -> " + to));
        }
        assertThat(undrawn).as("dependencies not drawn in docs/architecture.md").isEmpty();
    }

    private static String topLevel(String packageName) {
        if (!packageName.startsWith("dev.confab.")) {
            return null;
        }
        String rest = packageName.substring("dev.confab.".length());
        int dot = rest.indexOf('.');
        String top = dot < 0 ? rest : rest.substring(0, dot);
        return top.equals("testing") ? null : top;
    }
}
