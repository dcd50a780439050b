package io.sandboxpipeline.emulator.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parameters of a header value such as {@code form-data; name="file"; filename="a.txt"} or
 * {@code multipart/form-data; boundary=xyz}: quoted strings with backslash escapes, and RFC 5987
 * {@code filename*=UTF-8''...} which wins over the plain form.
 */
public final class HeaderParameters {

    private final String value;
    private final Map<String, String> parameters;

    private HeaderParameters(String value, Map<String, String> parameters) {
        this.value = value;
        this.parameters = parameters;
    }

    public static HeaderParameters parse(String header) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int semicolon = indexOfUnquoted(header, 0);
        String value = header.substring(0, semicolon).trim();
        int position = semicolon;
        while (position < header.length()) {
            int next = indexOfUnquoted(header, position + 1);
            String parameter = header.substring(position + 1, next).trim();
            int equals = parameter.indexOf('=');
            if (equals > 0) {
                String name = parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT);
                parameters.put(name, unquote(parameter.substring(equals + 1).trim()));
            }
            position = next;
        }
        String extended = parameters.get("filename*");
        if (extended != null) {
            int quotes = extended.indexOf("''");
            String encoded = quotes >= 0 ? extended.substring(quotes + 2) : extended;
            try {
                parameters.put("filename", URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                parameters.put("filename", encoded);
            }
        }
        return new HeaderParameters(value, parameters);
    }

    /** The value before the first ';', e.g. {@code multipart/form-data}. */
    public String value() {
        return value;
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    private static int indexOfUnquoted(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return text.length();
    }

    private static String unquote(String text) {
        if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() - 1) {
                c = text.charAt(++i);
            }
            result.append(c);
        }
        return result.toString();
    }
}
