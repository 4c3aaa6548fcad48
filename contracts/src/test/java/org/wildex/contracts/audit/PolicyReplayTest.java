package org.wildex.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wildex.contracts.audit.PolicyReplay.Finding.ABOVE_CEILING;
import static org.wildex.contracts.audit.PolicyReplay.Finding.AUDITOR_RECEIVED;
import static org.wildex.contracts.audit.PolicyReplay.Finding.LEVEL_UNKNOWN;
import static org.wildex.contracts.audit.PolicyReplay.Finding.ORIGINATOR_RECEIVED;
import static org.wildex.contracts.audit.PolicyReplay.Finding.RECIPIENT_UNKNOWN;
import static org.wildex.contracts.audit.PolicyReplay.Finding.RULE_FOR_OTHER_KIND;
import static org.wildex.contracts.audit.PolicyReplay.Finding.RULE_NOT_IN_POLICY;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.policy.Builtins;
import org.wildex.contracts.policy.Policy;

class PolicyReplayTest {

  static final Map<String, Participant> DIRECTORY = Map.of(
      "eia", participant("eia", ParticipantKind.NGO, Tlp.RED),
      "wcs", participant("wcs", ParticipantKind.NGO, Tlp.RED),
      "ncb-cn", participant("ncb-cn", ParticipantKind.NCB, Tlp.RED),
      "customs-la", participant("customs-la", ParticipantKind.CUSTOMS, Tlp.AMBER),
      "blo-mohan-boten", participant("blo-mohan-boten", ParticipantKind.BLO, Tlp.GREEN),
      "auditor", participant("auditor", ParticipantKind.AUDITOR, Tlp.CLEAR));

  static Participant participant(String id, ParticipantKind kind, Tlp clearance) {
    return new Participant(id, kind, id, List.of("CN"), clearance, null);
  }

  static List<PolicyReplay.Finding> check(String recipient, String level, String rule) {
    AuditEvent routed = AuditEvent.of(AuditEventType.ROUTED, "wildex.deliver.fanout").originator("eia")
        .recipient(recipient).level(level).rule(rule).policyVersion(Policy.defaultPolicy().version()).build();
    return PolicyReplay.check(routed, Policy.defaultPolicy(), id -> Optional.ofNullable(DIRECTORY.get(id)));
  }

  @Test
  void what_the_policy_produces_passes() {
    assertThat(check("ncb-cn", "AMBER+STRICT", "route.investigate")).isEmpty();
    assertThat(check("customs-la", "AMBER", "route.interdict")).isEmpty();
    assertThat(check("blo-mohan-boten", "GREEN", "route.investigate")).isEmpty();
    // named recipients may read up to their clearance, NGOs included
    assertThat(check("ncb-cn", "RED", Builtins.NAMED_RECIPIENT)).isEmpty();
    assertThat(check("wcs", "RED", Builtins.NAMED_RECIPIENT)).isEmpty();
    assertThat(check("ncb-cn", "RED", Builtins.ORIGINATOR_CONTROL)).isEmpty();
    assertThat(check("ncb-cn", "AMBER", "peer:asia-east")).isEmpty();
  }

  @Test
  void what_it_would_not_produce_is_flagged() {
    assertThat(check("ncb-cn", "AMBER", "route.no-such-rule")).containsExactly(RULE_NOT_IN_POLICY);
    assertThat(check("ncb-cn", "RED", "route.investigate")).containsExactly(ABOVE_CEILING);
    assertThat(check("customs-la", "AMBER+STRICT", "route.investigate")).containsExactly(ABOVE_CEILING);
    assertThat(check("customs-la", "RED", Builtins.NAMED_RECIPIENT)).containsExactly(ABOVE_CEILING);
    assertThat(check("blo-mohan-boten", "AMBER", "route.investigate")).containsExactly(ABOVE_CEILING);
    assertThat(check("wcs", "AMBER", "route.investigate")).containsExactly(RULE_FOR_OTHER_KIND, ABOVE_CEILING);
    assertThat(check("eia", "GREEN", Builtins.NAMED_RECIPIENT)).containsExactly(ORIGINATOR_RECEIVED);
    assertThat(check("auditor", "CLEAR", Builtins.NAMED_RECIPIENT)).containsExactly(AUDITOR_RECEIVED);
    assertThat(check("ncb-xx", "GREEN", "route.investigate")).containsExactly(RECIPIENT_UNKNOWN);
    assertThat(check("ncb-cn", "PURPLE", "route.investigate")).containsExactly(LEVEL_UNKNOWN);
  }
}
