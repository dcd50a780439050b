package io.sandboxpipeline.app.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Locale;

/**
 * Picks the console appender of {@code logback.xml} from {@code LOG_FORMAT}: {@code json} for JSON lines, anything
 * else for text. Looks in the logback context, then system properties, then the environment.
 */
public final class LogFormatDefiner extends PropertyDefinerBase {

    static final String LOG_FORMAT = "LOG_FORMAT";
    static final String JSON_APPENDER = "json";
    static final String TEXT_APPENDER = "text";

    @Override
    public String getPropertyValue() {
        String format = getContext() == null ? null : getContext().getProperty(LOG_FORMAT);
        if (format == null) {
            format = System.getProperty(LOG_FORMAT, System.getenv(LOG_FORMAT));
        }
        boolean json = format != null && format.strip().toLowerCase(Locale.ROOT).equals("json");
        return json ? JSON_APPENDER : TEXT_APPENDER;
    }
}
