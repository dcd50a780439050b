package io.sandboxpipeline.emulator.internal.scan;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Sandbox writes whole numbers as integers ({@code 1}, {@code -1}) and the rest as decimals ({@code 0.75}). */
final class JsonNumbers {

    private JsonNumbers() {
    }

    static ObjectNode put(ObjectNode node, String field, double value) {
        if (value == Math.rint(value) && Math.abs(value) < Integer.MAX_VALUE) {
            return node.put(field, (int) value);
        }
        return node.put(field, value);
    }
}
