package io.sandboxpipeline.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records of the submitter's inputs (file-arrivals, which it hashes, and scan-requests, which it turns into
 * pending work) the submitter has not read and committed yet: the sum over their partitions of the committed end
 * (last stable offset) minus the submitter group's committed offset. Zero means every published event is pending work
 * in the submitter's stores (or already done).
 */
final class SubmitterLag implements AutoCloseable {

    private final Admin admin;
    private final String groupId;
    private final List<String> topics;

    SubmitterLag(String bootstrap, String groupId, List<String> topics) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
    }

    /** Records not yet read and committed by the submitter. */
    long records() throws InterruptedException {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get().values().forEach(topic -> topic.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                lag += Math.max(0, ends.get(partition).offset() - (offset == null ? 0 : offset.offset()));
            }
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the submitter's consumer lag: " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
