package org.wildex.routes;

import org.wildex.routes.broker.EmbeddedBroker;

/** Broker addresses and in-process endpoints that connect the hub's stages. */
public final class Endpoints {

  /** Durable address holding submitted ciphertext until the process stage has handled it. */
  public static final String INTAKE_ADDRESS = EmbeddedBroker.INTAKE;

  /** Durable address keeping rejected ciphertext unchanged, with its reason code. */
  public static final String QUARANTINE_ADDRESS = EmbeddedBroker.QUARANTINE;

  /** Prefix of each agency's delivery address: {@code wildex.deliver.<participant id>}. */
  public static final String DELIVER_PREFIX = EmbeddedBroker.DELIVER_PREFIX;

  /** Prefix of each NGO's receipt address: {@code wildex.receipts.<participant id>}. */
  public static final String RECEIPTS_PREFIX = EmbeddedBroker.RECEIPTS_PREFIX;

  /** Durable address of audit events on their way to the audit store (one message per stage transaction). */
  public static final String AUDIT_ADDRESS = EmbeddedBroker.AUDIT;

  /** Federation: prefix of the address of hand-overs waiting for a peer region's hub. */
  public static final String FEDERATION_OUT_PREFIX = EmbeddedBroker.FEDERATION_OUT_PREFIX;

  /** Federation: hand-overs from peer regions' hubs. */
  public static final String FEDERATION_IN = "jms:queue:" + EmbeddedBroker.FEDERATION_IN;

  /** Federation: a refused hand-over, quarantined and audited. */
  public static final String FEDERATION_REJECT = "direct:wildex.federation.reject";

  /** Federation: a peer region's recall of a package it handed over here. */
  public static final String FEDERATION_RECALL = "direct:wildex.federation.recall";

  /** Durable address of recalls waiting to be carried out. */
  public static final String RECALL_ADDRESS = EmbeddedBroker.RECALL;

  /** Where a recall moves the deliveries it withdraws, until it has recorded them. */
  public static final String WITHDRAWN_ADDRESS = EmbeddedBroker.WITHDRAWN;

  /** Dead-letter address. */
  public static final String DLQ_ADDRESS = EmbeddedBroker.DLQ;

  public static final String INTAKE = "jms:queue:" + INTAKE_ADDRESS;
  public static final String AUDIT = "jms:queue:" + AUDIT_ADDRESS;
  public static final String QUARANTINE = "jms:queue:" + QUARANTINE_ADDRESS;
  public static final String RECALL = "jms:queue:" + RECALL_ADDRESS;
  public static final String RELEASE = "jms:queue:" + EmbeddedBroker.RELEASE;
  public static final String RELEASE_FORWARD = "direct:wildex.lifecycle.release-forward";
  public static final String RELEASE_APPLY = "direct:wildex.lifecycle.release-apply";

  /** Producer for deliveries; the real address comes from the {@code CamelJmsDestinationName} header per delivery. */
  public static final String DELIVER = "jms:queue:" + DELIVER_PREFIX + "unaddressed";

  /** Producer for receipts; the real address comes from the {@code CamelJmsDestinationName} header per receipt. */
  public static final String RECEIPTS = "jms:queue:" + RECEIPTS_PREFIX + "unaddressed";

  public static final String VALIDATE = "direct:wildex.process.validate";
  public static final String DEDUPLICATE = "direct:wildex.process.deduplicate";
  public static final String SUPERSEDES = "direct:wildex.process.supersedes";
  public static final String DECIDE_RECIPIENTS = "direct:wildex.process.recipients";
  public static final String REDACT = "direct:wildex.process.redact";
  public static final String FANOUT = "direct:wildex.deliver.fanout";
  public static final String RECEIPT = "direct:wildex.receipts.send";
  public static final String REJECT = "direct:wildex.process.reject";
  public static final String UPDATE_EARLIER = "direct:wildex.lifecycle.update";
  public static final String RECALL_NOTIFY = "direct:wildex.lifecycle.notify";
  public static final String RECALL_RECEIPT = "direct:wildex.lifecycle.recall-receipt";

  /**
   * Options of a stage's broker consumer: {@code consumers} threads, each message in its own local broker transaction
   * (the stage's sends commit with its acknowledgement), consumer cached.
   */
  public static String transacted(int consumers) {
    return "?transacted=true&lazyCreateTransactionManager=false&cacheLevelName=CACHE_CONSUMER"
        + "&concurrentConsumers=" + consumers + "&maxConcurrentConsumers=" + consumers;
  }

  private Endpoints() {}
}
