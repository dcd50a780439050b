/**
 * The local look-up endpoint (not the reputation check, which is {@code submission.ReputationCheck}): the pipeline's
 * own {@code GET /api/reputation/hash?sha256=} answered from the submitter's
 * verdict cache (a Kafka Streams interactive query, forwarded to the instance that holds the key), in the Sandbox's
 * own response shape, on the submitter's ops server.
 */
package io.sandboxpipeline.submitter.lookup;
