package io.sandboxpipeline.tools.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every regular file under a directory, recursively, sorted by its path relative to the directory ({@code /}-separated,
 * compared as text). Symbolic links are neither followed nor listed: the submitter refuses links that leave its
 * allowed roots anyway. Paths in {@code excluded} (the replay's own checkpoint and report) are left out, so a replay
 * of the working directory does not list the files it writes itself.
 */
public final class DirectorySource implements ReplaySource {

    private final Path root;
    private final Set<Path> excluded;

    /**
     * @param root     the directory to replay
     * @param excluded files or directories to leave out (anything at or under them)
     */
    public DirectorySource(Path root, Set<Path> excluded) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.excluded = excluded.stream().map(p -> p.toAbsolutePath().normalize()).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public List<ReplayFile> list() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a directory");
        }
        List<Listed> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(path -> !isExcluded(path)).forEach(path -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile()) {
                        files.add(new Listed(relative(path), path, attributes));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw new IOException("cannot list " + root + ": " + e.getCause().getMessage(), e.getCause());
        }
        files.sort(Comparator.comparing(Listed::relative));
        return files.stream().map(Listed::toFile).toList();
    }

    private boolean isExcluded(Path path) {
        return excluded.stream().anyMatch(path::startsWith);
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    @Override
    public String description() {
        return root.toString();
    }

    private record Listed(String relative, Path path, BasicFileAttributes attributes) {

        ReplayFile toFile() {
            return new ReplayFile(path.toUri().toString(), path.getFileName().toString(), attributes.size(), null,
                    attributes.lastModifiedTime().toInstant(), null);
        }
    }
}
