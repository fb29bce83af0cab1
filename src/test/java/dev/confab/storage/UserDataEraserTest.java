package dev.confab.storage;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class UserDataEraserTest {
    @TempDir
    Path dir;

    @Test
    void erasesEveryRootButNothingOutsideThem() throws IOException {
        AppPaths paths = AppPaths.under(dir.resolve("confab"));
        for (Path root : paths.roots()) {
            Files.createDirectories(root.resolve("nested"));
            Files.writeString(root.resolve("nested").resolve("file.txt"), "personal");
        }
        Path neighbour = Files.writeString(dir.resolve("not-confab.txt"), "keep me");
        assertThat(UserDataEraser.nothingStored(paths)).isFalse();

        UserDataEraser.eraseAll(paths);

        assertThat(UserDataEraser.nothingStored(paths)).isTrue();
        paths.roots().forEach(root -> assertThat(root).doesNotExist());
        assertThat(neighbour).hasContent("keep me");
    }

    @Test
    void erasingWhenNothingWasStoredIsFine() throws IOException {
        AppPaths paths = AppPaths.under(dir);
        UserDataEraser.eraseAll(paths);
        assertThat(UserDataEraser.nothingStored(paths)).isTrue();
    }
}
