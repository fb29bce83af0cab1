package dev.confab.privacy;

import dev.confab.storage.AppPaths;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class PermissionGateTest {
    @TempDir
    Path dir;

    @Test
    void asksOnceRemembersAcrossRestartsAndAsksAgainAfterRevoke() throws Exception {
        PrivacySettingsStore store = new PrivacySettingsStore(AppPaths.under(dir));
        List<Permission> asked = new ArrayList<>();
        PermissionGate gate = new PermissionGate(store, Runnable::run, p -> {
            asked.add(p);
            return CompletableFuture.completedFuture(p == Permission.CAMERA);
        });
        assertThat(gate.ask(Permission.CAMERA).toCompletableFuture().get()).isTrue();
        assertThat(gate.ask(Permission.CAMERA).toCompletableFuture().get()).isTrue();
        assertThat(gate.ask(Permission.MICROPHONE).toCompletableFuture().get()).isFalse();
        assertThat(gate.ask(Permission.MICROPHONE).toCompletableFuture().get()).isFalse();
        assertThat(asked).containsExactly(Permission.CAMERA, Permission.MICROPHONE);

        PrivacySettings reloaded = store.load();
        assertThat(reloaded.state(Permission.CAMERA)).isEqualTo(Permission.State.GRANTED);
        assertThat(reloaded.state(Permission.MICROPHONE)).isEqualTo(Permission.State.DENIED);
        assertThat(reloaded.state(Permission.SCREEN)).isEqualTo(Permission.State.UNASKED);
        assertThat(reloaded.keepMeetingHistory()).isTrue();

        gate.revoke(Permission.CAMERA);
        assertThat(store.load().state(Permission.CAMERA)).isEqualTo(Permission.State.UNASKED);
        gate.ask(Permission.CAMERA);
        assertThat(asked).containsExactly(Permission.CAMERA, Permission.MICROPHONE, Permission.CAMERA);
    }

    @Test
    void anAskBeforeTheStoredAnswersAreReadWaitsForThemInsteadOfPromptingAgain() throws Exception {
        PrivacySettingsStore store = new PrivacySettingsStore(AppPaths.under(dir));
        store.save(store.load().with(Permission.CAMERA, Permission.State.GRANTED)); // granted on an earlier run
        List<Runnable> io = new ArrayList<>();
        List<Permission> asked = new ArrayList<>();
        PermissionGate gate = new PermissionGate(store, io::add, p -> {
            asked.add(p);
            return CompletableFuture.completedFuture(false);
        });

        CompletableFuture<Boolean> answer = gate.ask(Permission.CAMERA).toCompletableFuture();
        assertThat(answer).as("not answered from the defaults").isNotDone();
        io.removeFirst().run(); // the io thread reads the file

        assertThat(answer.get()).isTrue();
        assertThat(asked).as("no prompt").isEmpty();
    }

    @Test
    void aDamagedFileMeansAskAgain() throws Exception {
        AppPaths paths = AppPaths.under(dir);
        java.nio.file.Files.createDirectories(paths.config());
        java.nio.file.Files.writeString(PrivacySettingsStore.file(paths), "{\"permissions\": [oops");
        assertThat(new PrivacySettingsStore(paths).load()).isEqualTo(PrivacySettings.defaults());
    }

    @Test
    void promptsComeOneAfterTheOtherAndARepeatedAskSharesTheOpenPrompt() throws Exception {
        PrivacySettingsStore store = new PrivacySettingsStore(AppPaths.under(dir));
        List<Permission> shown = new ArrayList<>();
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        PermissionGate gate = new PermissionGate(store, Runnable::run, p -> {
            shown.add(p);
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        });

        CompletableFuture<Boolean> camera = gate.ask(Permission.CAMERA).toCompletableFuture();
        CompletableFuture<Boolean> microphone = gate.ask(Permission.MICROPHONE).toCompletableFuture();
        CompletableFuture<Boolean> cameraAgain = gate.ask(Permission.CAMERA).toCompletableFuture();
        assertThat(shown).as("the microphone waits for the camera's answer").containsExactly(Permission.CAMERA);

        answers.getFirst().complete(true);
        assertThat(camera.get()).isTrue();
        assertThat(cameraAgain.get()).as("one prompt, one answer").isTrue();
        assertThat(shown).containsExactly(Permission.CAMERA, Permission.MICROPHONE);
        assertThat(microphone).isNotDone();

        answers.get(1).complete(false);
        assertThat(microphone.get()).isFalse();
        assertThat(gate.ask(Permission.MICROPHONE).toCompletableFuture().get()).as("remembered").isFalse();
        assertThat(shown).hasSize(2);
    }
}
