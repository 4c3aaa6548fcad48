package org.wildex.ops.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wildex.contracts.ReasonCode;

/**
 * What to do, in one line, about the failures people meet most (hub not reachable, wrong key store password, a
 * certificate the hub or broker does not accept) and about every reason code the hub rejects a package with.
 */
final class ErrorHint {

  private static final Map<ReasonCode, String> FIX = new EnumMap<>(ReasonCode.class);

  static {
    FIX.put(ReasonCode.NOT_CMS, "seal the package first: `wildex seal --as ID FILE.json`, then submit the .p7m (or openssl cms"
        + " -sign then -encrypt, docs/guide-ngo-analyst.md)");
    FIX.put(ReasonCode.CMS_MALFORMED, "the file is truncated or damaged: seal the package again and submit the new .p7m");
    FIX.put(ReasonCode.NOT_ENCRYPTED_FOR_HUB, "encrypt to the hub's current certificate (pki/hub.crt.pem, which `wildex seal`"
        + " uses): the hub's key may have been renewed since you sealed; seal again");
    FIX.put(ReasonCode.DECRYPT_FAILED, "encrypt to the hub's current certificate (pki/hub.crt.pem; it may have been renewed"
        + " since you sealed) and do not alter the file after sealing; seal again");
    FIX.put(ReasonCode.NOT_SIGNED, "sign before encrypting: `wildex seal` does both (openssl: cms -sign, then cms -encrypt)");
    FIX.put(ReasonCode.SIGNATURE_INVALID, "the content changed after it was signed: seal the package again");
    FIX.put(ReasonCode.SIGNER_CERT_MISSING, "include your certificate in the signature: `wildex seal` does (openssl: cms -sign"
        + " without -nocerts)");
    FIX.put(ReasonCode.ALGORITHM_NOT_ALLOWED, "seal with `wildex seal`, or with openssl cms: -md sha256, -aes-256-gcm and -keyopt"
        + " ecdh_kdf_md:sha256 (RSA keys: -keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256)");
    FIX.put(ReasonCode.SIGNER_UNKNOWN, "sign with your key whose certificate directory.yaml lists (pki/ID.crt.pem); after a"
        + " renewal use the new key and certificate");
    FIX.put(ReasonCode.SIGNER_UNTRUSTED, "your certificate is not issued by a CA the hub trusts (pki/ca.crt.pem): get one from"
        + " the hub operator's CA");
    FIX.put(ReasonCode.CERT_EXPIRED, "your certificate has expired: ask the hub operator for a renewed one (`wildex pki renew ID`"
        + " with the demo CA)");
    FIX.put(ReasonCode.CERT_NOT_YET_VALID, "your certificate is not valid yet: check this machine's clock, or wait for its start date");
    FIX.put(ReasonCode.CERT_REVOKED, "your certificate has been revoked: ask the hub operator for a new one");
    FIX.put(ReasonCode.SIGNER_NOT_CLIENT, "sign and connect as the same participant: seal and submit with the same --as");
    FIX.put(ReasonCode.ORIGINATOR_NOT_SIGNER, "set originator.org in the package to your own participant id (the --as you seal with)");
    FIX.put(ReasonCode.CLIENT_CERT_REQUIRED, "connect with your client certificate (--as ID; curl --cert/--key)");
    FIX.put(ReasonCode.CLIENT_NOT_REGISTERED, "your certificate is not the one directory.yaml lists for you: use the pki/ID.crt.pem"
        + " and key the hub knows (after a renewal, the new ones)");
    FIX.put(ReasonCode.CLIENT_NOT_NGO, "only NGOs submit packages: use --as with an NGO's id");
    FIX.put(ReasonCode.CLIENT_NOT_AUDITOR, "the audit trail answers only auditor certificates: use the auditor's");
    FIX.put(ReasonCode.FRAME_INVALID, "the broker client sent a malformed or oversized frame: use a standard AMQP, STOMP or"
        + " Core client library");
    FIX.put(ReasonCode.LINK_REFUSED, "open a receiver on your own queue (wildex.deliver.ID or wildex.receipts.ID); nothing is"
        + " sent to the broker");
    FIX.put(ReasonCode.PACKAGE_NOT_FOUND, "check the id: one of your own package or tracking ids (`wildex fetch` writes your receipts)");
    FIX.put(ReasonCode.PAYLOAD_TOO_LARGE, "the sealed file is larger than the hub accepts: split the package");
    FIX.put(ReasonCode.REQUEST_TIMEOUT, "the upload took longer than the hub allows (30 s): submit again,"
        + " from a faster link if it persists");
    FIX.put(ReasonCode.EMPTY_BODY, "the file is empty: seal the package again");
    FIX.put(ReasonCode.UNSUPPORTED_MEDIA_TYPE, "send the sealed file as Content-Type: application/pkcs7-mime");
    FIX.put(ReasonCode.JSON_MALFORMED, "the package is not well-formed UTF-8 JSON (or repeats a key): fix it; `wildex seal` checks"
        + " it before sealing");
    FIX.put(ReasonCode.CONTRACT_INVALID, "fix the package as the detail says (docs/contract.md); `wildex seal` checks it against"
        + " the contract and names the failing path before sealing");
    FIX.put(ReasonCode.MARKING_PATH_UNKNOWN, "point every marking at a path present in the package (a JSON Pointer such as"
        + " /subjects/0/identifiers)");
    FIX.put(ReasonCode.DUPLICATE_PACKAGE, "the hub already accepted a package with this id: if it was this one, nothing to do;"
        + " otherwise give the package a new id (a fresh UUID) and seal it again");
    FIX.put(ReasonCode.PACKAGE_FROM_FUTURE, "createdAt lies in the future: check it and the clock of the machine that wrote it");
    FIX.put(ReasonCode.PACKAGE_EXPIRED, "handling.expires lies in the past: set a later one if the package may still be shared");
    FIX.put(ReasonCode.COMMITMENT_MISMATCH, "the package changed after `wildex seal` committed to it: seal the final version again");
    FIX.put(ReasonCode.RECIPIENT_UNKNOWN, "name only participants of directory.yaml that receive packages in `recipients`");
    FIX.put(ReasonCode.NO_RECIPIENTS, "nobody may receive it: `wildex policy explain --package FILE --recipient ID` shows why;"
        + " name countries, route legs or recipients, or lower the TLP");
    FIX.put(ReasonCode.NOT_ORIGINATOR, "only the NGO that submitted a package may recall or update it: check the package id");
    FIX.put(ReasonCode.PACKAGE_RECALLED, "the package is recalled already: nothing to do (the recall receipt on your receipts"
        + " address says who had opened it)");
    FIX.put(ReasonCode.VERSION_CONFLICT, "an update supersedes the latest version of its package with that version + 1:"
        + " check `supersedes` and `version` against your newest receipt (docs/guide-ngo-analyst.md, \"Update a package\")");
    FIX.put(ReasonCode.QUERY_INVALID, "fix the audit query as the detail says (docs/audit.md, \"Search and oversight\", lists the parameters)");
    FIX.put(ReasonCode.NO_MATCH, "nothing to export: widen the search (period, participant, event types) or check it with wildex audit search");
    FIX.put(ReasonCode.REQUEST_INVALID, "fix the request as the detail says (docs/guide-ngo-analyst.md, \"Recall a package\");"
        + " `wildex recall`, `wildex request-release` and `wildex decide` write valid ones");
    FIX.put(ReasonCode.NOT_RECIPIENT, "ask only about a delivery that came to you: give `wildex request-release` your own"
        + " fetched .p7m");
    FIX.put(ReasonCode.PATH_NOT_WITHHELD, "ask only for a path your delivery's manifest lists under withheld or"
        + " transformed (`jq '.manifest.withheld, .manifest.transformed'` on the opened delivery)");
    FIX.put(ReasonCode.PATH_NOT_RELEASABLE, "that path is kept from you by a built-in guarantee (sources, your clearance, ...):"
        + " no originator can release it");
    FIX.put(ReasonCode.REQUEST_UNKNOWN, "no release request with that id waits for you: `wildex fetch --as NGO` brings the"
        + " requests, each as REQUEST-ID.json");
    FIX.put(ReasonCode.REQUEST_DECIDED, "that release request was answered already: nothing to do");
    for (ReasonCode recall : List.of(ReasonCode.RECALL_SOURCE_AT_RISK, ReasonCode.RECALL_INACCURATE,
        ReasonCode.RECALL_LEGAL, ReasonCode.RECALL_OTHER)) {
      FIX.put(recall, "the originator recalled the package: stop using it, delete your copy and tell whoever you passed"
          + " it to (the recall notice names your delivery)");
    }
    FIX.put(ReasonCode.RECALL_SUPERSEDED, "the originator's update of the package does not go to you: stop using the"
        + " earlier version, delete your copy and tell whoever you passed it to (the notice names your delivery)");
    FIX.put(ReasonCode.DIRECTORY_INVALID, "the hub operator must fix directory.yaml as the detail says");
    FIX.put(ReasonCode.POLICY_INVALID, "the hub operator must fix policy.yaml (`wildex policy check` names the problem)");
    FIX.put(ReasonCode.HUB_UNAVAILABLE, "the hub cannot take work now (short of disk, or starting): submit again later");
    FIX.put(ReasonCode.INTERNAL_ERROR, "submit again; if it persists, give the hub operator the tracking id (it is in the hub's log)");
  }

  private ErrorHint() {}

  /** What to do about a rejection with this reason code; null for a code this version does not know. */
  static String forReason(String reasonCode) {
    if (reasonCode == null) {
      return null;
    }
    try {
      return FIX.get(ReasonCode.valueOf(reasonCode));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** What to do about a failure, from the exception chain; null when the message says all there is. */
  static String forFailure(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("keystore password was incorrect") || m.contains("mac verify") || m.contains("mac check failed")
          || c instanceof java.security.UnrecoverableKeyException) {
        return "wrong password for a PKCS#12 file: set WILDEX_STORE_PASSWORD to the password the .p12 was made with"
            + " (the demo uses changeit)";
      }
      if (m.contains("amq229031") || m.contains("unable to validate user")) {
        return "the broker does not accept this certificate: it must be the one directory.yaml lists for --as (after a renewal"
            + " the new one), issued by a CA the hub trusts and not revoked; `wildex pki list` shows each certificate's CA"
            + " and whether it is revoked";
      }
      if (c instanceof java.net.ConnectException || m.contains("connection refused")
          || m.contains("failed to create session factory") || m.contains("cannot connect to server")
          || m.contains("hub unreachable")) {
        return "the hub is not reachable: is `wildex serve` running, and do --url and --broker name the host and ports it"
            + " printed at start (its --https-port and --broker-port)?";
      }
      if (c instanceof javax.net.ssl.SSLHandshakeException || m.contains("bad_certificate")
          || m.contains("certificate_unknown") || m.contains("certificate_revoked")) {
        return "the TLS handshake failed: your certificate must be the one directory.yaml lists for you, issued by the hub's"
            + " CA and not revoked; and the hub's certificate must be issued by a CA in your pki/ca.crt.pem";
      }
    }
    return null;
  }
}
