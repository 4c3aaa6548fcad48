package org.wildex.routes.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.policy.Policy;
import org.wildex.contracts.redaction.Redactor;
import org.wildex.crypto.pseudonym.HmacPseudonymiser;

/**
 * The sharing policy and pseudonyms the hub decides with, loaded once at start: {@code WORKDIR/policy.yaml} (or the
 * default policy shipped with wildex when the file is absent), and the pseudonym secret from
 * {@code WILDEX_PSEUDONYM_SECRET} or {@code WORKDIR/pki/pseudonym.key}.
 */
public final class Sharing {

  private static final Logger LOG = LoggerFactory.getLogger(Sharing.class);

  private final Redactor redactor;
  private final String policySource;
  private final String policyText;

  private Sharing(Redactor redactor, String policySource, String policyText) {
    this.redactor = redactor;
    this.policySource = policySource;
    this.policyText = policyText;
  }

  /**
   * Loads the policy and the pseudonym secret; fails (POLICY_INVALID, or an IOException naming the missing secret)
   * rather than start with a policy or secret other than the operator's.
   */
  public static Sharing load(Path policyFile, Path pseudonymKeyFile) throws IOException {
    Policy policy;
    String source;
    String text;
    if (Files.isRegularFile(policyFile)) {
      text = Files.readString(policyFile, StandardCharsets.UTF_8);
      policy = Policy.parse(text, policyFile.toString());
      source = policyFile.toString();
    } else {
      text = Policy.defaultText();
      policy = Policy.defaultPolicy();
      source = "built-in default (no " + policyFile + ")";
    }
    HmacPseudonymiser pseudonyms = HmacPseudonymiser.load(pseudonymKeyFile);
    LOG.info("event=POLICY_LOADED version={} rules={} source={} pseudonymKeyId={}", policy.version(), policy.rules().size(),
        source, pseudonyms.keyId());
    return new Sharing(new Redactor(policy, pseudonyms::token), source, text);
  }

  /** A sharing set-up from parts (tests, tools). */
  public static Sharing of(Policy policy, HmacPseudonymiser pseudonyms) {
    return new Sharing(new Redactor(policy, pseudonyms::token), "given", null);
  }

  public Policy policy() {
    return redactor.policy();
  }

  public Redactor redactor() {
    return redactor;
  }

  /** The policy's text as loaded (null when made from parts): what the audit store archives for replay. */
  public String policyText() {
    return policyText;
  }

  /** Where the policy came from (a file, or the built-in default). */
  public String policySource() {
    return policySource;
  }
}
