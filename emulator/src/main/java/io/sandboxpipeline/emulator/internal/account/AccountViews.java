package io.sandboxpipeline.emulator.internal.account;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.internal.http.ApiRequest;
import io.sandboxpipeline.emulator.internal.http.ApiResponse;

/** {@code GET /api/users/me} (the clients' key check) and {@code GET /api/system/config}. */
public final class AccountViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long MIB = 1024L * 1024;
    /** "[MAX_UPLOAD_SIZE] shouldn't exceed 2000 MB" (Sandbox general settings). */
    private static final int MAX_UPLOAD_SIZE_LIMIT_MB = 2000;

    private final EmulatorConfig config;

    public AccountViews(EmulatorConfig config) {
        this.config = config;
    }

    /** A plausible {@code GetCurrentUserResponse} for the emulator's single account. */
    public ApiResponse currentUser(ApiRequest request) {
        ObjectNode user = NODES.objectNode();
        user.put("accountId", "65f0c0ffee0000000000a001");
        user.put("userId", "65f0c0ffee0000000000b001");
        user.put("username", "sandbox-emulator");
        user.put("email", "sandbox-emulator@example.invalid");
        user.putNull("avatarLastModified");
        ArrayNode features = user.putArray("allowedFeatures");
        for (String feature : new String[] {"scan_file", "scan_url", "reputation", "private_scan", "api"}) {
            features.add(feature);
        }
        ArrayNode profiles = user.putArray("scanProfiles");
        profiles.addObject().put("id", "analysis").put("name", "analysis").put("preset", true);
        profiles.addObject().put("id", "speed").put("name", "speed").put("preset", true);
        user.putArray("reportExportProfiles");
        user.put("isAdmin", false);
        user.put("isAuditor", false);
        user.put("timezone", "UTC");
        user.put("locale", "en");
        return ApiResponse.json(200, user);
    }

    /**
     * The document's {@code SystemConfig} with every required property (most are the web front end's settings, with
     * plausible values [I]): {@code maxUploadSize} is the configured limit in whole MiB (rounded down);
     * {@code scanBigFileSize} equals it; {@code reports.queryInterval} is in seconds [?: the unit is undocumented]
     * with {@code initial} = the workflow guide's 2 s and {@code withData} = pollPause.
     */
    public ApiResponse systemConfig(ApiRequest request) {
        int maxUploadMb = (int) Math.min(Integer.MAX_VALUE, config.maxUploadSizeBytes() / MIB);
        ObjectNode system = NODES.objectNode();
        system.put("baseUrl", "");
        system.put("allowAnonymousUsers", false);
        system.put("appTitle", "MetaDefender Sandbox (emulator)");
        system.put("appDescription", "Local emulator of the MetaDefender Sandbox API for tests");
        system.put("buildType", "onpremise");
        system.put("adFrequency", 0);
        system.putObject("feedbackNotification").put("frequency", 0).put("minimumVerdict", "malicious");
        system.putObject("username").put("maximum_length", 64).put("regex", "^[a-zA-Z0-9_.-]+$");
        system.putObject("password").put("alpha_numeric", true).put("minimum_length", 12).put("mixed_case", true)
                .put("special_characters", true);
        system.putObject("tokenExpire").put("signupConfirm", 86_400).put("passwordReset", 3_600).put("invite", 604_800);
        system.putObject("languages").put("language", "English").put("code", "en");
        system.put("googleTagManagerID", "");
        system.putObject("fileCategories");
        system.putObject("fileGeneralTypes");
        system.putArray("constantStrings");
        system.put("defaultTheme", "light");
        system.putObject("iocs").put("prevalenceExceptWhitelists", true).put("genQueryExceptWhitelists", true)
                .putArray("prevalenceDayOptions").add(7).add(30);
        system.putObject("admin").put("pageSize", 20);
        ObjectNode logo = system.putObject("logoSelectedTime");
        logo.putObject("light").put("main", 0).put("top_menu", 0).put("footer", 0);
        logo.putObject("dark").put("main", 0).put("top_menu", 0).put("footer", 0);
        system.put("askTermsConsent", false);
        ObjectNode overview = system.putObject("statOverview");
        overview.putArray("timelineMonths").add("1").add("3").add("6");
        overview.put("topItemsLimit", 10).put("leaderboardItemsLimit", 10);
        system.putObject("jobs").put("memoryLimit", 0).put("chartControlTime", 0).put("memoryUsageTop", 0);
        system.put("reportSimilarityVerdictThreshold", 0.8);
        system.putArray("TLDTypes");
        system.put("showFooter", false);
        system.putObject("maintenance").put("blockScan", false).put("blockScanNotification", "").put("blockSearch", false)
                .put("blockSearchNotification", "");
        system.putObject("ocm").put("clientUrl", "");
        system.putObject("extraButton").put("text", "").put("link", "").put("active", false);
        system.put("newsLimit", 0);
        system.put("automaticReportFilesDownload", false);
        system.put("maxUploadSize", maxUploadMb);
        system.put("maxUploadSizeLimit", MAX_UPLOAD_SIZE_LIMIT_MB);
        system.put("scanBigFileSize", maxUploadMb);
        system.put("scanFilesPerUpload", 1);
        system.put("queueJobTimeout", 3600);
        ObjectNode reports = system.putObject("reports");
        reports.putObject("queryInterval").put("initial", 2).put("withData", config.pollPause());
        reports.putObject("signalTypeUpperLimit").put("informational", 0.25).put("suspicious", 0.5);
        ObjectNode search = reports.putObject("search").put("page_size", 10);
        search.putArray("page_size_options").add(5).add(10).add(20);
        search.put("reportsLimit", 10_000).put("monthsLimit", 12);
        reports.put("viewFileContentSizeLimit", 1_048_576);
        reports.put("maxRetryCount", 3);
        reports.put("keepJobResultSeconds", 86_400);
        ArrayNode types = system.putArray("supportedTypes");
        for (String type : new String[] {"peexe", "pedll", "zip", "pdf", "txt", "html", "png", "jpg", "gif", "elf"}) {
            types.add(type);
        }
        system.put("similaritySearchEnabled", false);
        system.putArray("allowedFeatures").add("scan_file").add("scan_url").add("reputation");
        return ApiResponse.json(200, system);
    }
}
