package dev.confab.policy;

import java.io.PrintWriter;

/** The text {@code confab --print-effective-config} prints: one row per key with its value and source. */
public final class EffectiveConfigReport {

    private EffectiveConfigReport() {
    }

    public static void print(EffectiveConfig config, PrintWriter out) {
        Policy policy = config.policy();
        sourceLines(policy).forEach(out::println);
        out.println();
        table(config, out);
    }

    /**
     * {@code confab --check-policy FILE}: one file on its own, as the installers validate a policy before putting
     * it in place (an added file's keys that the current system policy enforces would otherwise be warnings).
     */
    public static void printCheck(Policy file, PrintWriter out) {
        out.println("Checking policy file: " + file.file() + " (" + describe(file.status())
                + "; only checked, not in force)");
        out.println();
        table(EffectiveConfig.merge(file, java.util.Map.of()), out);
    }

    private static void table(EffectiveConfig config, PrintWriter out) {
        int keyWidth = "KEY".length();
        int valueWidth = "VALUE".length();
        for (EffectiveConfig.Entry e : config.entries()) {
            keyWidth = Math.max(keyWidth, e.key().jsonName().length());
            valueWidth = Math.max(valueWidth, PolicyKey.display(e.value()).length());
        }
        String row = "%-" + keyWidth + "s  %-" + valueWidth + "s  %s%n";
        out.printf(row, "KEY", "VALUE", "SOURCE");
        for (EffectiveConfig.Entry e : config.entries()) {
            out.printf(row, e.key().jsonName(), PolicyKey.display(e.value()), e.source());
        }
        if (!config.warnings().isEmpty()) {
            out.println();
            out.println("Warnings:");
            config.warnings().forEach(w -> out.println("  - " + w));
        }
        out.flush();
    }

    /**
     * Which policy files were read: the system policy (always, and always in force) and any file added with
     * {@code CONFAB_POLICY_FILE}, which can add settings but cannot change what the system policy enforces.
     */
    public static java.util.List<String> sourceLines(Policy policy) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        Policy system = policy.system();
        lines.add("Policy file: " + system.file() + " (system policy, " + describe(system.status())
                + (system.status() == Policy.Status.LOADED ? "; in force: " + system.enforced().size()
                + " enforced, " + system.defaults().size() + " defaults" : "") + ")");
        for (Policy added : policy.added()) {
            lines.add("Added policy file: " + added.file() + " (from " + PolicyFile.OVERRIDE_ENV + ", "
                    + describe(added.status()) + "; adds to the system policy, cannot change what it enforces)");
        }
        return lines;
    }

    private static String describe(Policy.Status status) {
        return switch (status) {
            case ABSENT -> "not present: nothing is preset or locked";
            case LOADED -> "loaded";
            case UNREADABLE -> "IGNORED: see warnings";
        };
    }
}
