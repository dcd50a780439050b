package io.sandboxpipeline.core.source;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@code http(s)://} sources the pipeline may fetch. An event names a URL and the pipeline fetches it from inside
 * the company network, so a hostile event could point it at internal services or a cloud metadata endpoint (SSRF).
 * Unless explicitly allowed, every address the host resolves to must be a public one: loopback, private (RFC 1918,
 * IPv6 unique-local), link-local (which holds the 169.254.169.254 metadata service), carrier-grade NAT, multicast and
 * unspecified addresses are refused, as are the well-known metadata addresses. An optional allow-list restricts the
 * hosts further.
 *
 * <p>The check resolves the name before the fetch, and the fetch resolves it again: a DNS answer that changes in
 * between (rebinding) is not caught here; deployments that need that guarantee should also restrict egress.
 *
 * @param allowedHosts          host names (lower case) sources may come from; empty allows any public host
 * @param allowPrivateAddresses allow loopback and private addresses (for on-prem stores; never the default)
 */
public record HttpSourcePolicy(List<String> allowedHosts, boolean allowPrivateAddresses) {

    private static final Set<String> METADATA = Set.of("169.254.169.254", "168.63.129.16", "100.100.100.200", "fd00:ec2:0:0:0:0:0:254");

    public HttpSourcePolicy {
        allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    /** Public hosts only, any of them. */
    public static HttpSourcePolicy publicOnly() {
        return new HttpSourcePolicy(List.of(), false);
    }

    /** Any host, private addresses included (tests, trusted networks). */
    public static HttpSourcePolicy anyHost() {
        return new HttpSourcePolicy(List.of(), true);
    }

    /** Refuses the URI with the reason, or returns normally. */
    void check(URI uri) throws SourceException {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!allowedHosts.isEmpty() && !allowedHosts.contains(host)) {
            throw new SourceException(SourceException.Kind.INVALID, "host " + host + " is not one of the allowed source hosts");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new SourceException(SourceException.Kind.UNREADABLE, "cannot resolve host " + host);
        }
        for (InetAddress address : addresses) {
            if (METADATA.contains(address.getHostAddress())) {
                throw new SourceException(SourceException.Kind.INVALID, "refused: " + host + " resolves to a cloud metadata address");
            }
            if (!allowPrivateAddresses && isInternal(address)) {
                throw new SourceException(SourceException.Kind.INVALID, "refused: " + host + " resolves to the internal address "
                        + address.getHostAddress() + " (allow with submitter.http.allow.private=true)");
            }
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT 100.64/10
                    || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return false;
    }
}
