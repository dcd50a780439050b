/**
 * The operations endpoints of a running stage: {@code /metrics} for Prometheus, {@code /health/live} and
 * {@code /health/ready} for Kubernetes probes. Served by the JDK's HTTP server on {@code ops.host}:{@code ops.port}
 * (127.0.0.1:9464 by default; set {@code ops.host=0.0.0.0} inside a pod so the kubelet and Prometheus reach it).
 */
package io.sandboxpipeline.core.ops;
