package io.sandboxpipeline.tools.replay;

/**
 * Why one row of a manifest cannot be replayed.
 *
 * @param line    the line the row starts on (1 is the header)
 * @param message what is wrong and how to fix it
 */
public record ManifestProblem(int line, String message) {

    public ManifestProblem {
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1, got " + line);
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a manifest problem needs a message");
        }
    }

    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
