package io.sandboxpipeline.emulator.internal.archive;

/** The traditional PKWARE ("ZipCrypto") stream cipher state, as in APPNOTE.TXT §6.1. */
final class ZipCryptoKeys {

    /** CRC-32 lookup table (polynomial 0xEDB88320); a constant, never written after class initialisation. */
    private static final int[] CRC_TABLE = crcTable();

    private int key0 = 0x12345678;
    private int key1 = 0x23456789;
    private int key2 = 0x34567890;

    ZipCryptoKeys(byte[] password) {
        for (byte b : password) {
            update(b);
        }
    }

    /** Decrypts one byte and advances the keys with the plain byte. */
    byte decrypt(byte cipher) {
        byte plain = (byte) (cipher ^ keyStreamByte());
        update(plain);
        return plain;
    }

    private int keyStreamByte() {
        int temp = (key2 | 2) & 0xffff;
        return ((temp * (temp ^ 1)) >>> 8) & 0xff;
    }

    private void update(byte plain) {
        key0 = crc32(key0, plain);
        key1 = (key1 + (key0 & 0xff)) * 134_775_813 + 1;
        key2 = crc32(key2, (byte) (key1 >>> 24));
    }

    private static int crc32(int crc, byte b) {
        return CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
