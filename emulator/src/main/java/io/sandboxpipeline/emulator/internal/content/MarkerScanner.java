package io.sandboxpipeline.emulator.internal.content;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * Finds {@link Marker}s in a byte stream chunk by chunk, holding only the last (longest marker - 1) bytes between
 * chunks so markers spanning a chunk boundary are found too.
 */
final class MarkerScanner {

    private static final byte[] TEST_PREFIX = Marker.TEST_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int OVERLAP = maxMarkerLength() - 1;

    private final EnumSet<Marker> found = EnumSet.noneOf(Marker.class);
    /** The last up-to-OVERLAP bytes seen, followed by room for the first OVERLAP bytes of the next chunk. */
    private final byte[] seam = new byte[2 * OVERLAP];
    private int carried;

    void update(byte[] bytes, int offset, int length) {
        if (length <= 0) {
            return;
        }
        // Markers that start in the carried tail and end in this chunk.
        if (carried > 0) {
            int head = Math.min(length, OVERLAP);
            System.arraycopy(bytes, offset, seam, carried, head);
            scan(seam, 0, carried + head);
        }
        scan(bytes, offset, offset + length);
        carry(bytes, offset, length);
    }

    Set<Marker> found() {
        return found.clone();
    }

    private void carry(byte[] bytes, int offset, int length) {
        if (length >= OVERLAP) {
            System.arraycopy(bytes, offset + length - OVERLAP, seam, 0, OVERLAP);
            carried = OVERLAP;
        } else {
            int keep = Math.min(carried, OVERLAP - length);
            System.arraycopy(seam, carried - keep, seam, 0, keep);
            System.arraycopy(bytes, offset, seam, keep, length);
            carried = keep + length;
        }
    }

    private void scan(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == 'S') {
                if (matches(bytes, i, to, TEST_PREFIX)) {
                    for (Marker marker : Marker.values()) {
                        if (marker != Marker.EICAR && matches(bytes, i, to, marker)) {
                            found.add(marker);
                        }
                    }
                }
            } else if (b == 'X' && matches(bytes, i, to, Marker.EICAR)) {
                found.add(Marker.EICAR);
            }
        }
    }

    private static boolean matches(byte[] bytes, int at, int to, byte[] pattern) {
        if (to - at < pattern.length) {
            return false;
        }
        for (int j = 0; j < pattern.length; j++) {
            if (bytes[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(byte[] bytes, int at, int to, Marker marker) {
        if (to - at < marker.length()) {
            return false;
        }
        for (int j = 0; j < marker.length(); j++) {
            if (bytes[at + j] != marker.byteAt(j)) {
                return false;
            }
        }
        return true;
    }

    private static int maxMarkerLength() {
        int max = 0;
        for (Marker marker : Marker.values()) {
            max = Math.max(max, marker.length());
        }
        return max;
    }
}
