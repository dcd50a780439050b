package io.sandboxpipeline.client.internal;

import io.sandboxpipeline.client.ApiKey;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds {@code X-Api-Key} at the network level, and only for the configured scheme, host and port. OkHttp strips just
 * {@code Authorization} when it follows a redirect to another host; a custom header would travel along, so the key is
 * never put on the application-level request at all.
 */
public final class ApiKeyInterceptor implements Interceptor {

    public static final String HEADER = "X-Api-Key";

    private final HttpUrl origin;
    private final ApiKey apiKey;

    public ApiKeyInterceptor(HttpUrl origin, ApiKey apiKey) {
        this.origin = origin;
        this.apiKey = apiKey;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        if (url.scheme().equals(origin.scheme()) && url.host().equals(origin.host()) && url.port() == origin.port()) {
            request = request.newBuilder().header(HEADER, apiKey.reveal()).build();
        }
        return chain.proceed(request);
    }
}
