package org.wildex.ops.cli;

import org.wildex.ops.Workdir;
import org.wildex.ops.client.AuditClient;
import org.wildex.ops.client.Tls;
import picocli.CommandLine.Option;

/** Who asks the hub about its trail, and where: the options of every auditor command that goes over HTTPS. */
final class AuditorOptions {

  @Option(names = "--as", required = true, description = "auditor id whose certificate is presented (from WORKDIR/pki)")
  String as;

  @Option(names = "--url", defaultValue = "https://localhost:8443", description = "hub HTTPS URL (default: ${DEFAULT-VALUE})")
  String url;

  /** A client that presents the auditor's certificate and trusts the workdir's CAs. */
  AuditClient client(Workdir workdir) throws Exception {
    return new AuditClient(url, Tls.clientContext(workdir.keys(as), workdir.cas()));
  }
}
