/**
 * S3 event notifications in: AWS S3, MinIO, Ceph RGW and other S3-compatible stores publish "an object was created"
 * JSON to a Kafka topic; {@link io.sandboxpipeline.submitter.ingest.S3EventsTopology} turns each created object into
 * one {@code FileArrival} on the pipeline's input topic, ignores (and counts) test events and other event types,
 * drops repeated notifications for the same object version, and dead-letters what it cannot read.
 */
package io.sandboxpipeline.submitter.ingest;
