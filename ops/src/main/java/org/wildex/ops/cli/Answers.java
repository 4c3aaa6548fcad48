package org.wildex.ops.cli;

import org.wildex.ops.client.IntakeClient;

/** How the request commands print the hub's answer, one line, and what they exit with. */
final class Answers {

  private Answers() {}

  /** {@code ID <tab> QUEUED <tab> id}, or {@code ID <tab> REJECTED <tab> reason <tab> detail} and a hint on stderr. */
  static int print(String id, IntakeClient.Answer answer) {
    if (answer.accepted()) {
      System.out.println(id + "\tQUEUED\t" + answer.trackingId());
      return WildexCommand.EXIT_OK;
    }
    System.out.println(id + "\tREJECTED\t" + answer.reason() + "\t" + answer.description());
    String fix = ErrorHint.forReason(answer.reason());
    if (fix != null) {
      System.err.println("wildex: " + id + ": " + answer.reason() + ": " + fix);
    }
    return WildexCommand.EXIT_REJECTED;
  }
}
