package io.sandboxpipeline.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One request the emulator answered, as a test sees it to hold the answer to the service's OpenAPI document.
 *
 * @param method      the HTTP method
 * @param path        the request path (no query)
 * @param status      the status answered
 * @param contentType the answer's content type
 * @param json        the JSON body as the emulator meant it (before an injected garbling); empty for other bodies
 * @param injected    the answer is an injected fault (a 5xx, a 429 of the quota or the fault dice), not the API's own
 */
public record Exchange(String method, String path, int status, String contentType, Optional<JsonNode> json, boolean injected) {
}
