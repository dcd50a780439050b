package io.sandboxpipeline.client.internal;

/** Keeps texts from the service short before they reach messages. */
final class SandboxTextLimits {

    /** A little above {@code SandboxException.MAX_DETAIL_LENGTH}, which does the final cut. */
    static final int MAX_TEXT = 1000;

    private SandboxTextLimits() {
    }

    static String cut(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT);
    }
}
