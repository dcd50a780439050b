package io.sandboxpipeline.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** Confluent's wire format: magic byte 0x00, 4-byte big-endian schema id, then the Avro binary encoding. */
final class WireFormat {

    static final byte MAGIC_BYTE = 0x0;
    static final int HEADER_LENGTH = 1 + Integer.BYTES;

    private WireFormat() {
    }

    /** Writes the 5-byte header; the Avro payload follows it. */
    static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(schemaId).array());
    }

    /**
     * Checks the header of {@code bytes} and returns the schema id it names.
     *
     * @throws SerializationException if the bytes are too short or do not start with the magic byte
     */
    static int schemaId(byte[] bytes, String topic) {
        if (bytes.length < HEADER_LENGTH) {
            throw new SerializationException("Record of " + bytes.length + " bytes on topic " + topic
                    + " is too short for Confluent wire format: it needs a magic byte and a 4-byte schema id");
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x: not Confluent wire format (topic %s)",
                    bytes[0], topic));
        }
        return ByteBuffer.wrap(bytes, 1, Integer.BYTES).getInt();
    }
}
