package io.sandboxpipeline.core.outcome;

import io.sandboxpipeline.schemas.Verdict;

/** Maps the client's verdicts onto the Avro contract's (same vocabulary, two types). */
public final class Verdicts {

    private Verdicts() {
    }

    public static Verdict toAvro(io.sandboxpipeline.client.Verdict verdict) {
        return verdict == null ? Verdict.UNKNOWN : Verdict.valueOf(verdict.name());
    }
}
