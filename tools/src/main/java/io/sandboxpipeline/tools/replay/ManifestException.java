package io.sandboxpipeline.tools.replay;

import java.io.IOException;
import java.util.List;

/** A manifest with rows that cannot be replayed; nothing is published until every row is fixed. */
public final class ManifestException extends IOException {

    private static final long serialVersionUID = 1L;
    /** How many problems the message lists; {@link #problems()} has them all. */
    static final int LISTED = 20;

    private final transient List<ManifestProblem> problems;

    ManifestException(String manifest, List<ManifestProblem> problems) {
        super(message(manifest, problems));
        this.problems = List.copyOf(problems);
    }

    public List<ManifestProblem> problems() {
        return problems;
    }

    private static String message(String manifest, List<ManifestProblem> problems) {
        StringBuilder text = new StringBuilder(manifest).append(" has ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append(" (nothing was published):");
        problems.stream().limit(LISTED).forEach(p -> text.append(System.lineSeparator()).append("  ").append(p));
        if (problems.size() > LISTED) {
            text.append(System.lineSeparator()).append("  ... and ").append(problems.size() - LISTED).append(" more");
        }
        return text.toString();
    }
}
