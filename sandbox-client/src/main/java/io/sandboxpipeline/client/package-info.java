/**
 * Java client of the OPSWAT MetaDefender Sandbox (filescan.io) HTTP API.
 *
 * <p>Start with {@link io.sandboxpipeline.client.SandboxClient#create(SandboxClientConfig)}; the Workflow Guide's
 * sequence is {@code hashReputation} (skip the upload when
 * {@link io.sandboxpipeline.client.HashReputation#isMaliciousEnoughToSkipScan()}), {@code submitFile}, {@code report}
 * with {@link io.sandboxpipeline.client.ReportQuery#POLL} until
 * {@link io.sandboxpipeline.client.FlowReport#isFinished()}, then {@code report} with
 * {@link io.sandboxpipeline.client.ReportQuery#ENRICH}. Failures are {@link io.sandboxpipeline.client.SandboxException}s;
 * switch on their {@link io.sandboxpipeline.client.ErrorKind}. Everything in {@code ...client.internal} is
 * implementation.
 */
package io.sandboxpipeline.client;
