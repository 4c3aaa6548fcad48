package org.wildex.crypto;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The shared JCA providers, passed per operation: BC for EC/RSA, SunJCE for AES; never registered globally. */
public final class Providers {
  /** One Bouncy Castle instance for the whole JVM (creating one is expensive). */
  public static final Provider BC = new BouncyCastleProvider();

  /** The JDK's SunJCE provider (AES-NI backed AES-GCM / CBC), falling back to BC if absent. */
  public static final Provider SUN_JCE = sunJce();

  private Providers() {}

  private static Provider sunJce() {
    Provider p = Security.getProvider("SunJCE");
    return p != null ? p : BC;
  }
}
