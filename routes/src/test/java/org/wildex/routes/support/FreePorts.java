package org.wildex.routes.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free local ports for tests that cannot bind port 0 themselves (the Artemis acceptor, a hub started as its own JVM).
 *
 * <p>Ports come from below the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}): a test hands
 * a port to a process that binds it later, often several times (a hub killed and restarted on the same ports), and in
 * between any outgoing connection on the machine could be given an ephemeral port. CI lost a run to that once
 * ({@code BindException} on a restart). Below the range only an explicit bind can take a port, and this class never hands
 * the same one out twice in a JVM.
 */
public final class FreePorts {
  private static final int LOWEST = 20000;
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePorts() {}

  /** A port nothing listened on a moment ago, below the ephemeral range, not handed out before by this JVM. */
  public static synchronized int next() {
    int highest = ephemeralLow() - 1;
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
      if (!HANDED_OUT.contains(port) && bindable(port)) {
        HANDED_OUT.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free port between " + LOWEST + " and " + highest + " after 1000 tries");
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(port)); // the wildcard address: taken on any interface means taken
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The first port of the kernel's ephemeral range (32768 where it cannot be read). */
  private static int ephemeralLow() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int low = Integer.parseInt(range.split("\\s+")[0]);
      return low > LOWEST + 1000 ? low : 32768;
    } catch (IOException | RuntimeException e) {
      return 32768;
    }
  }
}
