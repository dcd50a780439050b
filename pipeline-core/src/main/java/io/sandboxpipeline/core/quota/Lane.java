package io.sandboxpipeline.core.quota;

/**
 * Why a call is made. Live calls serve files that were just stored and someone waits for their verdict; replay calls
 * re-scan history (a backfill or a re-run) and may be as plentiful as they like without delaying live work.
 */
public enum Lane {
    /** Newly stored files: a reserved share of every endpoint's rate and concurrency, and may use all of it. */
    LIVE,
    /** Backfills and re-runs: the unreserved share, and the reserved share only while no live call asked recently. */
    REPLAY
}
