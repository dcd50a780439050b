package io.sandboxpipeline.emulator.internal.content;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What inspecting one file's bytes found.
 *
 * @param sha256    lower-case hex
 * @param sha1      lower-case hex
 * @param sha512    lower-case hex
 * @param md5       lower-case hex
 * @param size      bytes
 * @param markers   test markers present
 * @param mediaType guessed from magic bytes
 * @param iocs      indicators in the first {@link ContentInspector#TEXT_WINDOW_BYTES} bytes
 */
public record ContentFindings(String sha256, String sha1, String md5, String sha512, long size, Set<Marker> markers,
                              MediaType mediaType, Iocs iocs) {

    public ContentFindings {
        // EnumSet keeps the markers in a stable order, so tags and signal groups come out deterministic.
        markers = Collections.unmodifiableSet(markers.isEmpty() ? EnumSet.noneOf(Marker.class) : EnumSet.copyOf(markers));
    }

    /**
     * The verdict decided by content: the worst verdict of the markers present, {@code NO_THREAT} without any.
     * {@link Marker#FAIL} decides no verdict (whether it fails the scan is decided per submission).
     */
    public EmulatedVerdict verdict() {
        return EmulatedVerdict.worstOf(markers.stream().map(Marker::verdict).flatMap(Optional::stream).toList(),
                EmulatedVerdict.NO_THREAT);
    }

    public boolean has(Marker marker) {
        return markers.contains(marker);
    }
}
