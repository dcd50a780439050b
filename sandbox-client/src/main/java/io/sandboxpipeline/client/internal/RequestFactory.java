package io.sandboxpipeline.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.client.FileUpload;
import io.sandboxpipeline.client.IocType;
import io.sandboxpipeline.client.ReportQuery;
import io.sandboxpipeline.client.ScanOptions;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiConsumer;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Builds the HTTP requests of the API contract (§2); {@code X-Api-Key} is added later by {@link ApiKeyInterceptor}. */
public final class RequestFactory {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final HttpUrl baseUrl;
    private final String userAgent;
    private final ObjectMapper mapper;

    /** @param baseUrl the service root, possibly with a path prefix; {@code api/...} is appended to it */
    public RequestFactory(HttpUrl baseUrl, String userAgent, ObjectMapper mapper) {
        this.baseUrl = baseUrl;
        this.userAgent = userAgent;
        this.mapper = mapper;
    }

    public Request hashReputation(String sha256) {
        HttpUrl url = api("reputation", "hash").addQueryParameter("sha256", sha256).build();
        return get(url);
    }

    public Request searchReports(String query) {
        HttpUrl url = api("reports", "search").addQueryParameter("query", query).addQueryParameter("page_size", "20").build();
        return get(url);
    }

    public Request hashReputations(List<String> sha256s) {
        try {
            RequestBody body = RequestBody.create(mapper.writeValueAsString(sha256s), JSON);
            return request(api("reputation", "hash").build()).post(body).build();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a JSON array of hashes", e);
        }
    }

    public Request iocReputation(IocType type, String value) {
        return get(api("reputation", type.pathSegment()).addQueryParameter("ioc_value", value).build());
    }

    /** Multipart: the option fields first, then {@code file}, streamed by {@link StreamingFileBody}. */
    public Request scanFile(FileUpload upload, ScanOptions options) {
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
        addOptions(options, form::addFormDataPart);
        form.addFormDataPart("file", upload.fileName(), new StreamingFileBody(upload));
        return request(api("scan", "file").build()).post(form.build()).build();
    }

    /** Form-encoded, as the service's schema declares for this endpoint. */
    public Request scanUrl(String url, ScanOptions options) {
        FormBody.Builder form = new FormBody.Builder().add("url", url);
        addOptions(options, form::add);
        return request(api("scan", "url").build()).post(form.build()).build();
    }

    /** The flow id is one encoded path segment; every filter, sorting and other is its own repeated parameter. */
    public Request report(String flowId, ReportQuery query) {
        HttpUrl.Builder url = api("scan").addPathSegment(flowId).addPathSegment("report");
        query.filters().forEach(f -> url.addQueryParameter("filter", f));
        query.sortings().forEach(s -> url.addQueryParameter("sorting", s));
        query.others().forEach(o -> url.addQueryParameter("other", o));
        return get(url.build());
    }

    public Request usersMe() {
        return get(api("users", "me").build());
    }

    public Request systemConfig() {
        return get(api("system", "config").build());
    }

    // Every documented field of §2.4; booleans as "true"/"false"; unset optionals are left to the service's default.
    private static void addOptions(ScanOptions options, BiConsumer<String, String> field) {
        field.accept("is_private", String.valueOf(options.isPrivate()));
        field.accept("is_private_report", String.valueOf(options.isPrivateReport()));
        options.password().ifPresent(p -> field.accept("password", p));
        options.description().ifPresent(d -> field.accept("description", d));
        if (!options.tags().isEmpty()) {
            field.accept("tags", options.joinedTags());
        }
        options.propagateTags().ifPresent(p -> field.accept("propagate_tags", String.valueOf(p)));
        options.skipWhitelisted().ifPresent(s -> field.accept("skip_whitelisted", String.valueOf(s)));
        options.scanProfile().ifPresent(p -> field.accept("scan_profile", p));
        options.scanEngine().ifPresent(e -> field.accept("scan_engine", e));
    }

    private HttpUrl.Builder api(String... segments) {
        HttpUrl.Builder url = baseUrl.newBuilder().addPathSegment("api");
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        return url;
    }

    private Request get(HttpUrl url) {
        return request(url).get().build();
    }

    private Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url).header("User-Agent", userAgent).header("Accept", "application/json");
    }
}
