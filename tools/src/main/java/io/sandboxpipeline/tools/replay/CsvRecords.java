package io.sandboxpipeline.tools.replay;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 writes it: comma-separated fields, records ending in LF or CRLF, fields in double quotes may
 * hold commas, line breaks and doubled quotes ({@code ""}). Each record carries the line it starts on, so a problem
 * can be reported where an editor shows it. A malformed record (text after a closing quote, a quote inside an
 * unquoted field, a quote never closed) is returned with its error instead of its fields, and reading goes on with
 * the next line.
 */
public final class CsvRecords {

    /** One record: its fields, or the reason it could not be read. */
    public record CsvRecord(int line, List<String> fields, String error) {

        boolean isBlank() {
            return error == null && fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    private static final int END = -1;

    private final Reader in;
    private int line = 1;
    private int pushedBack = Integer.MIN_VALUE;

    private CsvRecords(Reader in) {
        this.in = in;
    }

    /** Every record of the input (a leading byte-order mark is skipped). */
    public static List<CsvRecord> read(Reader in) throws IOException {
        CsvRecords reader = new CsvRecords(in);
        int first = reader.next();
        if (first != '\uFEFF') {
            reader.pushBack(first);
        }
        List<CsvRecord> records = new ArrayList<>();
        CsvRecord record;
        while ((record = reader.record()) != null) {
            records.add(record);
        }
        return records;
    }

    private CsvRecord record() throws IOException {
        int c = next();
        if (c == END) {
            return null;
        }
        pushBack(c);
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false;
        while (true) {
            c = next();
            if (quoted) {
                if (c == END) {
                    return new CsvRecord(start, List.of(), "a quoted field opened on line " + start + " is never closed");
                } else if (c == '"') {
                    int following = next();
                    if (following == '"') {
                        field.append('"');
                    } else {
                        pushBack(following);
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == END || c == '\r' && peekIsNewline()) {
                fields.add(field.toString());
                return new CsvRecord(start, List.copyOf(fields), null);
            } else if (c == '"' && field.length() == 0 && !afterQuote) {
                quoted = true;
            } else if (afterQuote) {
                skipRestOfLine();
                return new CsvRecord(start, List.of(), "text after a closing quote (a quote inside a quoted field is written \"\")");
            } else if (c == '"') {
                skipRestOfLine();
                return new CsvRecord(start, List.of(), "a quote inside an unquoted field (quote the whole field and double the quote: \"a \"\"b\"\"\")");
            } else {
                field.append((char) c);
            }
        }
    }

    private boolean peekIsNewline() throws IOException {
        int following = next();
        if (following == '\n') {
            return true;
        }
        pushBack(following);
        return false;
    }

    private void skipRestOfLine() throws IOException {
        int c;
        do {
            c = next();
        } while (c != '\n' && c != END);
    }

    private int next() throws IOException {
        int c;
        if (pushedBack != Integer.MIN_VALUE) {
            c = pushedBack;
            pushedBack = Integer.MIN_VALUE;
        } else {
            c = in.read();
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private void pushBack(int c) {
        if (c == '\n') {
            line--;
        }
        pushedBack = c;
    }
}
