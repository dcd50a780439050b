package io.sandboxpipeline.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the simple text fields of a recorded multipart/form-data body (test helper). */
final class MultipartFields {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"(; filename=\"([^\"]*)\")?");

    private MultipartFields() {
    }

    /** Field name to value; a file part's value is {@code filename=<name>} followed by its content. */
    static Map<String, String> parse(String contentType, String body) {
        Matcher boundaryMatch = BOUNDARY.matcher(contentType);
        if (!boundaryMatch.find()) {
            throw new AssertionError("no boundary in " + contentType);
        }
        String delimiter = "--" + boundaryMatch.group(1);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : body.split(Pattern.quote(delimiter))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            Matcher name = NAME.matcher(part.substring(0, headerEnd));
            if (!name.find()) {
                continue;
            }
            String value = part.substring(headerEnd + 4);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            }
            fields.put(name.group(1), name.group(3) == null ? value : "filename=" + name.group(3) + "\n" + value);
        }
        return fields;
    }
}
