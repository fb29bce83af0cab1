package dev.confab.privacy;

import java.nio.file.Path;

/**
 * One stored file.
 *
 * @param name the file's path relative to its category root, with '/' separators (also its name in an export)
 */
public record DataItem(DataCategory category, Path file, String name, long size) {
}
