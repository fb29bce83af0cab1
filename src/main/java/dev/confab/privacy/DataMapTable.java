package dev.confab.privacy;

import dev.confab.i18n.Messages;
import dev.confab.storage.AppPaths;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@link DataMap} as Markdown tables, in English: the part of docs/privacy.md between its data-map markers
 * (DataMapTest fails when the file says anything else), with each stored category's files as
 * {@link DataLocations} finds them.
 */
public final class DataMapTable {
    public static final String START = "<!-- data-map:start (generated from dev.confab.privacy.DataMap; DataMapTest checks it) -->";
    public static final String END = "<!-- data-map:end -->";
    private static final Locale EN = Messages.ENGLISH;
    // Stand-ins for the per-user folders, replaced by their names in the table.
    private static final AppPaths SYMBOLIC = new AppPaths(Path.of("/CONFIG"), Path.of("/DATA"), Path.of("/LOGS"), Path.of("/CACHE"));

    private DataMapTable() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder(START).append("\n\n### Stored on this computer\n\n");
        out.append("| Category (`confab data`) | What | Where | Why | How long | Who can see it | Governed by |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (DataKind kind : DataMap.stored()) {
            DataCategory category = kind.category().orElseThrow();
            out.append(row(Messages.get(EN, kind.key("name")) + " (`" + category.cliName() + "`)", text(kind, "what"),
                    where(category), text(kind, "why"), text(kind, "kept"), text(kind, "who"), governance(kind)));
        }
        out.append("\n### Sent to a meeting\n\n");
        out.append("| Kind | What | Why | How long | Who can see it | Governed by |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (DataKind kind : DataMap.sent()) {
            out.append(row(Messages.get(EN, kind.key("name")), text(kind, "what"), text(kind, "why"), text(kind, "kept"),
                    text(kind, "who"), governance(kind)));
        }
        return out.append('\n').append(END).toString();
    }

    private static String text(DataKind kind, String part) {
        return Messages.get(EN, kind.key(part));
    }

    /** The words, then the permission and setting by their names in code. */
    private static String governance(DataKind kind) {
        String code = kind.permission().map(p -> "permission `" + p.name() + "`").orElse("")
                + (kind.setting() == DataKind.Setting.NONE ? "" : (kind.permission().isPresent() ? ", " : "")
                + "setting `" + kind.setting().name() + "`");
        return text(kind, "control") + (code.isEmpty() ? "" : " (" + code + ")");
    }

    /** The category's roots with the folders named: {@code <data>/history}. */
    static String where(DataCategory category) {
        if (category == DataCategory.PROFILE) {
            return "the name in `<config>/settings.json`; a picture an older version kept: `<data>/profile/`";
        }
        if (category == DataCategory.RECORDINGS) {
            return "`<Videos>/Confab/` or the folder chosen in Settings (portable: `<data>/recordings/`)";
        }
        return new DataLocations(SYMBOLIC, Path.of("/VIDEOS")).roots(category).stream()
                .map(root -> "`" + named(root) + (root.getFileName().toString().contains(".") ? "" : "/") + "`")
                .collect(Collectors.joining(", "));
    }

    private static String named(Path root) {
        String s = root.toString().replace('\\', '/');
        for (String folder : List.of("CONFIG", "DATA", "LOGS", "CACHE")) {
            if (s.startsWith("/" + folder)) {
                return "<" + folder.toLowerCase(Locale.ROOT) + ">" + s.substring(folder.length() + 1);
            }
        }
        return s;
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", List.of(cells).stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
    }
}
