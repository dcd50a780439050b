package io.sandboxpipeline.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.metrics.QuotaMetrics;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.tools.kafka.ToolSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The ops endpoint's root page ({@code GET /}): one self-contained HTML page (no script, no external asset; it
 * reloads itself every 5 s) that shows the stages' health, what came in and went out since start, flows in flight,
 * pending polls, the quota, and what the verdicts topic holds: verdicts by verdict and the latest ones, with a link to
 * the report when the Sandbox is the public service. Everything shown that came from outside (file names, URIs) is
 * escaped.
 */
public final class StatusPage implements HttpHandler {

    static final String PATH = "/";
    private static final String PUBLIC_SANDBOX_HOST = "filescan.io";

    private final PipelineRuntime runtime;
    private final ToolSettings settings;
    private final URI sandbox;
    private VerdictTail tail;

    private StatusPage(PipelineRuntime runtime, ToolSettings settings, URI sandbox) {
        this.runtime = runtime;
        this.settings = settings;
        this.sandbox = sandbox;
    }

    /** The page's route. */
    public static Map<String, HttpHandler> routes(PipelineRuntime runtime, ConfigValues values) {
        URI sandbox = URI.create(values.get("sandbox.url", "https://www.filescan.io"));
        return Map.of(PATH, new StatusPage(runtime, ToolSettings.from(values), sandbox));
    }

    /**
     * The verdicts topic, followed from the first time someone opens the page: a process nobody looks at (every stage
     * pod serves the page) reads nothing. Closed with the runtime.
     */
    private synchronized VerdictTail tail() {
        if (tail == null) {
            tail = new VerdictTail(settings.clientConfig(), settings.pipelineTopics());
            runtime.closeWith(tail);
        }
        return tail;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            answer(exchange, 404, "text/plain; charset=utf-8", "not found");
            return;
        }
        answer(exchange, 200, "text/html; charset=utf-8", render());
    }

    String render() {
        VerdictTail.Snapshot topic = tail().snapshot();
        MeterRegistry meters = runtime.meters();
        StringBuilder html = new StringBuilder(8_192);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"5\"><title>sandbox-pipeline status</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}")
                .append("td,th{border-bottom:1px solid #ddd;padding:.25em .8em;text-align:left}th{background:#f4f4f4}")
                .append(".MALICIOUS,.LIKELY_MALICIOUS{color:#b00020;font-weight:600}.SUSPICIOUS{color:#b35c00}")
                .append(".ok{color:#1b7f3b}.bad{color:#b00020;font-weight:600}</style></head><body>")
                .append("<h1>sandbox-pipeline</h1>");
        html.append("<h2>Stages</h2><table id=\"stages\"><tr><th>stage</th><th>state</th></tr>");
        runtime.states().forEach((stage, state) -> html.append("<tr><td>").append(escape(stage)).append("</td><td class=\"")
                .append(state == KafkaStreams.State.RUNNING ? "ok" : "bad").append("\">").append(state).append("</td></tr>"));
        html.append("</table><h2>Since start</h2><table id=\"counts\">");
        row(html, "events in", "events-in", format(sum(meters, PipelineMetrics.EVENTS_IN, "submitter")));
        row(html, "verdicts out", "verdicts-out", format(sum(meters, PipelineMetrics.VERDICTS_OUT, "enricher")));
        row(html, "dead letters", "dead-letters", format(sum(meters, PipelineMetrics.DEAD_LETTERS, null)));
        row(html, "flows in flight", "flows-in-flight", format(gauge(meters, PipelineMetrics.FLOWS_IN_FLIGHT)));
        row(html, "polls pending", "polls-pending", format(gauge(meters, PipelineMetrics.POLLS_PENDING)));
        row(html, "Sandbox calls in flight", "quota-in-flight", format(gauge(meters, QuotaMetrics.IN_FLIGHT)));
        row(html, "quota", "quota", gauge(meters, QuotaMetrics.BREAKER_OPEN) > 0 ? "outage breaker open: calls held back"
                : gauge(meters, QuotaMetrics.PAUSED) > 0 ? "paused after 429 (rate limited)" : "calls flowing");
        html.append("</table><h2>Verdicts on ").append(escape(topic.topic())).append(": ")
                .append("<span id=\"verdicts-total\">").append(topic.total()).append("</span></h2>")
                .append("<table id=\"by-verdict\"><tr><th>verdict</th><th>count</th></tr>");
        topic.byVerdict().forEach((verdict, count) -> html.append("<tr><td class=\"").append(escape(verdict)).append("\">")
                .append(escape(verdict)).append("</td><td>").append(count).append("</td></tr>"));
        html.append("</table><h2>Latest verdicts</h2><table id=\"latest\"><tr><th>event</th><th>file</th><th>verdict</th>")
                .append("<th>decided by</th><th>status</th><th>decided at</th><th>report</th></tr>");
        topic.latest().forEach(verdict -> latestRow(html, verdict));
        html.append("</table>");
        if (topic.unreadable() > 0) {
            html.append("<p class=\"bad\">").append(topic.unreadable()).append(" records of the topic could not be read</p>");
        }
        return html.append("</body></html>").toString();
    }

    private void latestRow(StringBuilder html, EnrichedVerdict verdict) {
        String verdictName = String.valueOf(verdict.getVerdict());
        html.append("<tr data-event=\"").append(escape(verdict.getEventId())).append("\"><td>").append(escape(verdict.getEventId()))
                .append("</td><td title=\"").append(escape(verdict.getUri())).append("\">")
                .append(escape(verdict.getName() != null ? verdict.getName() : verdict.getUri())).append("</td><td class=\"")
                .append(escape(verdictName)).append("\">").append(escape(verdictName)).append("</td><td>")
                .append(verdict.getDecidedBy()).append("</td><td>").append(verdict.getStatus()).append("</td><td>")
                .append(verdict.getDecidedAt()).append("</td><td>");
        if (verdict.getFlowId() != null && isPublicSandbox()) {
            // the documented report endpoint; the web UI's address is not part of the API contract
            html.append("<a href=\"").append(escape(sandbox.resolve("/api/scan/" + verdict.getFlowId() + "/report").toString()))
                    .append("\">").append(escape(verdict.getFlowId())).append("</a>");
        } else if (verdict.getFlowId() != null) {
            html.append(escape(verdict.getFlowId()));
        }
        html.append("</td></tr>");
    }

    private boolean isPublicSandbox() {
        String host = sandbox.getHost();
        return host != null && (host.equals(PUBLIC_SANDBOX_HOST) || host.endsWith("." + PUBLIC_SANDBOX_HOST));
    }

    private static void row(StringBuilder html, String label, String id, String value) {
        html.append("<tr><td>").append(label).append("</td><td id=\"").append(id).append("\">").append(escape(value))
                .append("</td></tr>");
    }

    private static double sum(MeterRegistry meters, String name, String stage) {
        var search = meters.find(name);
        if (stage != null) {
            search = search.tag("stage", stage);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private static double gauge(MeterRegistry meters, String name) {
        return meters.find(name).gauges().stream().mapToDouble(Gauge::value).filter(v -> !Double.isNaN(v)).sum();
    }

    private static String format(double value) {
        return Long.toString(Math.round(value));
    }

    /** HTML-escapes text for element content and quoted attributes. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.sendResponseHeaders(status, "HEAD".equals(exchange.getRequestMethod()) ? -1 : bytes.length);
        if (!"HEAD".equals(exchange.getRequestMethod())) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

}
