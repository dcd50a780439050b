package io.sandboxpipeline.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds ZIP archives in memory for tests, including ZipCrypto-encrypted ones (which java.util.zip cannot write). Shared
 * through the emulator's test jar with the client's tests.
 */
public final class TestZips {

    private static final int[] CRC_TABLE = crcTable();

    private TestZips() {
    }

    public static byte[] zip(Map<String, byte[]> members) {
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

    /**
     * Stored (uncompressed) members encrypted with traditional PKWARE encryption ("ZipCrypto", APPNOTE 6.1), without
     * data descriptors, so the check byte is the CRC's high byte.
     */
    /** A one-member encrypted archive. */
    public static byte[] encrypted(String name, byte[] content, String password) {
        return encryptedZip(Map.of(name, content), password);
    }

    public static byte[] encryptedZip(Map<String, byte[]> members, String password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        Map<String, Integer> offsets = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> member : members.entrySet()) {
            byte[] name = member.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] plain = member.getValue();
            CRC32 crc32 = new CRC32();
            crc32.update(plain);
            long crc = crc32.getValue();
            byte[] encrypted = encrypt(plain, crc, password.getBytes(StandardCharsets.UTF_8));
            offsets.put(member.getKey(), out.size());
            le32(out, 0x04034b50);
            header(out, crc, encrypted.length, plain.length, name.length);
            out.writeBytes(name);
            out.writeBytes(encrypted);
            le32(central, 0x02014b50);
            le16(central, 20);
            header(central, crc, encrypted.length, plain.length, name.length);
            le16(central, 0);
            le16(central, 0);
            le16(central, 0);
            le32(central, 0);
            le32(central, offsets.get(member.getKey()));
            central.writeBytes(name);
        }
        int centralOffset = out.size();
        out.writeBytes(central.toByteArray());
        le32(out, 0x06054b50);
        le16(out, 0);
        le16(out, 0);
        le16(out, members.size());
        le16(out, members.size());
        le32(out, central.size());
        le32(out, centralOffset);
        le16(out, 0);
        return out.toByteArray();
    }

    // version needed, flags (bit 0: encrypted), method 0 (stored), time, date, crc, sizes, name length, extra length
    private static void header(ByteArrayOutputStream out, long crc, int compressed, int size, int nameLength) {
        le16(out, 20);
        le16(out, 0x0001);
        le16(out, 0);
        le16(out, 0);
        le16(out, 0x21);
        le32(out, (int) crc);
        le32(out, compressed);
        le32(out, size);
        le16(out, nameLength);
        le16(out, 0);
    }

    private static byte[] encrypt(byte[] plain, long crc, byte[] password) {
        int[] keys = {0x12345678, 0x23456789, 0x34567890};
        for (byte b : password) {
            update(keys, b);
        }
        byte[] header = new byte[12];
        for (int i = 0; i < 11; i++) {
            header[i] = (byte) (i * 37 + 11);
        }
        header[11] = (byte) (crc >>> 24);
        byte[] result = new byte[12 + plain.length];
        for (int i = 0; i < header.length; i++) {
            result[i] = encryptByte(keys, header[i]);
        }
        for (int i = 0; i < plain.length; i++) {
            result[12 + i] = encryptByte(keys, plain[i]);
        }
        return result;
    }

    private static byte encryptByte(int[] keys, byte plain) {
        int temp = (keys[2] | 2) & 0xffff;
        byte cipher = (byte) (plain ^ ((temp * (temp ^ 1)) >>> 8));
        update(keys, plain);
        return cipher;
    }

    private static void update(int[] keys, byte plain) {
        keys[0] = crc(keys[0], plain);
        keys[1] = (keys[1] + (keys[0] & 0xff)) * 134775813 + 1;
        keys[2] = crc(keys[2], (byte) (keys[1] >>> 24));
    }

    private static int crc(int crc, byte b) {
        return (crc >>> 8) ^ CRC_TABLE[(crc ^ b) & 0xff];
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
            }
            table[n] = c;
        }
        return table;
    }

    private static void le16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
    }

    private static void le32(ByteArrayOutputStream out, int value) {
        le16(out, value & 0xffff);
        le16(out, (value >>> 16) & 0xffff);
    }
}
