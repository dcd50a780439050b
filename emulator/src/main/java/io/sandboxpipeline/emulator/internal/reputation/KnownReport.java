package io.sandboxpipeline.emulator.internal.reputation;

import io.sandboxpipeline.emulator.internal.content.EmulatedVerdict;
import java.time.Instant;

/**
 * A scan report that decides a reputation once its flow has finished.
 *
 * @param finishedAt when the flow finishes (by the emulator's clock); until then the report is not known
 * @param verdict    the report's verdict
 * @param reportId   report UUID
 * @param flowId     the flow
 * @param reportDate the report's {@code created_date} ("MM/DD/YYYY, HH:MM:SS")
 */
public record KnownReport(Instant finishedAt, EmulatedVerdict verdict, String reportId, String flowId, String reportDate) {
}
