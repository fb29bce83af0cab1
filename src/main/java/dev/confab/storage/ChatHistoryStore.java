package dev.confab.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * Chat transcripts kept on this computer, only when the user turned on "Keep chat history" (off by default).
 * One UTF-8 text file per meeting visit in {@code <data>/chat-history/}, owner-only (0600). The privacy
 * center lists and deletes these files; {@link UserDataEraser} removes them with everything else.
 */
public final class ChatHistoryStore {

    public static final String FOLDER = "chat-history";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path folder;
    private final SealedFiles files;

    public ChatHistoryStore(AppPaths paths) {
        this.folder = paths.data().resolve(FOLDER);
        this.files = AtRest.files(paths);
    }

    public Path folder() {
        return folder;
    }

    /** A transcript for one visit to {@code meetingId}, or null when the user has not enabled chat history. */
    public Transcript open(Settings settings, String meetingId, Instant joinedAt) {
        if (!Boolean.TRUE.equals(settings.keepChatHistory())) {
            return null;
        }
        String safeId = meetingId.replaceAll("[^0-9A-Za-z]", "");
        return new Transcript(folder.resolve(safeId + "-" + FILE_TIME.format(joinedAt) + ".txt"), files);
    }

    /** The kept transcripts, newest first. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .sorted(java.util.Comparator.comparing(Path::getFileName).reversed()).toList();
        }
    }

    /**
     * Appends lines to one transcript file, creating it (0600) on the first line. Encrypted at rest (where a keychain
     * holds Confab's key) the file is rewritten whole for each line, atomically: a meeting's chat is small.
     */
    public static final class Transcript {
        private final Path file;
        private final SealedFiles files;

        Transcript(Path file, SealedFiles files) {
            this.file = file;
            this.files = files;
        }

        public Path file() {
            return file;
        }

        public synchronized void append(String line) throws IOException {
            String entry = line.replace("\r", "") + System.lineSeparator();
            if (files.sealing()) {
                byte[] before = Files.exists(file) ? files.read(file) : new byte[0];
                files.write(file, (new String(before, StandardCharsets.UTF_8) + entry).getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                AtomicFiles.restrictDirectory(file.getParent());
                Files.createFile(file);
                AtomicFiles.restrictFile(file);
            }
            Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }
}
