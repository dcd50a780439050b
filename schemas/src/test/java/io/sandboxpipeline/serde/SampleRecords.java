package io.sandboxpipeline.serde;

import io.sandboxpipeline.schemas.CachedVerdict;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.Ioc;
import io.sandboxpipeline.schemas.IocFeedEntry;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.schemas.MemberVerdict;
import io.sandboxpipeline.schemas.MitreTechnique;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.ScanResult;
import io.sandboxpipeline.schemas.SignalGroup;
import io.sandboxpipeline.schemas.Tag;
import io.sandboxpipeline.schemas.Verdict;
import io.sandboxpipeline.schemas.WorkPhase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated instance of every record type (millisecond instants, as timestamp-millis keeps). */
final class SampleRecords {

    static final String SHA256 = "dfccbab156d3685c12ce4c9250850ef20b09f4f9c16a343cbee8b7314ea314a0";
    static final Instant ARRIVED = Instant.parse("2025-01-28T10:24:45.123Z");

    private SampleRecords() {
    }

    static List<SpecificRecord> everyRecordType() {
        return List.of(fileArrival(), scanRequest(), scanFlow(), memberVerdict(), scanOutcome(), scanResult(),
                mitreTechnique(), signalGroup(), ioc(), tag(), enrichedVerdict(), deadLetter(), cachedVerdict(), hashWork(),
                iocFeedEntry());
    }

    static CachedVerdict cachedVerdict() {
        return CachedVerdict.newBuilder()
                .setSha256(SHA256).setVerdict(Verdict.MALICIOUS).setThreatLevel(1.0).setConfidence(1.0)
                .setDecidedBy(Decider.SANDBOX).setFlowId("67a1b2c3d4e5f60718293a4b").setArchiveVerdict(null)
                .setMembers(List.of(memberVerdict())).setDecidedAt(ARRIVED).setExpiresAt(ARRIVED.plusSeconds(86_400))
                .build();
    }

    static IocFeedEntry iocFeedEntry() {
        return IocFeedEntry.newBuilder()
                .setType("domain").setValue("malware.example").setVerdict(Verdict.MALICIOUS)
                .setFirstSeen(ARRIVED).setLastSeen(ARRIVED.plusSeconds(3_600)).setScanCount(2)
                .setTags(List.of("emotet", "zip")).setLatestFlowId("67a1b2c3d4e5f60718293a4c").setLatestSha256(SHA256)
                .setRecentFlowIds(List.of("67a1b2c3d4e5f60718293a4c", "67a1b2c3d4e5f60718293a4b"))
                .build();
    }

    static HashWork hashWork() {
        return HashWork.newBuilder()
                .setSha256(SHA256).setPhase(WorkPhase.SCANNING).setRepresentative(scanRequest())
                .setWaiting(List.of(scanRequest(), scanRequest())).setFlowId("67a1b2c3d4e5f60718293a4b").setCreatedAt(ARRIVED)
                .build();
    }

    static FileArrival fileArrival() {
        return FileArrival.newBuilder()
                .setEventId("evt-0001")
                .setUri("s3://uploads/2025/01/invoice.zip")
                .setSha256(SHA256)
                .setSize(48_213L)
                .setName("invoice.zip")
                .setContentType("application/zip")
                .setSourceSystem("upload-portal")
                .setLane(Lane.REPLAY)
                .setArrivalTime(ARRIVED)
                .setAttributes(Map.of("tenant", "acme", "bucket", "uploads"))
                .build();
    }

    static ScanRequest scanRequest() {
        return ScanRequest.newBuilder()
                .setEvent(fileArrival())
                .setSha256(SHA256)
                .setSize(48_213L)
                .setAttempt(2)
                .setPreviousFlowIds(List.of("67a1b2c3d4e5f60718293a4b"))
                .setLastFailureReason("report overallState failed")
                .setHashedAt(ARRIVED.plusMillis(40))
                .setFirstSubmittedAt(ARRIVED.plusSeconds(1))
                .build();
    }

    static ScanFlow scanFlow() {
        return ScanFlow.newBuilder()
                .setRequest(scanRequest())
                .setFlowId("67a1b2c3d4e5f60718293a4c")
                .setSubmittedAt(ARRIVED.plusSeconds(2))
                .setDueAt(ARRIVED.plusSeconds(12))
                .setPollCount(3)
                .setLastPolledAt(ARRIVED.plusSeconds(7))
                .setLastPollPauseSeconds(5)
                .setDeadlineAt(ARRIVED.plusSeconds(900))
                .build();
    }

    static MemberVerdict memberVerdict() {
        return new MemberVerdict("payload.exe", SHA256, Verdict.LIKELY_MALICIOUS, 0.75, null);
    }

    static ScanOutcome scanOutcome() {
        return ScanOutcome.newBuilder()
                .setEvent(fileArrival())
                .setSha256(SHA256)
                .setStatus(OutcomeStatus.DONE)
                .setReason(null)
                .setDecidedBy(Decider.SANDBOX)
                .setVerdict(Verdict.MALICIOUS)
                .setThreatLevel(1.0)
                .setConfidence(1.0)
                .setFlowId("67a1b2c3d4e5f60718293a4c")
                .setArchiveVerdict(Verdict.MALICIOUS)
                .setMembers(List.of(memberVerdict(), new MemberVerdict(null, null, Verdict.NO_THREAT, 0.1, null)))
                .setAttempts(2)
                .setSubmittedAt(ARRIVED.plusSeconds(2))
                .setDecidedAt(ARRIVED.plusSeconds(95))
                .setReferenceFlowId("5f0e1d2c3b4a59687766554d")
                .build();
    }

    /** The poller's result of the same flow: the same fields as the outcome, its own type. */
    static ScanResult scanResult() {
        ScanOutcome outcome = scanOutcome();
        ScanResult result = new ScanResult();
        outcome.getSchema().getFields().forEach(field -> result.put(field.name(), outcome.get(field.name())));
        return result;
    }

    static MitreTechnique mitreTechnique() {
        return new MitreTechnique("T1027.002", "Software Packing", "TA0005", "Defense Evasion");
    }

    static SignalGroup signalGroup() {
        return SignalGroup.newBuilder()
                .setIdentifier("H000")
                .setDescription("Executable section has an unusual entropy")
                .setStrength(0.5)
                .setPeakStrength(0.75)
                .setVerdict(Verdict.SUSPICIOUS)
                .setMitreTechniques(List.of(mitreTechnique()))
                .build();
    }

    static Ioc ioc() {
        return new Ioc("url", "http://malware.example/dropper", Verdict.MALICIOUS);
    }

    static Tag tag() {
        return new Tag("emotet", "OSINT_LOOKUP", Verdict.LIKELY_MALICIOUS);
    }

    static EnrichedVerdict enrichedVerdict() {
        return EnrichedVerdict.newBuilder()
                .setEventId("evt-0001")
                .setUri("s3://uploads/2025/01/invoice.zip")
                .setSha256(SHA256)
                .setName("invoice.zip")
                .setSourceSystem("upload-portal")
                .setLane(Lane.LIVE)
                .setVerdict(Verdict.MALICIOUS)
                .setThreatLevel(1.0)
                .setConfidence(1.0)
                .setDecidedBy(Decider.REPUTATION)
                .setFlowId("5f0e1d2c3b4a59687766554d")
                .setArchiveVerdict(Verdict.MALICIOUS)
                .setMembers(List.of(memberVerdict()))
                .setTags(List.of(tag(), new Tag("zip", "MEDIA_TYPE", null)))
                .setSignalGroups(List.of(signalGroup()))
                .setIocs(List.of(ioc(), new Ioc("domain", "malware.example", null)))
                .setStatus(OutcomeStatus.DONE)
                .setReason(null)
                .setAttempts(0)
                .setArrivalTime(ARRIVED)
                .setSubmittedAt(null)
                .setDecidedAt(ARRIVED.plusSeconds(1))
                .setPublishedAt(ARRIVED.plusSeconds(2))
                .setEnrichmentError(null)
                .setAttributes(Map.of("tenant", "acme"))
                .build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setEventId(null)
                .setStage("submitter")
                .setSourceTopic("file-arrivals")
                .setPartition(3)
                .setOffset(1_234_567L)
                .setReason("Unknown magic byte 0x7b: not Confluent wire format (topic file-arrivals)")
                .setErrorType("UNDESERIALIZABLE")
                .setOriginalKey(ByteBuffer.wrap("k-1".getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap("{\"uri\":\"file:///x\"}".getBytes(StandardCharsets.UTF_8)))
                .setFailedAt(ARRIVED.plusSeconds(3))
                .setAttributes(Map.of("exception", "org.apache.kafka.common.errors.SerializationException"))
                .build();
    }
}
