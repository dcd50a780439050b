/**
 * The opt-in JSON mirror of the verdicts topic ({@code enricher.json.mirror=true}): every enriched verdict also as a
 * strict JSON object on {@code <prefix>verdicts-json}, keyed by event id, for tools that cannot read Avro.
 */
package io.sandboxpipeline.enricher.json;
