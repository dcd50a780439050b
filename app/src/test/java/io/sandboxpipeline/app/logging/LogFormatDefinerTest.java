package io.sandboxpipeline.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Loads the app's real logback.xml (not the test one) into a private logger context. */
class LogFormatDefinerTest {

    @Test
    void shouldWriteJsonLinesWhenLogFormatIsJson() throws Exception {
        Appender<ILoggingEvent> appender = rootAppenderWith("JSON");

        assertThat(appender.getName()).isEqualTo("json");
        assertThat(((ConsoleAppender<ILoggingEvent>) appender).getEncoder()).isInstanceOf(JsonEncoder.class);
    }

    @Test
    void shouldWriteTextWhenLogFormatIsUnsetOrUnknown() throws Exception {
        assertThat(rootAppenderWith(null).getName()).isEqualTo("text");
        assertThat(((ConsoleAppender<ILoggingEvent>) rootAppenderWith("xml")).getEncoder())
                .isInstanceOf(LayoutWrappingEncoder.class);
    }

    @Test
    void shouldKeepKafkaQuietAndTheAppAtInfo() throws Exception {
        LoggerContext context = configured(null);

        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("kafka.server.BrokerServer").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("org.apache.zookeeper").isWarnEnabled()).isTrue();
        assertThat(context.getLogger("io.sandboxpipeline.app").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    private static Appender<ILoggingEvent> rootAppenderWith(String logFormat) throws Exception {
        Logger root = configured(logFormat).getLogger(Logger.ROOT_LOGGER_NAME);
        Iterable<Appender<ILoggingEvent>> appenders = root::iteratorForAppenders;
        assertThat(appenders).hasSize(1);
        return appenders.iterator().next();
    }

    private static LoggerContext configured(String logFormat) throws Exception {
        LoggerContext context = new LoggerContext();
        if (logFormat != null) {
            context.putProperty("LOG_FORMAT", logFormat);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL config = LogFormatDefinerTest.class.getResource("/logback.xml");
        assertThat(config).as("the app's logback.xml on the classpath").isNotNull();
        configurator.doConfigure(config);
        return context;
    }
}
