package io.sandboxpipeline.submitter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3FileArrivalsTest {

    private static S3EventRecord put(String key, String eTag, String versionId, String sequencer) {
        return new S3EventRecord("ObjectCreated:Put", "aws:s3", "us-west-2", Instant.EPOCH, "mybucket", key, 10L,
                eTag, versionId, sequencer, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HappyFace.jpg", "photos/red flower.jpg", "a+b=c&d;e", "100% sure?#fragment", "été/日本語.pdf",
        "dir//double/slash", "/leading", "tab\tand\"quote\\<x>{y}|^`", "trailing/"})
    void shouldBuildUrisThatGiveTheKeyBack(String key) throws Exception {
        String uri = S3Uris.of("my-bucket.example_1", key);

        URI parsed = FileSources.parse(uri);
        assertThat(parsed.getScheme()).isEqualTo("s3");
        assertThat(parsed.getAuthority()).isEqualTo("my-bucket.example_1");
        assertThat(parsed.getPath()).isEqualTo("/" + key);
        assertThat(parsed.getQuery()).isNull();
        assertThat(parsed.getFragment()).isNull();
    }

    @Test
    void shouldEncodeOnlyWhatAUriNeeds() {
        assertThat(S3Uris.of("images", "photos/red flower+1.jpg")).isEqualTo("s3://images/photos/red%20flower+1.jpg");
        assertThat(S3Uris.of("images", "été.pdf")).isEqualTo("s3://images/%C3%A9t%C3%A9.pdf");
    }

    @Test
    void shouldGiveTheSameObjectVersionTheSameIdAndOtherVersionsOtherIds() {
        String id = S3FileArrivals.eventId(put("a.txt", "e1", "v1", "s1"));

        assertThat(id).matches("s3:[0-9a-f]{64}");
        assertThat(S3FileArrivals.eventId(put("a.txt", "e1", "v1", "s1"))).isEqualTo(id);
        // a redelivery through another route may differ in time and region but not in the version
        assertThat(S3FileArrivals.eventId(new S3EventRecord("ObjectCreated:Put", "aws:s3", null, null, "mybucket", "a.txt",
                null, "e1", "v1", "s1", null))).isEqualTo(id);
        assertThat(S3FileArrivals.eventId(put("a.txt", "e1", "v2", "s2"))).isNotEqualTo(id);
        assertThat(S3FileArrivals.eventId(put("b.txt", "e1", "v1", "s1"))).isNotEqualTo(id);
    }

    @Test
    void shouldTellOverwritesApartWhenTheBucketIsNotVersioned() {
        // S3's "null" version and a missing one are overwritten in place: the sequencer tells the writes apart
        assertThat(S3FileArrivals.eventId(put("a.txt", "e1", "null", "s1")))
                .isEqualTo(S3FileArrivals.eventId(put("a.txt", "e1", null, "s1")))
                .isNotEqualTo(S3FileArrivals.eventId(put("a.txt", "e1", "null", "s2")));
        // without a sequencer, a new eTag (new content) is a new version
        assertThat(S3FileArrivals.eventId(put("a.txt", "e1", null, null)))
                .isNotEqualTo(S3FileArrivals.eventId(put("a.txt", "e2", null, null)));
    }

    @Test
    void shouldNotLetPartsRunIntoEachOther() {
        S3EventRecord first = new S3EventRecord("ObjectCreated:Put", null, null, null, "ab", "c", null, null, null, "s", null);
        S3EventRecord second = new S3EventRecord("ObjectCreated:Put", null, null, null, "a", "bc", null, null, null, "s", null);

        assertThat(S3FileArrivals.eventId(first)).isNotEqualTo(S3FileArrivals.eventId(second));
    }

    @Test
    void shouldDescribeTheObjectForThePipeline() {
        S3EventRecord record = new S3EventRecord("ObjectCreated:CompleteMultipartUpload", "minio:s3", null,
                Instant.parse("2019-09-10T17:41:54Z"), "images", "2019/holiday photo.jpg", 6474L, "430f-1", "1", "15C3",
                "image/jpeg");

        FileArrival arrival = S3FileArrivals.toFileArrival(record, "s3:id");

        assertThat(arrival.getEventId()).isEqualTo("s3:id");
        assertThat(arrival.getUri()).isEqualTo("s3://images/2019/holiday%20photo.jpg");
        assertThat(arrival.getName()).isEqualTo("holiday photo.jpg");
        assertThat(arrival.getSize()).isEqualTo(6474L);
        assertThat(arrival.getSha256()).isNull();
        assertThat(arrival.getContentType()).isEqualTo("image/jpeg");
        assertThat(arrival.getSourceSystem()).isEqualTo("minio:s3");
        assertThat(arrival.getLane()).isEqualTo(Lane.LIVE);
        assertThat(arrival.getArrivalTime()).isEqualTo(Instant.parse("2019-09-10T17:41:54Z"));
        // region is absent, so it is left out rather than written as an empty value
        assertThat(arrival.getAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bucket", "images", "key", "2019/holiday photo.jpg", "eTag", "430f-1", "versionId", "1",
                "sequencer", "15C3", "eventName", "ObjectCreated:CompleteMultipartUpload"));
    }

    @Test
    void shouldNameFolderMarkersByNothing() {
        assertThat(S3FileArrivals.name("a/b/")).isNull();
        assertThat(S3FileArrivals.name("plain.txt")).isEqualTo("plain.txt");
    }
}
