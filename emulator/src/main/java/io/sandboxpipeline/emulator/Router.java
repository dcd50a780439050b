package io.sandboxpipeline.emulator;

import io.sandboxpipeline.emulator.internal.account.AccountViews;
import io.sandboxpipeline.emulator.internal.http.ApiOperation;
import io.sandboxpipeline.emulator.internal.http.ApiRequest;
import io.sandboxpipeline.emulator.internal.http.ApiResponse;
import io.sandboxpipeline.emulator.internal.reputation.HashReputationEndpoint;
import io.sandboxpipeline.emulator.internal.reputation.IocReputationEndpoint;
import io.sandboxpipeline.emulator.internal.scan.ReportOperation;
import io.sandboxpipeline.emulator.internal.scan.ReportSearchOperation;
import io.sandboxpipeline.emulator.internal.scan.ScanFileOperation;
import io.sandboxpipeline.emulator.internal.scan.ScanUrlOperation;
import java.util.List;
import java.util.Optional;

/**
 * Maps method and path to an operation, the way FastAPI routes: an unknown path is 404 and a known path with
 * another method 405, both before authentication.
 */
final class Router {

    private static final ApiOperation NOT_FOUND = request -> ApiResponse.detail(404, "Not Found");
    private static final ApiOperation METHOD_NOT_ALLOWED = request -> ApiResponse.detail(405, "Method Not Allowed");

    /**
     * @param authenticated whether the operation requires the API key (404/405 answers do not)
     * @param pollOf        the flow id when this is a report poll
     */
    record Route(Endpoint endpoint, ApiOperation operation, boolean authenticated, Optional<String> pollOf) {
    }

    private final AccountViews account;
    private final HashReputationEndpoint hashReputation;
    private final IocReputationEndpoint iocReputation;
    private final ScanFileOperation scanFile;
    private final ScanUrlOperation scanUrl;
    private final ReportOperation report;
    private final ReportSearchOperation reportSearch;

    Router(AccountViews account, HashReputationEndpoint hashReputation, IocReputationEndpoint iocReputation,
           ScanFileOperation scanFile, ScanUrlOperation scanUrl, ReportOperation report, ReportSearchOperation reportSearch) {
        this.account = account;
        this.hashReputation = hashReputation;
        this.iocReputation = iocReputation;
        this.scanFile = scanFile;
        this.scanUrl = scanUrl;
        this.report = report;
        this.reportSearch = reportSearch;
    }

    Route route(ApiRequest request) {
        List<String> segments = request.segments();
        if (segments.size() < 3 || !segments.get(0).equals("api")) {
            return unknown();
        }
        String method = request.method();
        String first = segments.get(1);
        String second = segments.get(2);
        if (segments.size() == 3) {
            if (first.equals("users") && second.equals("me")) {
                return only("GET", method, Endpoint.USERS_ME, account::currentUser);
            }
            if (first.equals("system") && second.equals("config")) {
                return only("GET", method, Endpoint.SYSTEM_CONFIG, account::systemConfig);
            }
            if (first.equals("reputation") && second.equals("hash")) {
                if (method.equals("POST")) {
                    return found(Endpoint.REPUTATION_HASH_BULK, hashReputation::bulkLookup);
                }
                return only("GET", method, Endpoint.REPUTATION_HASH, hashReputation::lookup);
            }
            if (first.equals("reputation")) {
                if (method.equals("POST")) {
                    return found(Endpoint.REPUTATION_IOC, iocReputation::bulkLookup);
                }
                return only("GET", method, Endpoint.REPUTATION_IOC, iocReputation::lookup);
            }
            if (first.equals("scan") && second.equals("file")) {
                return only("POST", method, Endpoint.SCAN_FILE, scanFile::handle);
            }
            if (first.equals("reports") && second.equals("search")) {
                return only("GET", method, Endpoint.REPORTS_SEARCH, reportSearch::handle);
            }
            if (first.equals("scan") && second.equals("url")) {
                return only("POST", method, Endpoint.SCAN_URL, scanUrl::handle);
            }
        }
        if (segments.size() == 4 && first.equals("scan") && segments.get(3).equals("report")) {
            Route route = only("GET", method, Endpoint.REPORT, report::handle);
            return route.authenticated()
                    ? new Route(Endpoint.REPORT, route.operation(), true, Optional.of(ReportOperation.flowIdOf(request)))
                    : route;
        }
        return unknown();
    }

    private static Route only(String allowed, String method, Endpoint endpoint, ApiOperation operation) {
        return allowed.equals(method)
                ? found(endpoint, operation)
                : new Route(endpoint, METHOD_NOT_ALLOWED, false, Optional.empty());
    }

    private static Route found(Endpoint endpoint, ApiOperation operation) {
        return new Route(endpoint, operation, true, Optional.empty());
    }

    private static Route unknown() {
        return new Route(Endpoint.OTHER, NOT_FOUND, false, Optional.empty());
    }
}
