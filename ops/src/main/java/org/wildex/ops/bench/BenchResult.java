package org.wildex.ops.bench;

import java.util.Locale;

/**
 * A run's summary, printed as the last line: {@code RESULT pps=.. p50_ms=.. p99_ms=.. crypto_ceiling_pps=..
 * broker_ceiling_pps=.. ratio_crypto=.. heap_mb=.. hub_cpu_ms=.. cost_ratio=..}: the hub JVM's CPU milliseconds per
 * package and that divided by the crypto's own CPU per package in the same run.
 *
 * @param complete every accepted package reached every recipient exactly once and every sample verified
 */
public record BenchResult(double pps, double p50Ms, double p99Ms, double cryptoCeilingPps, double brokerCeilingPps,
    double ratioCrypto, long heapMb, int packagesCompleted, long deliveries, boolean complete, double hubCpuMs,
    double costRatio) {

  public String line() {
    return String.format(Locale.ROOT,
        "RESULT pps=%.1f p50_ms=%.1f p99_ms=%.1f crypto_ceiling_pps=%.1f broker_ceiling_pps=%.1f ratio_crypto=%.2f heap_mb=%d"
            + " hub_cpu_ms=%.2f cost_ratio=%.2f",
        pps, p50Ms, p99Ms, cryptoCeilingPps, brokerCeilingPps, ratioCrypto, heapMb, hubCpuMs, costRatio);
  }
}
