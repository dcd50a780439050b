/**
 * How {@link io.sandboxpipeline.client.SandboxClient} talks HTTP and reads JSON. Public only so the client package can
 * use it; not an API: other modules must not depend on anything here.
 */
package io.sandboxpipeline.client.internal;
