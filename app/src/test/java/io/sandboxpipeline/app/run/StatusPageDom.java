package io.sandboxpipeline.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The status page as Debian's headless Chromium renders it ({@code --dump-dom}: the document after parsing), read back
 * into what it shows. Skipped where no Chromium is installed (.ci/run installs it).
 */
record StatusPageDom(Map<String, String> stages, Map<String, Long> byVerdict, Map<String, List<String>> latest,
                     List<String> files, int boldElements) {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>|<tr data-event=\"([^\"]*)\">(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);

    /** Renders the page until it shows {@code verdicts} verdicts on the topic (it reloads itself every 5 s). */
    static StatusPageDom render(URI page, int verdicts) throws IOException, InterruptedException {
        String browser = BROWSERS.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst().orElse(null);
        Assumptions.assumeTrue(browser != null, "no Chromium here (apt-get install chromium): the status page is not rendered");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String dom = dump(browser, page);
            StatusPageDom shown = parse(dom);
            if (shown.latest().size() >= verdicts || System.nanoTime() > deadline) {
                assertThat(dom).as("what Chromium rendered").contains("<h1>sandbox-pipeline</h1>");
                return shown;
            }
            Thread.sleep(1_000);
        }
    }

    private static String dump(String browser, URI page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile-");
        Path out = Files.createTempFile("status-dom-", ".html");
        Process chromium = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile, "--dump-dom", page.toString())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not render " + page + " within 60 s");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static StatusPageDom parse(String dom) {
        Map<String, String> stages = new LinkedHashMap<>();
        table(dom, "stages").forEach(cells -> stages.put(cells.get(0), cells.get(1)));
        Map<String, Long> byVerdict = new LinkedHashMap<>();
        table(dom, "by-verdict").forEach(cells -> byVerdict.put(cells.get(0), Long.parseLong(cells.get(1))));
        Map<String, List<String>> latest = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        table(dom, "latest").forEach(cells -> {
            latest.put(cells.get(0), List.of(cells.get(2), cells.get(3), cells.get(4)));
            files.add(unescape(cells.get(1)));
        });
        int bold = 0;
        for (Matcher m = Pattern.compile("<b>").matcher(dom); m.find(); ) {
            bold++;
        }
        return new StatusPageDom(stages, byVerdict, latest, files, bold);
    }

    /** The data rows of the table with this id, as their cells' text (header rows have no td). */
    private static List<List<String>> table(String dom, String id) {
        int start = dom.indexOf("<table id=\"" + id + "\"");
        if (start < 0) {
            return List.of();
        }
        String table = dom.substring(start, dom.indexOf("</table>", start));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            String body = row.group(1) != null ? row.group(1) : row.group(3);
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(body);
            while (cell.find()) {
                cells.add(cell.group(1).replaceAll("<[^>]+>", "").strip());
            }
            if (!cells.isEmpty()) {
                rows.add(cells);
            }
        }
        return rows;
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
