package io.sandboxpipeline.serde;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Constants and small helpers of the Confluent Schema Registry REST protocol, shared by client and server. */
final class RegistryProtocol {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";

    static final int SUBJECT_NOT_FOUND = 40401;
    static final int VERSION_NOT_FOUND = 40402;
    static final int SCHEMA_NOT_FOUND = 40403;
    static final int INVALID_SCHEMA = 42201;
    static final int INVALID_VERSION = 42202;
    static final int INTERNAL_ERROR = 50001;

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@]*@");

    private RegistryProtocol() {
    }

    /** Percent-encodes one path segment (a subject name may hold any character). */
    static String encodePathSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The URL without any {@code user:password@} part, fit for messages and logs. */
    static String withoutUserInfo(String url) {
        return USER_INFO.matcher(url).replaceAll("");
    }
}
