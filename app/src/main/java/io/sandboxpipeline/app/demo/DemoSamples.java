package io.sandboxpipeline.app.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The bundled sample set: one file per outcome the pipeline can reach, written to a directory. Verdicts come from the
 * emulator's content rules (the EICAR test string, {@code SANDBOX-TEST:*} markers), so each sample's expected outcome
 * is known in advance and the demo can check it.
 */
public final class DemoSamples {

    /** The standard 68-byte EICAR anti-virus test string: harmless, detected by every scanner. */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    /** Largest upload the demo's emulator accepts, so the "too large" sample stays small on disk. */
    public static final long DEMO_MAX_UPLOAD_BYTES = 1024 * 1024;

    /**
     * One sample and what should become of it.
     *
     * @param path      the file (may not exist, for the "missing source" case)
     * @param what      what it shows
     * @param expected  expected "STATUS VERDICT by DECIDER", as the table prints it
     */
    public record Sample(Path path, String what, String expected) {
    }

    private DemoSamples() {
    }

    public static List<Sample> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Sample> samples = new ArrayList<>();
        samples.add(new Sample(text(dir, "quarterly-report.txt", "Quarterly report: revenue up 4%. See https://intranet.example.com/q3\n"),
                "clean document", "DONE NO_THREAT by SANDBOX"));
        samples.add(new Sample(text(dir, "eicar.com", EICAR),
                "known malware hash", "DONE MALICIOUS by REPUTATION"));
        samples.add(new Sample(text(dir, "invoice-dropper.js", "// invoice viewer\nvar u='http://malware-drop.example.net/p.exe';\n" + EICAR + "\n"),
                "new malware, found by a scan", "DONE MALICIOUS by SANDBOX"));
        samples.add(new Sample(text(dir, "installer-crack.exe", "MZ fake installer SANDBOX-TEST:LIKELY_MALICIOUS connects to 203.0.113.7\n"),
                "likely malicious", "DONE LIKELY_MALICIOUS by SANDBOX"));
        samples.add(new Sample(text(dir, "macro-invoice.doc", "Enable content to view SANDBOX-TEST:SUSPICIOUS\n"),
                "suspicious document", "DONE SUSPICIOUS by SANDBOX"));
        samples.add(new Sample(text(dir, "signed-tool.exe", "MZ vendor tool SANDBOX-TEST:BENIGN\n"),
                "trusted file", "DONE BENIGN by SANDBOX"));
        samples.add(new Sample(zip(dir, "mailbox-export.zip"),
                "archive: verdict of the worst member", "DONE SUSPICIOUS by SANDBOX"));
        samples.add(new Sample(text(dir, "flaky-scan.dat", "first scan fails SANDBOX-TEST:FAIL\n"),
                "scan fails once, retried", "DONE NO_THREAT by SANDBOX"));
        samples.add(new Sample(large(dir, "disk-image.iso", DEMO_MAX_UPLOAD_BYTES * 2),
                "over the upload limit", "SKIPPED UNKNOWN by NONE"));
        samples.add(new Sample(dir.resolve("deleted-before-scan.pdf"),
                "source vanished", "FAILED UNKNOWN by NONE"));
        return samples;
    }

    private static Path text(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static Path zip(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write("meeting notes, nothing to see\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("payment-details.docm"));
            zip.write("macro document SANDBOX-TEST:SUSPICIOUS\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    private static Path large(Path dir, String name, long size) throws IOException {
        Path file = dir.resolve(name);
        byte[] block = new byte[64 * 1024];
        new Random(7).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                out.write(block);
            }
        }
        return file;
    }
}
