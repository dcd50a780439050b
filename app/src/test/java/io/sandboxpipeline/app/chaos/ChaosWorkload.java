package io.sandboxpipeline.app.chaos;

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
 * Files and events for a run: {@code contents} distinct files, {@code events} events naming them (every content at
 * least once, the rest at random, so most contents have several copies), in a shuffled order.
 */
final class ChaosWorkload {

    /** A few contents get the emulator's verdict markers, so not every verdict is NO_THREAT. */
    private static final List<String> MARKERS = List.of("", "", "", "SANDBOX-TEST:SUSPICIOUS", "SANDBOX-TEST:BENIGN");

    private ChaosWorkload() {
    }

    /**
     * @param label names the events ({@code <label>-00042}) and is part of every content, so two workloads with
     *              different labels share no content
     */
    static List<ChaosEvent> write(Path dir, String label, int events, int contents, Random random) throws IOException {
        if (contents < 1 || events < contents) {
            throw new IllegalArgumentException("need at least one content and at least as many events as contents, got "
                    + events + " events over " + contents + " contents");
        }
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int c = 0; c < contents; c++) {
            String text = label + " test document " + c + "\n" + MARKERS.get(c % MARKERS.size()) + "\n";
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            files.add(Files.write(dir.resolve("doc-" + c + ".txt"), bytes));
            hashes.add(Sha256.ofBytes(bytes));
        }
        List<Integer> order = new ArrayList<>();
        for (int e = 0; e < events; e++) {
            order.add(e < contents ? e : random.nextInt(contents));
        }
        Collections.shuffle(order, random);
        List<ChaosEvent> result = new ArrayList<>();
        for (int e = 0; e < events; e++) {
            int c = order.get(e);
            result.add(new ChaosEvent(String.format("%s-%05d", label, e), files.get(c), hashes.get(c)));
        }
        return List.copyOf(result);
    }

    static Set<String> hashes(List<ChaosEvent> events) {
        Set<String> hashes = new LinkedHashSet<>();
        events.forEach(event -> hashes.add(event.sha256()));
        return hashes;
    }
}
