package io.sandboxpipeline.emulator.internal.reputation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sandboxpipeline.emulator.internal.http.ApiRequest;
import io.sandboxpipeline.emulator.internal.http.ApiResponse;
import io.sandboxpipeline.emulator.internal.http.ValidationErrors;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/reputation/{ioc_type}?ioc_value=} and {@code POST /api/reputation/{ioc_type}} (bulk) for
 * {@code ip}, {@code domain} and {@code url}. IOCs found in this emulator's finished scans take that scan's verdict.
 */
public final class IocReputationEndpoint {

    private static final Set<String> TYPES = Set.of("domain", "ip", "url");
    private static final String EXPECTED_TYPES = "'domain', 'ip' or 'url'";

    private final ReputationBook book;
    private final Clock clock;
    private final ObjectMapper mapper;

    public IocReputationEndpoint(ReputationBook book, Clock clock, ObjectMapper mapper) {
        this.book = book;
        this.clock = clock;
        this.mapper = mapper;
    }

    public ApiResponse lookup(ApiRequest request) {
        String type = iocType(request);
        Optional<String> value = request.query().first("ioc_value");
        ValidationErrors errors = validateType(type);
        if (value.isEmpty()) {
            errors.missing("query", "ioc_value");
        }
        if (!errors.isEmpty()) {
            return errors.toResponse();
        }
        return ApiResponse.json(200, ReputationViews.ioc(type, value.get(), lookup(type, value.get(),
                clock.instant())));
    }

    public ApiResponse bulkLookup(ApiRequest request) throws IOException {
        String type = iocType(request);
        ValidationErrors errors = validateType(type);
        if (!errors.isEmpty()) {
            return errors.toResponse();
        }
        StringListBody body = StringListBody.read(request, mapper);
        if (body.rejection().isPresent()) {
            return body.rejection().get();
        }
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        Instant now = clock.instant();
        body.values().forEach(value -> results.add(ReputationViews.ioc(type, value, lookup(type, value, now))));
        return ApiResponse.json(200, results);
    }

    private Optional<Reputation> lookup(String type, String value, Instant now) {
        return book.lookup(ReputationKey.ioc(type, value.trim()), now);
    }

    /** {@code /api/reputation/{ioc_type}}: the third path segment. */
    private static String iocType(ApiRequest request) {
        return request.segments().get(2);
    }

    private static ValidationErrors validateType(String type) {
        ValidationErrors errors = new ValidationErrors();
        if (!TYPES.contains(type)) {
            errors.notInEnum(EXPECTED_TYPES, type, "path", "ioc_type");
        }
        return errors;
    }
}
