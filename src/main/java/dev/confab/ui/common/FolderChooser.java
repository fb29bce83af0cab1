package dev.confab.ui.common;

import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Lets the user pick a folder. The system dialog in the app; tests hand in their answer instead. FX thread. */
@FunctionalInterface
public interface FolderChooser {

    /** @return the chosen folder, empty when the user cancelled */
    Optional<Path> choose(Window owner, String title, Path startIn);

    /** The operating system's folder dialog, opened in {@code startIn} when that folder exists. */
    static FolderChooser system() {
        return (owner, title, startIn) -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(title);
            if (startIn != null && Files.isDirectory(startIn)) {
                chooser.setInitialDirectory(startIn.toFile());
            }
            File chosen = chooser.showDialog(owner);
            return Optional.ofNullable(chosen).map(File::toPath);
        };
    }
}
