package io.sandboxpipeline.submitter.submission;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A random marker sent with one upload, as a tag and in the description (both documented form fields), so that a
 * search can tell this pipeline's own upload from anyone else's report of the same content. It says nothing about the
 * file or the company: {@code sp-} and 26 base32 characters (130 random bits).
 */
final class UploadToken {

    private static final Pattern FORM = Pattern.compile("sp-[a-z2-7]{26}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private UploadToken() {
    }

    static String next() {
        StringBuilder token = new StringBuilder("sp-");
        for (int i = 0; i < 26; i++) {
            token.append(BASE32[RANDOM.nextInt(BASE32.length)]);
        }
        return token.toString();
    }

    static boolean isToken(String text) {
        return text != null && FORM.matcher(text.toLowerCase(Locale.ROOT)).matches();
    }
}
