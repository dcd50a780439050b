package io.sandboxpipeline.app.chaos;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of the project's own class path entries (class directories and {@code io.sandboxpipeline} jars), so
 * that a {@code mvn install} of another module while a child process runs (and is restarted) cannot swap its classes
 * from under it. Third-party jars are used where they are.
 */
final class ClassPathCopy {

    private static final String PROJECT_JARS = File.separator + "io" + File.separator + "sandboxpipeline" + File.separator;

    private ClassPathCopy() {
    }

    /** Copies into {@code dir} and returns the class path that uses the copies. */
    static String of(String classPath, Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) || entry.contains(PROJECT_JARS) && Files.isRegularFile(path)) {
                Path copy = dir.resolve(index++ + "-" + path.getFileName());
                copy(path, copy);
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void copy(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (Stream<Path> paths = Files.walk(source)) {
            paths.forEach(path -> {
                try {
                    Path destination = target.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(destination);
                    } else {
                        Files.copy(path, destination);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot copy " + path + " for the child process's class path", e);
                }
            });
        }
    }
}
