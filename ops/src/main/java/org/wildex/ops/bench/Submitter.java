package org.wildex.ops.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.wildex.ops.client.IntakeClient;

/**
 * Posts the sealed packages to the HTTPS intake from {@code concurrency} threads, each NGO with its own client
 * certificate; with several hub nodes, package {@code i} goes to node {@code i mod nodes}. Without a rate each thread posts as fast as the hub answers (closed loop); with one, package {@code i}
 * is due at {@code i / rate} seconds and its latency counts from then, however late a thread gets to it.
 */
final class Submitter {

  private final List<PackageFactory.SealedPackage> packages;
  private final List<Map<String, IntakeClient>> nodes;
  private final LatencyBook book;
  private final AtomicInteger next = new AtomicInteger();

  /** {@code nodes}: for each hub node, each NGO's client of its intake. */
  Submitter(List<PackageFactory.SealedPackage> packages, List<Map<String, IntakeClient>> nodes, LatencyBook book) {
    this.packages = packages;
    this.nodes = nodes;
    this.book = book;
  }

  /** Submits until every package went out or {@code durationSeconds} (0 = no limit) passed; returns how many went out. */
  int run(int concurrency, double rate, long durationSeconds) throws InterruptedException {
    long begin = System.nanoTime();
    long deadline = durationSeconds > 0 ? begin + durationSeconds * 1_000_000_000L : Long.MAX_VALUE;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      Thread thread = new Thread(() -> submitLoop(begin, rate, deadline), "bench-submit-" + t);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return Math.min(next.get(), packages.size());
  }

  private void submitLoop(long begin, double rate, long deadline) {
    int i;
    while ((i = next.getAndIncrement()) < packages.size()) {
      long due = rate > 0 ? begin + (long) (i * 1e9 / rate) : System.nanoTime();
      if (due >= deadline || System.nanoTime() >= deadline) {
        next.set(packages.size());
        return;
      }
      for (long wait; (wait = due - System.nanoTime()) > 0; ) {
        LockSupport.parkNanos(wait);
      }
      PackageFactory.SealedPackage p = packages.get(i);
      long start = rate > 0 ? due : System.nanoTime();
      book.submitting(i, start);
      boolean ok;
      try {
        ok = nodes.get(i % nodes.size()).get(p.sender()).submit(p.submission()).accepted();
      } catch (Exception e) {
        ok = false;
      }
      book.answered(ok, start, System.nanoTime());
    }
  }
}
