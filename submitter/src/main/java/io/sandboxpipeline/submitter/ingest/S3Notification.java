package io.sandboxpipeline.submitter.ingest;

import java.util.List;
import java.util.Objects;

/** What one S3 event notification message said: either the store's test event, or one or more event records. */
public sealed interface S3Notification permits S3Notification.TestEvent, S3Notification.Records {

    /**
     * The message AWS S3 sends once after a bucket notification is configured ({@code "Event":"s3:TestEvent"}).
     *
     * @param bucket the bucket it was sent for; null if the message does not say
     */
    record TestEvent(String bucket) implements S3Notification {
    }

    /**
     * The event records of a notification, in the order the store sent them.
     *
     * @param records at least one record
     */
    record Records(List<S3EventRecord> records) implements S3Notification {

        public Records {
            records = List.copyOf(Objects.requireNonNull(records, "records"));
            if (records.isEmpty()) {
                throw new IllegalArgumentException("a notification with records has at least one");
            }
        }
    }
}
