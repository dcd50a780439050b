package io.sandboxpipeline.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayManifestTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static List<ReplayFile> parse(String csv) throws IOException {
        return ManifestSource.parse(new StringReader(csv), "manifest.csv");
    }

    private static List<ManifestProblem> problems(String csv) {
        ManifestException e = catchThrowableOfType(ManifestException.class, () -> parse(csv));
        assertThat(e).as("the manifest should be refused").isNotNull();
        return e.problems();
    }

    @Test
    void shouldReadEveryColumnInManifestOrder() throws IOException {
        List<ReplayFile> files = parse("""
                uri,sha256,size,name,event_id
                s3://bucket/z.pdf,%s,1234,Z report.pdf,evt-1
                file:///data/a.txt,,,,
                https://files.example.com/b.bin,,0,,evt-3
                """.formatted(SHA.toUpperCase()));

        assertThat(files).containsExactly(
                new ReplayFile("s3://bucket/z.pdf", "Z report.pdf", 1234L, SHA, null, "evt-1"),
                new ReplayFile("file:///data/a.txt", null, null, null, null, null),
                new ReplayFile("https://files.example.com/b.bin", null, 0L, null, null, "evt-3"));
    }

    @Test
    void shouldReadQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
        List<ReplayFile> files = parse("uri,name\r\n"
                + "\"s3://bucket/a,b.txt\",\"say \"\"hi\"\", twice\"\r\n"
                + "s3://bucket/c.txt,\"two\nlines\"\r\n");

        assertThat(files).extracting(ReplayFile::uri).containsExactly("s3://bucket/a,b.txt", "s3://bucket/c.txt");
        assertThat(files).extracting(ReplayFile::name).containsExactly("say \"hi\", twice", "two\nlines");
    }

    @Test
    void shouldAcceptAByteOrderMarkHeaderCaseBlankLinesExtraColumnsAndAbsolutePaths() throws IOException {
        List<ReplayFile> files = parse("\uFEFF URI , Owner\n\n/srv/files/x y.txt,alice\n   \ns3://b/k,bob\n");

        assertThat(files).extracting(ReplayFile::uri).containsExactly("file:///srv/files/x%20y.txt", "s3://b/k");
    }

    @Test
    void shouldReportEveryBadRowWithItsLineNumber() {
        List<ManifestProblem> problems = problems("""
                uri,sha256,size,note
                s3://ok/1,,1,
                ,,2,
                s3://ok/2,not-a-hash,3,
                s3://ok/3,,-5,
                s3://ok/4,,12,x,extra
                s3://ok/5,,5,"a note that
                spans two lines"
                ftp://old/6,,6,
                s3://ok/1,,7,
                s3://ok/"8",,8,
                "s3://ok/9"x,,9,
                "s3://never/closed,,10,
                """);

        assertThat(problems).extracting(ManifestProblem::line).containsExactly(3, 4, 5, 6, 9, 10, 11, 12, 13);
        assertThat(problems.get(0).message()).contains("uri is empty");
        assertThat(problems.get(1).message()).contains("sha256 must be 64 hex digits").contains("not-a-hash");
        assertThat(problems.get(2).message()).contains("size must be a whole number").contains("-5");
        assertThat(problems.get(3).message()).contains("5 fields, but the header has 4");
        assertThat(problems.get(4).message()).contains("ftp://old/6");
        assertThat(problems.get(5).message()).contains("already on line 2");
        assertThat(problems.get(6).message()).contains("quote inside an unquoted field");
        assertThat(problems.get(7).message()).contains("text after a closing quote");
        assertThat(problems.get(8).message()).contains("never closed");
    }

    @Test
    void shouldRefuseAManifestWithoutAUriColumn() {
        List<ManifestProblem> problems = problems("path,size\n/data/a,1\n");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("no 'uri' column");
        });
    }

    @Test
    void shouldRefuseDuplicateEventIds() {
        List<ManifestProblem> problems = problems("uri,event_id\ns3://b/1,same\ns3://b/2,same\n");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("event_id same is already on line 2");
        });
    }

    @Test
    void shouldListTheFirstProblemsInTheMessage() {
        StringBuilder csv = new StringBuilder("uri,size\n");
        for (int i = 0; i < 25; i++) {
            csv.append("s3://b/").append(i).append(",x\n");
        }
        ManifestException e = catchThrowableOfType(ManifestException.class, () -> parse(csv.toString()));

        assertThat(e.problems()).hasSize(25);
        assertThat(e.getMessage()).contains("manifest.csv has 25 problems (nothing was published)")
                .contains("line 2: size must be").contains("line 21:").doesNotContain("line 22:").contains("... and 5 more");
    }
}
