package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.core.source.Sha256;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The files a manifest CSV names, in the manifest's order. UTF-8, a header row first; the {@code uri} column is
 * required, {@code sha256}, {@code size}, {@code name} and {@code event_id} are optional, other columns are ignored.
 * A {@code uri} is {@code file://}, {@code s3://}, {@code http(s)://}, or an absolute local path. Every row is checked
 * before anything is published; all problems are reported at once, each with its line number.
 */
public final class ManifestSource implements ReplaySource {

    static final String URI = "uri";
    static final String SHA256 = "sha256";
    static final String SIZE = "size";
    static final String NAME = "name";
    static final String EVENT_ID = "event_id";
    private static final Set<String> SCHEMES = Set.of("file", "s3", "http", "https");

    private final Path manifest;

    public ManifestSource(Path manifest) {
        this.manifest = Objects.requireNonNull(manifest, "manifest");
    }

    @Override
    public List<ReplayFile> list() throws IOException {
        try (Reader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            return parse(reader, manifest.toString());
        }
    }

    @Override
    public String description() {
        return manifest.toAbsolutePath().normalize().toString();
    }

    /** Parses a manifest; {@code name} only appears in the error message. */
    static List<ReplayFile> parse(Reader reader, String name) throws IOException {
        List<CsvRecords.CsvRecord> records = CsvRecords.read(reader).stream().filter(r -> !r.isBlank()).toList();
        List<ManifestProblem> problems = new ArrayList<>();
        if (records.isEmpty()) {
            throw new ManifestException(name, List.of(new ManifestProblem(1, "the manifest is empty: the first row must be a header with a 'uri' column")));
        }
        Header header = header(records.get(0), problems);
        List<ReplayFile> files = new ArrayList<>();
        if (problems.isEmpty()) {
            Map<String, Integer> firstLineOfId = new HashMap<>();
            for (CsvRecords.CsvRecord record : records.subList(1, records.size())) {
                row(record, header, problems, firstLineOfId).ifPresent(files::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(name, problems);
        }
        return files;
    }

    /** The manifest's columns by name, and how many fields every row must have. */
    private record Header(Map<String, Integer> columns, int width) {
    }

    private static Header header(CsvRecords.CsvRecord header, List<ManifestProblem> problems) {
        Map<String, Integer> columns = new HashMap<>();
        if (header.error() != null) {
            problems.add(new ManifestProblem(header.line(), "header: " + header.error()));
            return new Header(columns, 0);
        }
        for (int i = 0; i < header.fields().size(); i++) {
            String column = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            if (!column.isEmpty() && columns.putIfAbsent(column, i) != null) {
                problems.add(new ManifestProblem(header.line(), "header: column '" + column + "' appears twice"));
            }
        }
        if (!columns.containsKey(URI)) {
            problems.add(new ManifestProblem(header.line(), "header: no 'uri' column (columns: uri, and optionally sha256, size, name, event_id); found "
                    + header.fields()));
        }
        return new Header(Map.copyOf(columns), header.fields().size());
    }

    private static Optional<ReplayFile> row(CsvRecords.CsvRecord record, Header header, List<ManifestProblem> problems,
                                            Map<String, Integer> firstLineOfId) {
        Map<String, Integer> columns = header.columns();
        int line = record.line();
        if (record.error() != null) {
            problems.add(new ManifestProblem(line, record.error()));
            return Optional.empty();
        }
        if (record.fields().size() != header.width()) {
            problems.add(new ManifestProblem(line, record.fields().size() + " fields, but the header has " + header.width()
                    + " (quote fields that contain a comma)"));
            return Optional.empty();
        }
        int before = problems.size();
        String uri = uri(field(record, columns, URI), line, problems);
        String sha256 = field(record, columns, SHA256);
        if (sha256 != null && !Sha256.isValid(sha256)) {
            problems.add(new ManifestProblem(line, "sha256 must be 64 hex digits or empty, got '" + sha256 + "'"));
        }
        Long size = size(field(record, columns, SIZE), line, problems);
        String eventId = field(record, columns, EVENT_ID);
        if (problems.size() > before) {
            return Optional.empty();
        }
        String id = eventId != null ? "event_id " + eventId : "uri " + uri;
        Integer earlier = firstLineOfId.putIfAbsent(id, line);
        if (earlier != null) {
            problems.add(new ManifestProblem(line, id + " is already on line " + earlier
                    + (eventId != null ? " (event ids must be unique)" : " (list a file once, or give the rows distinct event_id values)")));
            return Optional.empty();
        }
        return Optional.of(new ReplayFile(uri, field(record, columns, NAME), size, sha256, null, eventId));
    }

    /** The trimmed value of a column, null when the column is absent or the value empty. */
    private static String field(CsvRecords.CsvRecord record, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        if (index == null) {
            return null;
        }
        String value = record.fields().get(index).strip();
        return value.isEmpty() ? null : value;
    }

    private static String uri(String value, int line, List<ManifestProblem> problems) {
        if (value == null) {
            problems.add(new ManifestProblem(line, "uri is empty"));
            return null;
        }
        if (value.startsWith("/")) {
            return Path.of(value).toUri().toString();
        }
        try {
            URI parsed = new URI(value);
            String scheme = parsed.getScheme() == null ? null : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || !SCHEMES.contains(scheme)) {
                problems.add(new ManifestProblem(line, "uri must be file://, s3://, http(s):// or an absolute path, got '" + value + "'"));
                return null;
            }
            return value;
        } catch (URISyntaxException e) {
            problems.add(new ManifestProblem(line, "uri is not a valid URI (" + e.getReason() + " at index " + e.getIndex()
                    + "; percent-encode spaces as %20): '" + value + "'"));
            return null;
        }
    }

    private static Long size(String value, int line, List<ManifestProblem> problems) {
        if (value == null) {
            return null;
        }
        try {
            long size = Long.parseLong(value);
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new ManifestProblem(line, "size must be a whole number of bytes or empty, got '" + value + "'"));
        return null;
    }
}
