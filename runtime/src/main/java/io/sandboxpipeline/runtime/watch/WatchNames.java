package io.sandboxpipeline.runtime.watch;

import java.nio.file.Path;

/**
 * Names a watched folder leaves alone: files still being written under a temporary name ({@code *.part},
 * {@code *.tmp}, {@code *.crdownload}), Office lock files ({@code ~$*}) and hidden files and folders (dot names).
 */
final class WatchNames {

    private WatchNames() {
    }

    static boolean ignored(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return false;
        }
        String text = name.toString();
        return text.startsWith(".") || text.startsWith("~$") || text.endsWith(".part") || text.endsWith(".tmp")
                || text.endsWith(".crdownload");
    }
}
