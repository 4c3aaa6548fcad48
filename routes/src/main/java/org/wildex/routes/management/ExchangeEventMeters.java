package org.wildex.routes.management;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;

/**
 * Camel's exchange event meters ({@code camel_exchange_event_notifier_seconds}, {@code camel_exchanges_inflight},
 * {@code camel_exchanges_last_timestamp}) without the registry search camel-micrometer 4.18 makes on every completed
 * exchange: its {@code setLastTimeExchange} looks the last-timestamp gauge up with {@code MeterRegistry.find}, which
 * walks every meter of the registry (the broker's per-queue meters included) for each exchange. Here the gauge is
 * registered once, on start, and completion only sets its value; the timers are the parent's.
 */
final class ExchangeEventMeters extends MicrometerExchangeEventNotifier {

  /** Prefix of the property (then the meter name) camel-micrometer keeps an exchange's timer sample under. */
  private static final String SAMPLE = "eventTimer:";

  private static final String LAST_TIMESTAMP = "camel.exchanges.last.timestamp";

  private final AtomicLong lastExchange = new AtomicLong();

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    Gauge.builder(LAST_TIMESTAMP, lastExchange, AtomicLong::doubleValue)
        .description("Last exchange processed time in milliseconds since the Unix epoch")
        .strongReference(true)
        .register(getMeterRegistry());
  }

  @Override
  protected void handleDoneEvent(ExchangeEvent event) {
    Exchange exchange = event.getExchange();
    String name = getNamingStrategy().getName(exchange, exchange.getFromEndpoint());
    Timer.Sample sample = (Timer.Sample) exchange.removeProperty(SAMPLE + name);
    if (sample != null) {
      sample.stop(getMeterRegistry().timer(name, getNamingStrategy().getTags(event, exchange.getFromEndpoint())));
    }
    lastExchange.set(System.currentTimeMillis());
  }
}
