package io.sandboxpipeline.emulator.internal.archive;

/**
 * One file entry of a ZIP central directory.
 *
 * @param name               entry name
 * @param flags              general-purpose bit flags (bit 0: encrypted, bit 3: data descriptor)
 * @param method             compression method (0 stored, 8 deflated, 99 AES)
 * @param modTime            DOS modification time (ZipCrypto checks its high byte when bit 3 is set)
 * @param crc                CRC-32 of the plain data
 * @param compressedSize     bytes stored (for ZipCrypto including the 12-byte encryption header)
 * @param size               plain bytes
 * @param localHeaderOffset  offset of the local file header
 */
public record ZipMember(String name, int flags, int method, int modTime, long crc, long compressedSize, long size,
                        long localHeaderOffset) {

    public static final int STORED = 0;
    public static final int DEFLATED = 8;
    public static final int AES = 99;

    public boolean encrypted() {
        return (flags & 1) != 0;
    }

    public boolean hasDataDescriptor() {
        return (flags & 8) != 0;
    }

    public boolean directory() {
        return name.endsWith("/");
    }
}
