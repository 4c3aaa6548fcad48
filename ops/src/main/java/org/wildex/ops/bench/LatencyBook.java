package org.wildex.ops.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What happened to each package, by index: when it was submitted, which of its recipients have consumed their delivery
 * (one bit each), when the last one did. End-to-end latency is submission start (or its scheduled time, when paced)
 * to the last recipient receiving its delivery.
 */
final class LatencyBook {

  private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final Map<UUID, Integer> indexOf = new HashMap<>();
  private final Map<String, Integer> recipientBit = new HashMap<>();
  private final int[] expectedMask;
  private final long[] startNanos;
  /** End-to-end nanoseconds of each completed package, by index; -1 until it completes. */
  private final AtomicLongArray latencyNanos;
  private final AtomicIntegerArray arrivedMask;
  private final AtomicLongArray completionSecond;
  final Histogram endToEnd = new ConcurrentHistogram(MAX_LATENCY_NANOS, 3);
  final Histogram intake = new ConcurrentHistogram(MAX_LATENCY_NANOS, 3);
  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();
  final AtomicInteger completed = new AtomicInteger();
  final AtomicLong deliveries = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong strays = new AtomicLong();
  final AtomicLong receipts = new AtomicLong();
  private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastCompletion = new AtomicLong(Long.MIN_VALUE);
  private volatile long origin;

  LatencyBook(List<PackageFactory.SealedPackage> packages, List<String> agencies) {
    for (int a = 0; a < agencies.size(); a++) {
      recipientBit.put(agencies.get(a), a);
    }
    expectedMask = new int[packages.size()];
    for (int i = 0; i < packages.size(); i++) {
      PackageFactory.SealedPackage p = packages.get(i);
      indexOf.put(p.id(), i);
      for (String r : p.recipients()) {
        expectedMask[i] |= 1 << recipientBit.get(r);
      }
    }
    startNanos = new long[packages.size()];
    arrivedMask = new AtomicIntegerArray(packages.size());
    latencyNanos = new AtomicLongArray(packages.size());
    for (int i = 0; i < packages.size(); i++) {
      latencyNanos.set(i, -1);
    }
    completionSecond = new AtomicLongArray(3600);
  }

  /** The clock's zero for the per-second timeline; call once, right before the first submission. */
  void begin() {
    origin = System.nanoTime();
  }

  /** Package {@code i} is being submitted, counted from {@code nanos} (its scheduled time when paced). */
  void submitting(int i, long nanos) {
    startNanos[i] = nanos;
    firstStart.accumulateAndGet(nanos, Math::min);
  }

  void answered(boolean ok, long startNanos, long now) {
    intake.recordValue(Math.max(0, now - startNanos));
    (ok ? accepted : refused).incrementAndGet();
  }

  /** A recipient received a delivery of package {@code packageId} at {@code now}. */
  void delivered(String packageId, String recipient, long now) {
    deliveries.incrementAndGet();
    Integer i = packageId == null ? null : indexOf.get(UUID.fromString(packageId));
    Integer bit = recipientBit.get(recipient);
    if (i == null || bit == null || (expectedMask[i] & (1 << bit)) == 0) {
      strays.incrementAndGet();
      return;
    }
    int mask = 1 << bit;
    int before = arrivedMask.getAndAccumulate(i, mask, (a, b) -> a | b);
    if ((before & mask) != 0) {
      duplicates.incrementAndGet();
      return;
    }
    if ((before | mask) == expectedMask[i]) {
      long latency = Math.min(MAX_LATENCY_NANOS, Math.max(0, now - startNanos[i]));
      endToEnd.recordValue(latency);
      latencyNanos.set(i, latency);
      completed.incrementAndGet();
      lastCompletion.accumulateAndGet(now, Math::max);
      int second = (int) Math.min(completionSecond.length() - 1, (now - origin) / 1_000_000_000L);
      completionSecond.incrementAndGet(second);
    }
  }

  /** Seconds from the first submission to the last completed package. */
  double elapsedSeconds() {
    long last = lastCompletion.get();
    return last == Long.MIN_VALUE ? 0 : (last - firstStart.get()) / 1e9;
  }

  /** Packages completed in each whole second since {@link #begin()}, up to the last completion. */
  long[] perSecond() {
    int seconds = (int) Math.min(completionSecond.length(), Math.max(1, (lastCompletion.get() - origin) / 1_000_000_000L + 1));
    long[] counts = new long[seconds];
    for (int s = 0; s < seconds; s++) {
      counts[s] = completionSecond.get(s);
    }
    return counts;
  }

  /**
   * The end-to-end p99 of each of {@code parts} consecutive slices of the packages in submission order (ms; NaN for a
   * slice with none completed): whether the tail belongs to the whole run or to one stretch of it, such as its start.
   */
  double[] p99ByPart(int parts) {
    double[] p99 = new double[parts];
    int n = latencyNanos.length();
    for (int part = 0; part < parts; part++) {
      int from = (int) ((long) n * part / parts);
      int to = (int) ((long) n * (part + 1) / parts);
      long[] slice = new long[to - from];
      int count = 0;
      for (int i = from; i < to; i++) {
        long v = latencyNanos.get(i);
        if (v >= 0) {
          slice[count++] = v;
        }
      }
      if (count == 0) {
        p99[part] = Double.NaN;
        continue;
      }
      Arrays.sort(slice, 0, count);
      p99[part] = slice[(int) Math.ceil(count * 0.99) - 1] / 1e6;
    }
    return p99;
  }

  /** Deliveries expected in all: the sum of each accepted package's recipients. */
  long expectedDeliveries() {
    long n = 0;
    for (int mask : expectedMask) {
      n += Integer.bitCount(mask);
    }
    return n;
  }
}
