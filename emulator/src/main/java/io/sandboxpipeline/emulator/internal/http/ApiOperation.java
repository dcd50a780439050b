package io.sandboxpipeline.emulator.internal.http;

import java.io.IOException;

/** One authenticated Sandbox API operation: turns a request into a response. */
@FunctionalInterface
public interface ApiOperation {

    ApiResponse handle(ApiRequest request) throws IOException;
}
