/**
 * The IOC feed sub-topology of the enricher: {@code <prefix>verdicts} in, one aggregated entry per indicator of
 * compromise ({@code <type>:<value>}) out on the compacted {@code <prefix>ioc-feed}.
 */
package io.sandboxpipeline.enricher.iocfeed;
