package io.sandboxpipeline.emulator.internal.http;

import java.io.IOException;

/** A request body that cannot be parsed (answered 400 like Starlette: "There was an error parsing the body"). */
public final class MalformedBodyException extends IOException {

    private static final long serialVersionUID = 1L;

    public MalformedBodyException(String message) {
        super(message);
    }
}
