package org.wildex.ops.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.policy.Action;
import org.wildex.contracts.policy.Decision;
import org.wildex.contracts.policy.Policy;
import org.wildex.contracts.policy.RecipientContext;
import org.wildex.contracts.redaction.Redactor;
import org.wildex.contracts.routing.RecipientSelector;
import org.wildex.contracts.routing.Routing;
import org.wildex.ops.Workdir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex policy}: explain the sharing policy's decisions, check a policy file. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "The sharing policy (WORKDIR/policy.yaml).",
    subcommands = {PolicyCommand.Explain.class, PolicyCommand.Check.class})
public final class PolicyCommand {

  /** The policy a command works with: --policy FILE, else WORKDIR/policy.yaml, else the built-in default. */
  static Policy policy(Workdir workdir, Path file) {
    Path p = file != null ? file : workdir.root().resolve("policy.yaml");
    if (file != null || Files.isRegularFile(p)) {
      return Policy.load(p);
    }
    return Policy.defaultPolicy();
  }

  static String source(Workdir workdir, Path file) {
    Path p = file != null ? file : workdir.root().resolve("policy.yaml");
    return file != null || Files.isRegularFile(p) ? p.toString() : "built-in default";
  }

  /** {@code wildex policy explain --package P.json --recipient ID}. */
  @Command(name = "explain", mixinStandardHelpOptions = true,
      description = {
        "Every path of the package with the decision for the recipient (include, withhold, pseudonymise, generalise,",
        "rewrite) and the rule that made it, after routing (is it a recipient at all, and by which rule). Names paths,",
        "levels and rules, never values: safe for analysts and auditors."
      })
  public static final class Explain implements Callable<Integer> {

    @Mixin WorkdirOptions options;

    @Option(names = "--package", required = true, paramLabel = "P.json", description = "the package (JSON, as written)")
    Path pkgFile;

    @Option(names = "--recipient", required = true, paramLabel = "ID", description = "participant id from WORKDIR/directory.yaml")
    String recipient;

    @Option(names = "--policy", paramLabel = "FILE", description = "policy file (default: WORKDIR/policy.yaml, else the built-in default)")
    Path policyFile;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() throws Exception {
      Workdir workdir = options.workdir();
      Policy policy = policy(workdir, policyFile);
      IntelligencePackage pkg;
      try {
        pkg = PackageCodec.parse(Files.readAllBytes(pkgFile));
      } catch (WildexException e) {
        throw new IllegalArgumentException(pkgFile + " is not a valid package v1 (" + e.reason() + ": " + e.detail() + ")");
      }
      Directory directory = Directory.load(workdir.directoryFile());
      Participant who = directory.find(recipient)
          .orElseThrow(() -> new IllegalArgumentException("'" + recipient + "' is not in " + workdir.directoryFile()));
      Explanation e = explain(pkg, who, policy);
      if (json) {
        System.out.println(new String(PackageCodec.toJson(e), StandardCharsets.UTF_8));
      } else {
        print(e, source(workdir, policyFile), System.out);
      }
      return 0;
    }
  }

  /** {@code wildex policy check [FILE]}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Loads a policy file with every check the hub makes at start (format, ids, paths, routing for every"
          + " requested action, a catch-all rule, monotone in clearance) and prints its version.")
  public static final class Check implements Callable<Integer> {

    @Mixin WorkdirOptions options;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "policy file (default: WORKDIR/policy.yaml)")
    Path file;

    @Option(names = "--json", description = "print one JSON object: {file, ok, version, routingRules, sharingRules, reason,"
        + " problem}; exit 1 when not ok")
    boolean json;

    /** The {@code --json} answer. */
    public record Answer(String file, boolean ok, String version, Integer routingRules, Integer sharingRules, String reason,
        String problem) {}

    @Override
    public Integer call() {
      Path p = file != null ? file : options.workdir().root().resolve("policy.yaml");
      Policy policy;
      try {
        policy = Policy.load(p);
      } catch (WildexException e) {
        if (!json) {
          throw e;
        }
        System.out.println(new String(PackageCodec.toJson(new Answer(p.toString(), false, null, null, null, e.reason().name(),
            e.detail())), StandardCharsets.UTF_8));
        return WildexCommand.EXIT_FAILED;
      }
      if (json) {
        System.out.println(new String(PackageCodec.toJson(new Answer(p.toString(), true, policy.version(),
            policy.routing().size(), policy.rules().size(), null, null)), StandardCharsets.UTF_8));
      } else {
        System.out.println(p + ": policy " + policy.version() + ", " + policy.routing().size() + " routing rules, "
            + policy.rules().size() + " sharing rules: OK");
      }
      return WildexCommand.EXIT_OK;
    }
  }

  // ---- the explanation ----------------------------------------------------------------------------------------------

  /** One path's decision. */
  public record PathDecision(String path, Tlp level, String decision, String rule, String to) {}

  /** What {@code explain} prints, also as JSON. */
  public record Explanation(
      String packageId,
      String policyVersion,
      String recipient,
      String kind,
      Tlp clearance,
      List<String> countries,
      String relation,
      boolean named,
      Tlp ceiling,
      boolean routed,
      String routingRule,
      String routingReason,
      boolean delivered,
      Tlp level,
      List<PathDecision> decisions) {}

  /** Routing, then every leaf's decision, as a recipient of the package would get them. */
  public static Explanation explain(IntelligencePackage pkg, Participant who, Policy policy) {
    Routing routing = RecipientSelector.explain(pkg, who, policy);
    Redactor.Explanation e = new Redactor(policy, (kind, value) -> "").prepare(pkg).explain(who);
    RecipientContext ctx = e.context();
    List<PathDecision> decisions = new ArrayList<>(e.leaves().size());
    for (Redactor.LeafDecision d : e.leaves()) {
      Decision decision = routing.routed() ? d.decision() : new Decision(Action.WITHHOLD, routing.rule(), null);
      decisions.add(new PathDecision(d.path(), d.level(), decision.action().word(), decision.rule(), decision.to()));
    }
    boolean delivered = routing.routed() && e.delivered();
    return new Explanation(pkg.id().toString(), policy.version(), who.id(), who.kind().name(), who.clearance(),
        who.countries(), ctx.relation().name(), ctx.named(), e.ceiling(), routing.routed(), routing.rule(),
        routing.reason(), delivered, delivered ? e.viewLevel() : null, List.copyOf(decisions));
  }

  static void print(Explanation e, String source, PrintStream out) {
    out.println("package    " + e.packageId());
    out.println("policy     " + e.policyVersion() + " (" + source + ")");
    out.println("recipient  " + e.recipient() + " (" + e.kind() + ", clearance " + e.clearance().label() + ", countries "
        + e.countries() + "): relation " + e.relation() + ", " + (e.named() ? "named" : "not named") + ", may read up to "
        + (e.ceiling() == null ? "nothing" : e.ceiling().label()));
    out.println("routing    " + (e.routed() ? "routed" : "NOT routed") + " by " + e.routingRule() + ": " + e.routingReason());
    if (e.delivered()) {
      out.println("delivery   level " + e.level().label() + ": " + count(e, "include") + " included, " + count(e, "withhold")
          + " withheld, " + count(e, "pseudonymise") + " pseudonymised, " + count(e, "generalise") + " generalised, "
          + count(e, "rewrite") + " markings rewritten");
    } else {
      out.println("delivery   none: " + (e.routed() ? "the package is above what this recipient may read" : "not a recipient"));
    }
    out.println();
    out.printf("%-46s %-13s %-17s %s%n", "PATH", "LEVEL", "DECISION", "RULE");
    for (PathDecision d : e.decisions()) {
      out.printf("%-46s %-13s %-17s %s%n", d.path(), d.level().label(),
          d.decision() + (d.to() == null || d.to().equals("token") ? "" : "→" + d.to()), d.rule());
    }
  }

  private static long count(Explanation e, String decision) {
    return e.decisions().stream().filter(d -> d.decision().equals(decision)).count();
  }
}
