package io.sandboxpipeline.emulator.internal.archive;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Minimal ZIP reader over the central directory. Unlike {@link java.util.zip.ZipFile} it lists encrypted members
 * (ZipFile refuses the whole archive) and opens ZipCrypto-encrypted members with a password. ZIP64 archives are not
 * supported ({@link ZipException}); inflating uses {@link Inflater}.
 */
public final class ZipArchive implements Closeable {

    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int CEN_SIGNATURE = 0x02014b50;
    private static final int LOC_SIGNATURE = 0x04034b50;
    private static final int EOCD_SIZE = 22;
    private static final int MAX_COMMENT = 0xffff;
    private static final int ZIPCRYPTO_HEADER = 12;

    private final RandomAccessFile file;
    private final List<ZipMember> members;

    private ZipArchive(RandomAccessFile file, List<ZipMember> members) {
        this.file = file;
        this.members = members;
    }

    /** Opens and indexes an archive; {@link ZipException} when it is not a (supported) ZIP file. */
    public static ZipArchive open(Path path) throws IOException {
        RandomAccessFile file = new RandomAccessFile(path.toFile(), "r");
        try {
            return new ZipArchive(file, readCentralDirectory(file));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** File members (directories left out), in central-directory order. */
    public List<ZipMember> members() {
        return members;
    }

    /**
     * The plain bytes of a member. Encrypted members need the password; a wrong one fails here (check byte) or,
     * with probability 1/256, later as corrupt data or a CRC mismatch.
     */
    public InputStream open(ZipMember member, byte[] password) throws IOException {
        file.seek(member.localHeaderOffset());
        byte[] local = new byte[30];
        file.readFully(local);
        if (le32(local, 0) != LOC_SIGNATURE) {
            throw new ZipException("bad local header of " + member.name());
        }
        long dataStart = member.localHeaderOffset() + 30 + le16(local, 26) + le16(local, 28);
        InputStream stored = new BufferedInputStream(new SliceInputStream(file, dataStart, member.compressedSize()));
        if (member.encrypted()) {
            stored = decrypting(stored, member, password);
        }
        if (member.method() == ZipMember.DEFLATED) {
            return new InflaterInputStream(stored, new Inflater(true), 64 * 1024) {
                @Override
                public void close() throws IOException {
                    inf.end();
                    super.close();
                }
            };
        }
        return stored;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private static InputStream decrypting(InputStream in, ZipMember member, byte[] password) throws IOException {
        if (password == null || password.length == 0) {
            throw new InvalidPasswordException(member.name());
        }
        ZipCryptoKeys keys = new ZipCryptoKeys(password);
        byte[] header = in.readNBytes(ZIPCRYPTO_HEADER);
        if (header.length < ZIPCRYPTO_HEADER) {
            throw new ZipException("truncated encryption header of " + member.name());
        }
        byte check = 0;
        for (byte b : header) {
            check = keys.decrypt(b);
        }
        int expected = member.hasDataDescriptor() ? (member.modTime() >>> 8) & 0xff : (int) (member.crc() >>> 24);
        if ((check & 0xff) != expected) {
            throw new InvalidPasswordException(member.name());
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                return b < 0 ? b : keys.decrypt((byte) b) & 0xff;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int read = in.read(bytes, offset, length);
                for (int i = 0; i < read; i++) {
                    bytes[offset + i] = keys.decrypt(bytes[offset + i]);
                }
                return read;
            }
        };
    }

    private static List<ZipMember> readCentralDirectory(RandomAccessFile file) throws IOException {
        long length = file.length();
        if (length < EOCD_SIZE) {
            throw new ZipException("too short for a ZIP archive");
        }
        int tailLength = (int) Math.min(length, EOCD_SIZE + MAX_COMMENT);
        byte[] tail = new byte[tailLength];
        file.seek(length - tailLength);
        file.readFully(tail);
        int eocd = -1;
        for (int i = tailLength - EOCD_SIZE; i >= 0; i--) {
            if (le32(tail, i) == EOCD_SIGNATURE) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new ZipException("no end of central directory record");
        }
        int entries = le16(tail, eocd + 10);
        long cenSize = le32u(tail, eocd + 12);
        long cenOffset = le32u(tail, eocd + 16);
        if (entries == 0xffff || cenOffset == 0xffffffffL || cenOffset + cenSize > length) {
            throw new ZipException("ZIP64 or inconsistent central directory is not supported");
        }
        byte[] cen = new byte[(int) cenSize];
        file.seek(cenOffset);
        file.readFully(cen);
        List<ZipMember> members = new ArrayList<>(entries);
        int position = 0;
        for (int i = 0; i < entries; i++) {
            if (position + 46 > cen.length || le32(cen, position) != CEN_SIGNATURE) {
                throw new ZipException("bad central directory entry " + i);
            }
            int nameLength = le16(cen, position + 28);
            int extraLength = le16(cen, position + 30);
            int commentLength = le16(cen, position + 32);
            int flags = le16(cen, position + 8);
            String name = new String(cen, position + 46, nameLength,
                    (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            ZipMember member = new ZipMember(name, flags, le16(cen, position + 10), le16(cen, position + 12),
                    le32u(cen, position + 16), le32u(cen, position + 20), le32u(cen, position + 24),
                    le32u(cen, position + 42));
            if (!member.directory()) {
                members.add(member);
            }
            position += 46 + nameLength + extraLength + commentLength;
        }
        return List.copyOf(members);
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int le32(byte[] b, int at) {
        return le16(b, at) | le16(b, at + 2) << 16;
    }

    private static long le32u(byte[] b, int at) {
        return le32(b, at) & 0xffffffffL;
    }

    /** Reads {@code length} bytes of the file from {@code start}. */
    private static final class SliceInputStream extends InputStream {
        private final RandomAccessFile file;
        private long position;
        private long remaining;

        SliceInputStream(RandomAccessFile file, long start, long length) {
            this.file = file;
            this.position = start;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            file.seek(position);
            int read = file.read(bytes, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                position += read;
                remaining -= read;
            }
            return read;
        }
    }
}
