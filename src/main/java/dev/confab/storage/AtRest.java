package dev.confab.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key vault of each Confab home (one set of {@link AppPaths}): the OS keychain unless a test put its own
 * in place. One vault per home for the whole process, so the keychain is asked once, not on every file.
 */
public final class AtRest {
    private static final Map<AppPaths, KeyVault> VAULTS = new ConcurrentHashMap<>();

    private AtRest() {
    }

    public static KeyVault vault(AppPaths paths) {
        return VAULTS.computeIfAbsent(paths, p -> new OsKeychain(p.data()));
    }

    /** Sealed files of this home: encrypted when its vault holds a key. */
    public static SealedFiles files(AppPaths paths) {
        return new SealedFiles(vault(paths));
    }

    /** Uses {@code vault} for this home from now on (tests: a key held in memory instead of the keychain). */
    public static void useVault(AppPaths paths, KeyVault vault) {
        VAULTS.put(paths, vault);
    }

    /** Back to the OS keychain for this home (a test's own vault removed). */
    public static void useKeychain(AppPaths paths) {
        VAULTS.remove(paths);
    }
}
