package org.wildex.ops.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.cms.Cms.Opened;
import org.wildex.crypto.pki.CertificateCheck;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.ops.Workdir;
import org.wildex.routes.WildexHeaders;

/**
 * One of a participant's mailboxes on the hub: deliveries on {@code wildex.deliver.<id>} (agencies, and NGOs named as
 * recipients), receipts on {@code wildex.receipts.<id>} (NGOs). Fetching writes each message as received ({@code .p7m})
 * and as opened ({@code .json}), after checking it was signed by the hub.
 */
public final class Mailbox {

  /** One fetched message: where it was written and its opened JSON. */
  public record Item(String name, Path sealed, Path opened, byte[] json) {}

  private final Workdir workdir;
  private final String id;
  private final boolean receipts;

  private Mailbox(Workdir workdir, String id, boolean receipts) {
    this.workdir = workdir;
    this.id = id;
    this.receipts = receipts;
  }

  public static Mailbox deliveries(Workdir workdir, String id) {
    return new Mailbox(workdir, id, false);
  }

  public static Mailbox receipts(Workdir workdir, String id) {
    return new Mailbox(workdir, id, true);
  }

  /** The mailboxes a participant reads: deliveries, and for NGOs also receipts. */
  public static List<Mailbox> of(Workdir workdir, Participant participant) {
    return participant.kind() == ParticipantKind.NGO
        ? List.of(receipts(workdir, participant.id()), deliveries(workdir, participant.id()))
        : List.of(deliveries(workdir, participant.id()));
  }

  public String queue() {
    return (receipts ? "wildex.receipts." : "wildex.deliver.") + id;
  }

  public Path folder() {
    return receipts ? workdir.receipts(id) : workdir.deliveries(id);
  }

  /** Drains the mailbox until it has been idle for {@code idle}; returns what was fetched. */
  public List<Item> fetch(String brokerUrl, String storePassword, Duration idle) throws Exception {
    return fetch(brokerUrl, storePassword, idle, item -> {});
  }

  /** As {@link #fetch(String, String, Duration)}, telling {@code onEach} of every item once it is written. */
  public List<Item> fetch(String brokerUrl, String storePassword, Duration idle, java.util.function.Consumer<Item> onEach)
      throws Exception {
    List<KeyHolder> keys = workdir.keyHistory(id);
    List<X509Certificate> hubs = workdir.hubCertificates();
    List<X509Certificate> cas = workdir.allCas(); // the signer is pinned to the hub's own certificates
    Files.createDirectories(folder());
    List<Item> items = new ArrayList<>();
    String nameHeader = receipts ? "wildexTrackingId" : "wildexPackageId";
    try (BrokerDrain drain = new BrokerDrain(brokerUrl, workdir.keyStore(id), workdir.trustStore(), storePassword)) {
      drain.drain(
          queue(),
          idle,
          (body, message) -> {
            String name = message.getStringProperty(nameHeader);
            String kind = message.getStringProperty(WildexHeaders.MESSAGE_KIND);
            if (kind != null && !receipts) {
              name = name + "." + kind; // a recall notice beside the delivery it recalls, never over it
              String request = message.getStringProperty("wildexTrackingId");
              if (request != null) {
                name = name + "." + request; // a released delivery, or a decline, by its release request
              }
            }
            byte[] json = openFromHub(body, keys, hubs, cas);
            Path sealed = write(folder().resolve(name + ".p7m"), body);
            Path opened = write(folder().resolve(name + ".json"), json);
            Item item = new Item(name, sealed, opened, json);
            items.add(item);
            onEach.accept(item);
          });
    }
    return items;
  }

  /** Decrypts with the participant's key and checks the signature is the hub's, issued by the directory CA. */
  public static byte[] openFromHub(byte[] sealed, KeyHolder keys, X509Certificate hub, X509Certificate ca)
      throws CryptoException, IOException {
    return openFromHub(sealed, List.of(keys), List.of(hub), List.of(ca));
  }

  /**
   * Decrypts with the first of {@code keys} the message is sealed to: the participant's current key, then the keys its
   * renewals retired (a message may have waited in the queue while the participant's key was renewed).
   */
  public static Opened open(byte[] sealed, List<KeyHolder> keys) throws CryptoException {
    return Cms.open(sealed, keys);
  }

  /**
   * As {@link #openFromHub(byte[], KeyHolder, X509Certificate, X509Certificate)} across renewals and rotations: the
   * signer must be one of {@code hubs} (the hub's certificate, then its retired ones: a message may have waited in the
   * queue while the hub's key was renewed) and issued by one of {@code cas} (then its CA may be a retired one).
   */
  public static byte[] openFromHub(byte[] sealed, List<KeyHolder> keys, List<X509Certificate> hubs, List<X509Certificate> cas)
      throws CryptoException, IOException {
    Opened opened = open(sealed, keys);
    CertificateCheck.checkIssuedByAny(opened.signer(), cas, Instant.now());
    if (!hubs.contains(opened.signer())) {
      throw new IOException("message is signed by " + opened.signer().getSubjectX500Principal() + ", not by the hub");
    }
    return opened.content();
  }

  private static Path write(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
