package io.sandboxpipeline.client;

import java.util.Objects;
import java.util.Optional;

/** The answer of {@code GET /api/users/me}: the account the API key belongs to (the usual way to test a key). */
public record UserInfo(String accountId, Optional<String> username, Optional<String> email) {

    public UserInfo {
        Objects.requireNonNull(accountId, "accountId must not be null");
        Objects.requireNonNull(username, "username must not be null (use Optional.empty())");
        Objects.requireNonNull(email, "email must not be null (use Optional.empty())");
    }
}
