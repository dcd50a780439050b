package io.sandboxpipeline.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** ZIP files for tests: plain ones via java.util.zip, ZipCrypto-encrypted ones written by hand (APPNOTE §6.1). */
final class TestZips {

    private TestZips() {
    }

    static byte[] zip(Map<String, byte[]> members) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                zip.putNextEntry(new ZipEntry(member.getKey()));
                zip.write(member.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A one-member archive, stored (not compressed) and encrypted with traditional PKWARE encryption. */
    static byte[] encrypted(String name, byte[] content, String password) {
        CRC32 crc32 = new CRC32();
        crc32.update(content);
        long crc = crc32.getValue();
        Cipher cipher = new Cipher(password.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < 11; i++) {
            data.write(cipher.encrypt((byte) (0x5a + i * 7)));
        }
        data.write(cipher.encrypt((byte) (crc >>> 24)));
        for (byte b : content) {
            data.write(cipher.encrypt(b));
        }
        byte[] encrypted = data.toByteArray();
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        // local file header
        le32(zip, 0x04034b50);
        le16(zip, 20);
        le16(zip, 1);
        le16(zip, 0);
        le16(zip, 0x6000);
        le16(zip, 0x5a21);
        le32(zip, (int) crc);
        le32(zip, encrypted.length);
        le32(zip, content.length);
        le16(zip, nameBytes.length);
        le16(zip, 0);
        zip.writeBytes(nameBytes);
        zip.writeBytes(encrypted);
        int centralOffset = zip.size();
        // central directory entry
        le32(zip, 0x02014b50);
        le16(zip, 20);
        le16(zip, 20);
        le16(zip, 1);
        le16(zip, 0);
        le16(zip, 0x6000);
        le16(zip, 0x5a21);
        le32(zip, (int) crc);
        le32(zip, encrypted.length);
        le32(zip, content.length);
        le16(zip, nameBytes.length);
        le16(zip, 0);
        le16(zip, 0);
        le16(zip, 0);
        le16(zip, 0);
        le32(zip, 0);
        le32(zip, 0);
        zip.writeBytes(nameBytes);
        int centralSize = zip.size() - centralOffset;
        // end of central directory
        le32(zip, 0x06054b50);
        le16(zip, 0);
        le16(zip, 0);
        le16(zip, 1);
        le16(zip, 1);
        le32(zip, centralSize);
        le32(zip, centralOffset);
        le16(zip, 0);
        return zip.toByteArray();
    }

    private static void le16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
    }

    private static void le32(ByteArrayOutputStream out, int value) {
        le16(out, value & 0xffff);
        le16(out, (value >>> 16) & 0xffff);
    }

    /** The ZipCrypto key schedule, encrypting side. */
    private static final class Cipher {
        private final int[] table = new int[256];
        private int key0 = 0x12345678;
        private int key1 = 0x23456789;
        private int key2 = 0x34567890;

        Cipher(byte[] password) {
            for (int n = 0; n < 256; n++) {
                int c = n;
                for (int k = 0; k < 8; k++) {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
                }
                table[n] = c;
            }
            for (byte b : password) {
                update(b);
            }
        }

        byte encrypt(byte plain) {
            int temp = (key2 | 2) & 0xffff;
            byte cipher = (byte) (plain ^ ((temp * (temp ^ 1)) >>> 8));
            update(plain);
            return cipher;
        }

        private void update(byte b) {
            key0 = table[(key0 ^ b) & 0xff] ^ (key0 >>> 8);
            key1 = (key1 + (key0 & 0xff)) * 134775813 + 1;
            key2 = table[(key2 ^ (key1 >>> 24)) & 0xff] ^ (key2 >>> 8);
        }
    }
}
