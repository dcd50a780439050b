package io.sandboxpipeline.serde;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde's settings, read from a Kafka config map with Confluent's key names.
 *
 * @param registryUrl       {@code schema.registry.url}: {@code mock://<scope>} or {@code http(s)://host:port[,...]}
 *                          (a list value is joined with commas)
 * @param basicAuthUserInfo {@code basic.auth.user.info} ({@code user:password}), or null; never shown by toString
 * @param autoRegister      {@code auto.register.schemas}, default true
 */
record SerdeConfig(String registryUrl, String basicAuthUserInfo, boolean autoRegister) {

    static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Confluent also accepts the user info under this prefixed name. */
    static final String PREFIXED_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    SerdeConfig {
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL
                    + "\" for the Avro serde: set it to http(s)://host:port of a Schema Registry, or mock://<scope> in tests");
        }
    }

    static SerdeConfig from(Map<String, ?> configs) {
        Object userInfo = configs.get(BASIC_AUTH_USER_INFO);
        if (userInfo == null) {
            userInfo = configs.get(PREFIXED_BASIC_AUTH_USER_INFO);
        }
        return new SerdeConfig(text(configs.get(SCHEMA_REGISTRY_URL)), text(userInfo), autoRegister(configs.get(AUTO_REGISTER_SCHEMAS)));
    }

    SchemaRegistry registry() {
        return SchemaRegistries.forUrl(registryUrl, basicAuthUserInfo);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return value.toString();
    }

    private static boolean autoRegister(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = value.toString().trim();
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException("\"" + AUTO_REGISTER_SCHEMAS + "\" must be true or false, was '" + text + "'");
    }

    @Override
    public String toString() {
        return "SerdeConfig[registryUrl=" + RegistryProtocol.withoutUserInfo(registryUrl)
                + ", basicAuth=" + (basicAuthUserInfo != null) + ", autoRegister=" + autoRegister + "]";
    }
}
