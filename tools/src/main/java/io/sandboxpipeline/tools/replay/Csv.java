package io.sandboxpipeline.tools.replay;

import java.util.List;
import java.util.stream.Collectors;

/** CSV as RFC 4180 writes it: a field with a comma, a quote or a line break is quoted, and its quotes doubled. */
final class Csv {

    private Csv() {
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    static String row(List<String> values) {
        return values.stream().map(Csv::field).collect(Collectors.joining(","));
    }
}
