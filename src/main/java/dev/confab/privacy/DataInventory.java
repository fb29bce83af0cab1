package dev.confab.privacy;

import dev.confab.recording.RecordingFileNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What Confab has stored, per category: the files, how many, how big. Reads the disk on each call. */
public final class DataInventory {

    /** Count and total bytes of one category. */
    public record Summary(DataCategory category, int items, long bytes) {
    }

    private final DataLocations locations;

    public DataInventory(DataLocations locations) {
        this.locations = locations;
    }

    public List<DataItem> items(DataCategory category) throws IOException {
        List<DataItem> items = new ArrayList<>();
        for (Path root : locations.roots(category)) {
            if (category == DataCategory.RECORDINGS && locations.recordingsFolderShared()) {
                items.addAll(confabRecordings(root));
            } else if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
                items.add(new DataItem(category, root, root.getFileName().toString(), Files.size(root)));
            } else if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                // Files.walk does not follow symbolic links: a link inside the folder is not ours to export.
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path file : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                        items.add(new DataItem(category, file, relative(root, file), size(file)));
                    }
                }
            }
            Path parent = root.getParent();
            if (parent != null && !Files.isDirectory(root) && Files.isDirectory(parent)) {
                try (Stream<Path> siblings = Files.list(parent)) {
                    for (Path file : siblings.filter(f -> locations.isMovedAsideCopy(f, category)
                            && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                        items.add(new DataItem(category, file, file.getFileName().toString(), size(file)));
                    }
                }
            }
        }
        items.sort(Comparator.comparing(DataItem::name));
        return items;
    }

    /** In a folder the user chose (maybe their whole Videos folder), only the files Confab wrote there. */
    private static List<DataItem> confabRecordings(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                            && RecordingFileNames.isConfabFile(f.getFileName().toString()))
                    .map(f -> new DataItem(DataCategory.RECORDINGS, f, f.getFileName().toString(), size(f)))
                    .toList();
        }
    }

    public Summary summary(DataCategory category) throws IOException {
        List<DataItem> items = items(category);
        return new Summary(category, items.size(), items.stream().mapToLong(DataItem::size).sum());
    }

    public Map<DataCategory, Summary> summaries() throws IOException {
        Map<DataCategory, Summary> all = new EnumMap<>(DataCategory.class);
        for (DataCategory c : DataCategory.values()) {
            all.put(c, summary(c));
        }
        return all;
    }

    private static String relative(Path root, Path file) {
        Path rel = root.relativize(file);
        List<String> parts = new ArrayList<>();
        rel.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "1.4 MB" style sizes for tables (binary units, one decimal). */
    public static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
