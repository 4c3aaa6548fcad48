package org.wildex.routes.audit;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.audit.AuditBatch;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.SealedReceipt;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.routes.Endpoints;

/**
 * The one writer of the trail ({@code wildex.audit.writer}): takes messages from {@code wildex.audit} in a transacted
 * broker session, up to {@code batchSize} or {@code batchWait}, appends their events to the store in one database
 * transaction, and only then commits the broker session.
 *
 * <p>When the database is down nothing is acknowledged: the batch in hand is retried with backoff (without rolling back,
 * so the broker's delivery count does not climb), everything behind it waits on {@code wildex.audit} (paged to disk),
 * and the exchange goes on. When the database is back the backlog drains. A message that is not an audit batch at all
 * goes to {@code wildex.dlq} in the same broker transaction.
 */
public final class AuditWriter implements AutoCloseable {

  public static final String ID = "wildex.audit.writer";

  private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);
  private static final long POLL_MS = 200;
  private static final long MAX_BACKOFF_MS = 5_000;
  /** Once the trail has been quiet this long, the head is signed: bursts end up covered without waiting for T. */
  static final Duration QUIET = Duration.ofSeconds(2);

  private final ConnectionFactory connections;
  private final AuditStore store;
  private final Checkpointing checkpointing;
  private final AuditSettings settings;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong appended = new AtomicLong();
  private volatile boolean running = true;
  private volatile Instant drainUntil;
  private volatile boolean storeReady;
  private volatile String lastProblem;
  /**
   * The broker session failed (e.g. a failover to the backup broker) after a batch may have reached the store: the first
   * batch after it is deduplicated, whatever the redelivered flag says.
   */
  private boolean dedupeNext;
  /** The head after this writer's last append or checkpoint (null before the first): idle checks need no query. */
  private AuditStore.Head lastHead;
  private Instant lastBatchAt;

  public AuditWriter(ConnectionFactory connections, AuditStore store, Checkpointing checkpointing, AuditSettings settings) {
    this.connections = connections;
    this.store = store;
    this.checkpointing = checkpointing;
    this.settings = settings;
    this.thread = new Thread(this::run, ID);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Events appended since start. */
  public long appended() {
    return appended.get();
  }

  /** True while the store accepts writes (false during an outage, or before the first successful write). */
  public boolean storeReady() {
    return storeReady;
  }

  /** What went wrong last with the store, if anything (class and message; never content). */
  public String lastProblem() {
    return lastProblem;
  }

  /**
   * Stops after draining what is on {@code wildex.audit} for up to {@code drain} (so a clean stop leaves a complete
   * trail), signs a last checkpoint of the head, and closes. Whatever is left stays on the broker for the next start.
   */
  public void stop(Duration drain) throws InterruptedException {
    drainUntil = Instant.now().plus(drain);
    running = false;
    if (!stopped.await(drain.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
      LOG.warn("event=AUDIT_WRITER_STOP_TIMEOUT writer={} (the rest stays on {})", ID, Endpoints.AUDIT_ADDRESS);
      thread.interrupt();
      stopped.await(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop(Duration.ofSeconds(5));
  }

  private void run() {
    try {
      while (!ensureSchema()) {
        if (!running) {
          return;
        }
      }
      long backoff = 100;
      while (running || Instant.now().isBefore(drainUntil)) {
        try (Connection connection = connections.createConnection()) {
          connection.start();
          Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
          MessageConsumer consumer = session.createConsumer(session.createQueue(Endpoints.AUDIT_ADDRESS));
          MessageProducer deadLetters = session.createProducer(session.createQueue(Endpoints.DLQ_ADDRESS));
          loop(session, consumer, deadLetters);
          backoff = 100;
        } catch (JMSException e) {
          if (!running) {
            break;
          }
          LOG.warn("event=AUDIT_WRITER_BROKER_ERROR writer={} error={}: {}", ID, e.getClass().getSimpleName(), e.getMessage());
          dedupeNext = true;
          sleep(backoff);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      finalCheckpoint();
      stopped.countDown();
      LOG.info("event=AUDIT_WRITER_STOPPED writer={} appended={}", ID, appended.get());
    }
  }

  /** Receives and writes batches until stopped (and drained) or the broker session fails. */
  private void loop(Session session, MessageConsumer consumer, MessageProducer deadLetters)
      throws JMSException, InterruptedException {
    while (true) {
      boolean draining = !running;
      if (draining && !Instant.now().isBefore(drainUntil)) {
        return;
      }
      List<AuditEvent> events = new ArrayList<>();
      List<SealedReceipt> receipts = new ArrayList<>();
      boolean redelivered = false;
      int messages = 0;
      Message first = draining ? consumer.receive(50) : consumer.receive(POLL_MS);
      if (first == null) {
        if (draining) {
          return;
        }
        timedCheckpoint();
        continue;
      }
      long deadline = System.nanoTime() + settings.batchWait().toNanos();
      for (Message m = first; m != null; ) {
        messages++;
        redelivered |= m.getJMSRedelivered();
        AuditBatch batch = parse(m);
        if (batch == null) {
          deadLetters.send(m);
        } else {
          events.addAll(batch.events());
          receipts.addAll(batch.receipts());
        }
        if (events.size() >= settings.batchSize()) {
          break;
        }
        long left = deadline - System.nanoTime();
        m = left <= 0 ? consumer.receiveNoWait() : consumer.receive(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
      if (!write(events, receipts, redelivered || dedupeNext)) {
        // stopping while the store is down: leave the batch on the broker for the next start
        session.rollback();
        return;
      }
      session.commit();
      dedupeNext = false;
      appended.addAndGet(events.size());
      LOG.debug("event=AUDIT_BATCH writer={} messages={} events={}", ID, messages, events.size());
    }
  }

  /** Writes one batch, retrying with backoff while the store is down; false only if stopping gave up on it. */
  private boolean write(List<AuditEvent> events, List<SealedReceipt> receipts, boolean redelivered)
      throws InterruptedException {
    long backoff = 100;
    boolean dedupe = redelivered;
    while (true) {
      try {
        lastHead = store.append(events, receipts, dedupe, checkpointing);
        lastBatchAt = Instant.now();
        if (!storeReady) {
          LOG.info("event=AUDIT_STORE_AVAILABLE writer={}", ID);
        }
        storeReady = true;
        lastProblem = null;
        return true;
      } catch (Exception e) {
        if (storeReady || lastProblem == null) {
          LOG.error("event=AUDIT_STORE_UNAVAILABLE writer={} error={}: {} (events wait on {}; the exchange goes on)",
              ID, e.getClass().getSimpleName(), e.getMessage(), Endpoints.AUDIT_ADDRESS);
        }
        storeReady = false;
        lastProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
        // a failure after the database committed but before the broker did would repeat events: check from now on
        dedupe = true;
        if (!running && !Instant.now().isBefore(drainUntil)) {
          return false;
        }
        sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  private boolean ensureSchema() throws InterruptedException {
    long backoff = 100;
    while (running) {
      try {
        store.migrate();
        storeReady = true;
        return true;
      } catch (Exception e) {
        if (lastProblem == null) {
          LOG.error("event=AUDIT_STORE_UNAVAILABLE writer={} error={}: {} (migrations wait; the exchange goes on)",
              ID, e.getClass().getSimpleName(), e.getMessage());
        }
        lastProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
        sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
    return false;
  }

  private void timedCheckpoint() {
    AuditStore.Head head = lastHead;
    Instant now = Instant.now();
    if (!storeReady || head == null || head.seq() <= head.checkpointSeq()) {
      return;
    }
    boolean quiet = lastBatchAt != null && !lastBatchAt.plus(QUIET).isAfter(now);
    if (!quiet && !checkpointing.due(head, now)) {
      return;
    }
    try {
      lastHead = store.checkpointIfDue(checkpointing, quiet);
    } catch (Exception e) {
      LOG.warn("event=AUDIT_CHECKPOINT_FAILED writer={} error={}: {}", ID, e.getClass().getSimpleName(), e.getMessage());
    }
  }

  private void finalCheckpoint() {
    if (!storeReady) {
      return;
    }
    try {
      AuditStore.Head head = store.checkpointIfDue(checkpointing, true);
      LOG.info("event=AUDIT_CHECKPOINT writer={} seq={} head={}", ID, head.checkpointSeq(), head.hash());
    } catch (Exception e) {
      LOG.warn("event=AUDIT_CHECKPOINT_FAILED writer={} error={}: {}", ID, e.getClass().getSimpleName(), e.getMessage());
    }
  }

  private static AuditBatch parse(Message m) throws JMSException {
    try {
      if (!(m instanceof BytesMessage bytes)) {
        LOG.error("event=AUDIT_MESSAGE_REFUSED writer={} messageId={} reason=NOT_BYTES", ID, m.getJMSMessageID());
        return null;
      }
      byte[] body = new byte[(int) bytes.getBodyLength()];
      bytes.readBytes(body);
      return PackageCodec.fromJson(body, AuditBatch.class);
    } catch (WildexException e) {
      LOG.error("event=AUDIT_MESSAGE_REFUSED writer={} messageId={} reason={}", ID, m.getJMSMessageID(), e.reason());
      return null;
    }
  }

  private static void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }
}
