package io.sandboxpipeline.emulator.internal.reputation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sandboxpipeline.emulator.internal.http.ApiRequest;
import io.sandboxpipeline.emulator.internal.http.ApiResponse;
import io.sandboxpipeline.emulator.internal.http.ValidationErrors;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code GET /api/reputation/hash?sha256=} and {@code POST /api/reputation/hash} (bulk). */
public final class HashReputationEndpoint {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final ReputationBook book;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final HashesAsked asked;

    public HashReputationEndpoint(ReputationBook book, Clock clock, ObjectMapper mapper, HashesAsked asked) {
        this.book = book;
        this.clock = clock;
        this.mapper = mapper;
        this.asked = asked;
    }

    public ApiResponse lookup(ApiRequest request) {
        Optional<String> sha256 = request.query().first("sha256");
        if (sha256.isEmpty()) {
            return new ValidationErrors().missing("query", "sha256").toResponse();
        }
        if (!SHA256.matcher(sha256.get()).matches()) {
            return invalidHash();
        }
        String normalised = sha256.get().toLowerCase(Locale.ROOT);
        asked.record(normalised);
        return ApiResponse.json(200, ReputationViews.hash(normalised,
                book.lookup(ReputationKey.hash(normalised), clock.instant())));
    }

    public ApiResponse bulkLookup(ApiRequest request) throws IOException {
        StringListBody body = StringListBody.read(request, mapper);
        if (body.rejection().isPresent()) {
            return body.rejection().get();
        }
        if (body.values().stream().anyMatch(value -> !SHA256.matcher(value).matches())) {
            return invalidHash();
        }
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        var now = clock.instant();
        for (String value : body.values()) {
            String normalised = value.toLowerCase(Locale.ROOT);
            asked.record(normalised);
            results.add(ReputationViews.hash(normalised, book.lookup(ReputationKey.hash(normalised), now)));
        }
        return ApiResponse.json(200, results);
    }

    private static ApiResponse invalidHash() {
        return ApiResponse.detail(400, "Invalid sha256 hash: expected 64 hexadecimal characters");
    }
}
