package io.sandboxpipeline.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.core.config.ConfigValues;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplayS3ListingTest {

    private ListingFakeS3 fake;
    private ReplaySources sources;

    @BeforeEach
    void startStore() throws IOException {
        fake = new ListingFakeS3(2);
    }

    @AfterEach
    void stopStore() {
        if (sources != null) {
            sources.close();
        }
        fake.close();
    }

    private ReplaySource open(String spec) {
        ConfigValues values = ConfigValues.of(Map.of(
                "s3.endpoint", fake.endpoint().toString(),
                "s3.access.key", "AKIAFAKEREPLAYKEY000",
                "s3.secret.key", "fake/replay+secret-0123456789abcdef"));
        sources = ReplaySources.open(spec, values, Set.of());
        return sources.source();
    }

    @Test
    void shouldListEveryObjectUnderThePrefixAcrossPagesSortedAndWithoutFolderMarkers() throws IOException {
        // given: 5 objects under the prefix (3 pages of 2), a folder marker, and objects outside the prefix
        fake.put("archive", "2024/q1/b.pdf", 20).put("archive", "2024/q1/a.txt", 10)
                .put("archive", "2024/q1/", 0).put("archive", "2024/q1/sub/c.bin", 30)
                .put("archive", "2024/q1/d.doc", 40).put("archive", "2024/q1/e.js", 50)
                .put("archive", "2024/q2/outside.txt", 60).put("archive", "2023/old.txt", 70);

        // when
        List<ReplayFile> files = open("s3://archive/2024/q1/").list();

        // then
        assertThat(files).extracting(ReplayFile::uri).containsExactly(
                "s3://archive/2024/q1/a.txt", "s3://archive/2024/q1/b.pdf", "s3://archive/2024/q1/d.doc",
                "s3://archive/2024/q1/e.js", "s3://archive/2024/q1/sub/c.bin");
        assertThat(files).extracting(ReplayFile::size).containsExactly(10L, 20L, 40L, 50L, 30L);
        assertThat(files).extracting(ReplayFile::name).containsExactly("a.txt", "b.pdf", "d.doc", "e.js", "c.bin");
        assertThat(files).allSatisfy(f -> assertThat(f.storedAt()).isEqualTo(Instant.parse("2025-02-03T04:05:06Z")));
        assertThat(fake.listRequests()).hasSize(3).allSatisfy(q -> assertThat(q).containsEntry("prefix", "2024/q1/"));
        assertThat(fake.listRequests().get(1)).containsKey("continuation-token");
    }

    @Test
    void shouldGiveKeysWithSpacesAndReservedCharactersUrisWhosePathIsTheKey() throws IOException {
        // given
        List<String> keys = List.of("in box/report Q1.pdf", "a+b=c&d.txt", "what?#100%.txt", "résumé ü.docx");
        keys.forEach(key -> fake.put("odd", key, 1));

        // when
        List<ReplayFile> files = open("s3://odd").list();

        // then: the submitter reads the key back as the uri's decoded path
        assertThat(files).extracting(f -> URI.create(f.uri()).getPath().substring(1)).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(files).allSatisfy(f -> {
            URI uri = URI.create(f.uri());
            assertThat(uri.getScheme()).isEqualTo("s3");
            assertThat(uri.getAuthority()).isEqualTo("odd");
            assertThat(uri.getRawQuery()).isNull();
            assertThat(uri.getRawFragment()).isNull();
        });
    }

    @Test
    void shouldSayWhatToCheckWhenListingIsDenied() {
        fake.put("secret", "x.txt", 1).deny("secret");

        assertThatThrownBy(() -> open("s3://secret/").list())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot list s3://secret/")
                .hasMessageContaining("403")
                .hasMessageContaining("s3:ListBucket")
                .hasMessageNotContaining("fake/replay+secret");
    }

    @Test
    void shouldSayTheBucketDoesNotExist() {
        assertThatThrownBy(() -> open("s3://missing/prefix").list())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("404")
                .hasMessageContaining("bucket does not exist");
    }

    @Test
    void shouldRefuseAnS3SourceWithoutABucket() {
        assertThatThrownBy(() -> open("s3:///prefix"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3://bucket/prefix");
    }
}
