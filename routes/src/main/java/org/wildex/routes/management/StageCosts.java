package org.wildex.routes.management;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

/**
 * What each stage costs: the CPU time and the bytes allocated by the thread that runs a route, from the moment the
 * route takes an exchange to the moment it is done with it, <em>without</em> the routes it calls (a stage's
 * {@code direct:} children count for themselves). Measured with the JVM's per-thread counters
 * ({@code ThreadMXBean.getCurrentThreadCpuTime} and {@code getThreadAllocatedBytes}), not by sampling, and published as
 * {@code wildex_stage_cpu_seconds_total{stage}} and {@code wildex_stage_allocated_bytes_total{stage}}, so the bench
 * can divide them by the packages of a run. The cost of the measurement itself: a few clock reads per route.
 */
public final class StageCosts implements RoutePolicyFactory {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Nested routes of the exchange being processed on this thread: the innermost on top. */
  private static final ThreadLocal<ArrayDeque<Frame>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

  private final MeterRegistry registry;
  private final Map<String, Cost> costs = new ConcurrentHashMap<>();

  public StageCosts(MeterRegistry registry) {
    this.registry = registry;
    // both are on by default on HotSpot; where a JVM lacks them the counters read -1 and the figures stay meaningless
  }

  /** CPU seconds and bytes allocated by one stage so far. */
  private static final class Cost {
    final LongAdder cpuNanos = new LongAdder();
    final LongAdder allocated = new LongAdder();
  }

  /** One route on this thread's stack: where its counters stood when it began, and what its children used. */
  private static final class Frame {
    final Exchange exchange;
    final Route route;
    final long cpu0;
    final long alloc0;
    long childCpu;
    long childAlloc;

    Frame(Exchange exchange, Route route, long cpu0, long alloc0) {
      this.exchange = exchange;
      this.route = route;
      this.cpu0 = cpu0;
      this.alloc0 = alloc0;
    }
  }

  @Override
  public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
    Cost cost = costs.computeIfAbsent(routeId, this::register);
    return new RoutePolicySupport() {
      @Override
      public void onExchangeBegin(Route r, Exchange exchange) {
        STACK.get().push(new Frame(exchange, r, THREADS.getCurrentThreadCpuTime(), allocated()));
      }

      @Override
      public void onExchangeDone(Route r, Exchange exchange) {
        ArrayDeque<Frame> stack = STACK.get();
        Frame top = stack.peek();
        if (top == null || top.exchange != exchange || top.route != r) {
          return; // done on another thread than it began (not how wildex routes run): not counted rather than miscounted
        }
        stack.pop();
        long cpu = THREADS.getCurrentThreadCpuTime() - top.cpu0;
        long alloc = allocated() - top.alloc0;
        cost.cpuNanos.add(cpu - top.childCpu);
        cost.allocated.add(alloc - top.childAlloc);
        Frame parent = stack.peek();
        if (parent != null) {
          parent.childCpu += cpu;
          parent.childAlloc += alloc;
        }
      }
    };
  }

  private Cost register(String routeId) {
    Cost cost = new Cost();
    FunctionCounter.builder("wildex.stage.cpu", cost, c -> c.cpuNanos.sum() / 1e9)
        .baseUnit("seconds")
        .description("CPU time of the thread running this stage (route), its child routes not included")
        .tag("stage", routeId)
        .register(registry);
    FunctionCounter.builder("wildex.stage.allocated", cost, c -> c.allocated.sum())
        .baseUnit("bytes")
        .description("bytes allocated by the thread running this stage (route), its child routes not included")
        .tag("stage", routeId)
        .register(registry);
    return cost;
  }

  private static long allocated() {
    return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
