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
    static final int SUBJECT_SOFT_DELETED = 40404;
    static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    static final int VERSION_SOFT_DELETED = 40406;
    static final int VERSION_NOT_SOFT_DELETED = 40407;
    static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    static final int SUBJECT_MODE_NOT_CONFIGURED = 40409;
    static final int INCOMPATIBLE_SCHEMA = 409;
    static final int INVALID_SCHEMA = 42201;
    static final int INVALID_VERSION = 42202;
    static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    static final int INVALID_MODE = 42204;
    static final int OPERATION_NOT_PERMITTED = 42205;
    static final int REFERENCE_EXISTS = 42206;
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

    /** {@code latest} and {@code -1} both name a subject's newest version. */
    static boolean isLatest(String version) {
        return "latest".equals(version) || "-1".equals(version);
    }

    /**
     * A version number from a path.
     *
     * @throws RegistryException 422 / 42202 unless it is 1 to 2^31-1
     */
    static int parseVersion(String version) {
        try {
            int parsed = Integer.parseInt(version);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below, which says what is allowed
        }
        throw new RegistryException(422, INVALID_VERSION, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }
}
