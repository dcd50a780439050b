package io.sandboxpipeline.bench;

import io.sandboxpipeline.core.source.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A generated workload: distinct contents written to files, and events that each get their own file with one of the
 * contents. Every content appears once among the first events drawn; the rest repeat contents chosen at random, and
 * the whole list is shuffled so that copies of the same content arrive mixed with everything else. Contents the
 * reputation should know carry the {@code SANDBOX-TEST:LIKELY_MALICIOUS} marker: the emulator learns their hash from
 * one scan made before the measured run ({@link BenchSandbox#teach}). The same spec and seed give the same workload.
 */
record Workload(WorkloadSpec spec, List<Content> contents, List<BenchEvent> events) {

    /** The emulator's marker for a likely-malicious verdict (scanned once, its hash is then known to reputation). */
    static final String KNOWN_MARKER = "SANDBOX-TEST:LIKELY_MALICIOUS";
    private static final String FILLER = "abcdefghijklmnopqrstuvwxyz ";

    Workload {
        contents = List.copyOf(contents);
        events = List.copyOf(events);
    }

    static Workload generate(WorkloadSpec spec, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("contents"));
        Files.createDirectories(dir.resolve("events"));
        Random random = new Random(spec.seed());
        List<Content> contents = new ArrayList<>(spec.unique());
        int known = spec.knownUnique();
        for (int i = 0; i < spec.unique(); i++) {
            byte[] bytes = contentBytes(spec, i, i < known, random);
            Path file = Files.write(dir.resolve("contents").resolve(String.format("c%06d.txt", i)), bytes);
            contents.add(new Content(Sha256.ofBytes(bytes), file, i < known));
        }
        List<Content> drawn = new ArrayList<>(contents);
        for (int i = spec.unique(); i < spec.events(); i++) {
            drawn.add(contents.get(random.nextInt(contents.size())));
        }
        Collections.shuffle(drawn, random);
        List<BenchEvent> events = new ArrayList<>(drawn.size());
        for (int i = 0; i < drawn.size(); i++) {
            String eventId = String.format("e%06d", i + 1);
            Path file = Files.copy(drawn.get(i).file(), dir.resolve("events").resolve(eventId + ".txt"));
            events.add(new BenchEvent(eventId, file, drawn.get(i)));
        }
        return new Workload(spec, contents, events);
    }

    /**
     * A header line that makes the content distinct, the marker line for known contents, and lower-case filler
     * (letters and spaces only: no dots, digits or upper case, so no IOC or test marker can appear by chance).
     */
    private static byte[] contentBytes(WorkloadSpec spec, int index, boolean known, Random random) {
        StringBuilder text = new StringBuilder(spec.fileSizeBytes());
        text.append("sandbox-pipeline bench content ").append(index).append(" seed ").append(spec.seed()).append('\n');
        if (known) {
            text.append(KNOWN_MARKER).append('\n');
        }
        while (text.length() < spec.fileSizeBytes() - 1) {
            text.append(FILLER.charAt(random.nextInt(FILLER.length())));
        }
        text.append('\n');
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code count} events in workload order with the workload's own share of reputation-known contents (rounded), so
     * a baseline too slow for every event still measures a rate that stands for the whole workload.
     */
    List<BenchEvent> representativeSample(int count) {
        int size = Math.min(count, events.size());
        long knownEvents = events.stream().filter(e -> e.content().known()).count();
        int wantKnown = (int) Math.round((double) size * knownEvents / events.size());
        List<BenchEvent> known = events.stream().filter(e -> e.content().known()).limit(wantKnown).toList();
        List<BenchEvent> unknown = events.stream().filter(e -> !e.content().known()).limit(size - known.size()).toList();
        return events.stream().filter(e -> known.contains(e) || unknown.contains(e)).toList();
    }

    List<Content> knownContents() {
        return contents.stream().filter(Content::known).toList();
    }

    /** Distinct hashes of some events, in first-seen order. */
    static Set<String> uniqueHashes(List<BenchEvent> events) {
        Set<String> hashes = new LinkedHashSet<>();
        events.forEach(event -> hashes.add(event.sha256()));
        return hashes;
    }

    /** Distinct hashes of some events that the reputation does not know: the ones that need a scan. */
    static Set<String> scannedHashes(List<BenchEvent> events) {
        Set<String> hashes = new LinkedHashSet<>();
        events.stream().filter(event -> !event.known()).forEach(event -> hashes.add(event.sha256()));
        return hashes;
    }

    static long knownEvents(List<BenchEvent> events) {
        return events.stream().filter(BenchEvent::known).count();
    }
}
