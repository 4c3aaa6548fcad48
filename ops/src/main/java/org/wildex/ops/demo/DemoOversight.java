package org.wildex.ops.demo;

import java.io.PrintStream;
import java.util.Map;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.ops.Workdir;
import org.wildex.ops.cli.AuditOversightCommand;
import org.wildex.ops.client.AuditClient;
import org.wildex.ops.client.Tls;
import org.wildex.routes.audit.AuditSearchRoute;
import org.wildex.routes.audit.Oversight;

/**
 * The auditor's oversight view of one NGO, asked as {@code wildex audit oversight} asks it: over HTTPS with the
 * auditor's certificate, recorded by the hub as {@code AUDIT_QUERIED} before it answers. Counts and ids only.
 */
final class DemoOversight {

  static final String AUDITOR = "auditor";

  private DemoOversight() {}

  static Oversight print(Workdir workdir, String hubUrl, String participant, PrintStream out) throws Exception {
    AuditClient client = new AuditClient(hubUrl, Tls.clientContext(workdir.keys(AUDITOR), workdir.ca()));
    AuditClient.Answer answer = client.get(AuditSearchRoute.OVERSIGHT_PATH, Map.of("participant", participant));
    if (!answer.ok()) {
      throw new IllegalStateException("the hub refused the auditor's oversight query: " + answer.status() + " "
          + answer.reason() + " " + answer.description());
    }
    Oversight view = PackageCodec.fromJson(answer.body(), Oversight.class);
    out.println();
    out.println("auditor's oversight of " + participant + " over HTTPS (GET " + AuditSearchRoute.OVERSIGHT_PATH
        + "; ./wildex audit oversight --as auditor --participant " + participant + "):");
    out.print(AuditOversightCommand.format(view));
    if (view.sent().accepted() == 0) {
      throw new IllegalStateException("the oversight view counts no accepted package of " + participant);
    }
    return view;
  }
}
