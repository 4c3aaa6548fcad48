package org.wildex.contracts.directory;

import java.util.List;

/**
 * Another region's hub, as this region's directory names it (federation, {@code docs/scale-out.md}): its region name,
 * its hub certificate (whose signature on a hand-over is trusted, and which may send to this broker's
 * {@code wildex.federation.in} and nothing else), the CA that issued it, where its broker listens (absent: this hub
 * sends nothing there, it only receives) and the participants reachable through it.
 *
 * @param region the peer's region name, e.g. {@code asia}
 * @param hub path of the peer hub's certificate, relative to the directory file
 * @param ca path of the CA certificate that issued it, relative to the directory file
 * @param broker {@code host:port} of the peer's broker (its participants' TLS acceptor), or null
 * @param participants ids of this directory's participants that belong to the peer region
 */
public record Peer(String region, String hub, String ca, String broker, List<String> participants) {

  public Peer {
    participants = participants == null ? List.of() : List.copyOf(participants);
  }

  /** The broker's host. */
  public String brokerHost() {
    return broker.substring(0, broker.lastIndexOf(':'));
  }

  /** The broker's port. */
  public int brokerPort() {
    return Integer.parseInt(broker.substring(broker.lastIndexOf(':') + 1));
  }
}
