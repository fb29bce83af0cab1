package dev.confab.policy;

import java.io.PrintWriter;

/** The text {@code confab --print-effective-config} prints: one row per key with its value and source. */
public final class EffectiveConfigReport {

    private EffectiveConfigReport() {
    }

    public static void print(EffectiveConfig config, PrintWriter out) {
        Policy policy = config.policy();
        out.println("Policy file: " + policy.file() + " (" + describe(policy.status()) + ")");
        out.println();
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

    private static String describe(Policy.Status status) {
        return switch (status) {
            case ABSENT -> "not present: nothing is preset or locked";
            case LOADED -> "loaded";
            case UNREADABLE -> "IGNORED: see warnings";
        };
    }
}
