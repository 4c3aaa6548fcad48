package org.wildex.contracts.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.redaction.FieldCatalog;

/**
 * The sharing policy (policy.yaml): a version, routing rules (requested action → agency kinds) and sharing rules (who
 * sees which field how), checked when loaded. Decisions are pure functions of the recipient, the leaf and this policy,
 * always within the built-in guarantees ({@link Builtins}) that no file can switch off. Immutable and thread-safe.
 * The file format is documented in docs/policy.md.
 */
public final class Policy {

  /** Classpath location of the default policy (also written to WORKDIR/policy.yaml by the demo and {@code pki demo}). */
  public static final String DEFAULT_RESOURCE = "policy/policy.yaml";

  /** Rule and routing ids: dotted lower-case words. */
  public static final Pattern ID = Pattern.compile("^[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*$");

  static final Set<String> TOP_KEYS = Set.of("version", "description", "routing", "rules");
  static final Set<String> ROUTING_KEYS = Set.of("id", "description", "requestedAction", "kinds", "countries");
  static final Set<String> RULE_KEYS = Set.of("id", "description", "when", "action", "otherwise");
  static final Set<String> WHEN_KEYS =
      Set.of("kinds", "relation", "named", "clearance", "level", "packageLevel", "requestedAction", "paths");

  private static final Pattern PATH = Pattern.compile("^(/([A-Za-z_][A-Za-z0-9_]*|\\*))+$");

  private final String version;
  private final String description;
  private final List<RoutingRule> routing;
  private final List<Rule> rules;
  /** Per catalog field: indices of the rules whose paths cover it, in file order. */
  private final int[][] candidates;
  /** Per catalog field and candidate: the action that rule takes on that field. */
  private final Action[][] actions;

  private Policy(String version, String description, List<RoutingRule> routing, List<Rule> rules) {
    this.version = version;
    this.description = description;
    this.routing = List.copyOf(routing);
    this.rules = List.copyOf(rules);
    int fields = FieldCatalog.size();
    this.candidates = new int[fields][];
    this.actions = new Action[fields][];
    for (int f = 0; f < fields; f++) {
      FieldCatalog.Field field = FieldCatalog.field(f);
      List<Integer> covering = new ArrayList<>();
      for (int r = 0; r < rules.size(); r++) {
        if (rules.get(r).covers(field)) {
          covering.add(r);
        }
      }
      candidates[f] = covering.stream().mapToInt(Integer::intValue).toArray();
      actions[f] = covering.stream().map(r -> rules.get(r).actionOn(field)).toArray(Action[]::new);
    }
  }

  /** Fields that behave alike under this policy share a signature (the rules covering them and their actions). */
  String signature(int field) {
    return java.util.Arrays.toString(candidates[field]) + java.util.Arrays.toString(actions[field]);
  }

  /** The policy version: goes into every delivery manifest and audit event. */
  public String version() {
    return version;
  }

  public String description() {
    return description;
  }

  /** Routing rules, one per requested action. */
  public List<RoutingRule> routing() {
    return routing;
  }

  /** Sharing rules in file order; the last is a catch-all. */
  public List<Rule> rules() {
    return rules;
  }

  /** The routing rule for a requested action. */
  public RoutingRule routingFor(String requestedAction) {
    for (RoutingRule r : routing) {
      if (r.requestedAction().equals(requestedAction)) {
        return r;
      }
    }
    throw new WildexException(ReasonCode.CONTRACT_INVALID, "no routing rule for requestedAction " + requestedAction);
  }

  /**
   * The decision on one leaf (catalog field {@code field}, effective {@code level}) for one recipient. Built-ins first:
   * sources and exclusions are withheld, markings rewritten; nothing at all if the package is above the recipient's
   * ceiling; the envelope always travels. Otherwise the first matching rule decides, except that a value above the
   * ceiling is withheld, or pseudonymised if the rule says so and it is not RED; either way the built-in guarantee
   * is the decision's rule.
   */
  public Decision decide(RecipientContext ctx, int field, Tlp level) {
    FieldCatalog.Field f = FieldCatalog.field(field);
    switch (f.role()) {
      case SOURCE -> {
        return new Decision(Action.WITHHOLD, Builtins.SOURCES, null);
      }
      case EXCLUSION -> {
        return new Decision(Action.WITHHOLD, Builtins.EXCLUSIONS, null);
      }
      case MARKING -> {
        return new Decision(Action.REWRITE, Builtins.MARKINGS, null);
      }
      default -> { }
    }
    if (!ctx.mayRead(ctx.packageLevel())) {
      return new Decision(Action.WITHHOLD, ctx.reasonAbove(ctx.packageLevel()), null);
    }
    if (f.role() == FieldCatalog.Role.ENVELOPE) {
      return new Decision(Action.INCLUDE, Builtins.ENVELOPE, null);
    }
    int[] rs = candidates[field];
    for (int i = 0; i < rs.length; i++) {
      Rule rule = rules.get(rs[i]);
      if (rule.matches(ctx, level)) {
        Action a = actions[field][i];
        if (!ctx.mayRead(level)) {
          // the guarantee decides, also where the rule's token is all it lets through: no release can waive it
          return a == Action.PSEUDONYMISE && level != Tlp.RED
              ? new Decision(a, ctx.reasonAbove(level), "token")
              : new Decision(Action.WITHHOLD, ctx.reasonAbove(level), null);
        }
        String to = switch (a) {
          case PSEUDONYMISE -> "token";
          case GENERALISE -> f.generalisation().label();
          default -> null;
        };
        return new Decision(a, rule.id(), to);
      }
    }
    throw new IllegalStateException("policy " + version + " has no catch-all rule"); // the loader prevents this
  }

  // ---- loading ----------------------------------------------------------------------------------------------------

  /** The default policy shipped with wildex ({@value #DEFAULT_RESOURCE}). */
  public static Policy defaultPolicy() {
    return DefaultHolder.POLICY;
  }

  /** The text of the default policy file, to write into a workdir. */
  public static String defaultText() {
    try (InputStream in = Policy.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + DEFAULT_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class DefaultHolder {
    static final Policy POLICY = parse(defaultText(), "classpath:" + DEFAULT_RESOURCE);
  }

  /** Reads and checks a policy file; every problem found is listed in one POLICY_INVALID error. */
  public static Policy load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new WildexException(ReasonCode.POLICY_INVALID, file + ": cannot read (" + e + ")", e);
    }
    return parse(text, file.toString());
  }

  /** Parses and checks policy YAML; {@code source} names it in error messages. */
  public static Policy parse(String yaml, String source) {
    Object tree;
    try {
      tree = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(yaml);
    } catch (YamlEngineException e) {
      throw new WildexException(ReasonCode.POLICY_INVALID, source + ": not valid YAML: " + e.getMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    if (!(tree instanceof Map<?, ?> top)) {
      throw invalid(source, List.of("top level must be a mapping with version, description, routing, rules"));
    }
    unknownKeys(top, TOP_KEYS, "", problems);
    String version = top.get("version") instanceof String v && !v.isBlank() ? v : null;
    if (version == null) {
      problems.add("version: required text (quote it: version: \"2026.1\")");
    }
    String description = top.get("description") instanceof String d ? d : null;
    Set<String> ids = new HashSet<>();
    List<RoutingRule> routing = routing(top.get("routing"), ids, problems);
    List<Rule> rules = rules(top.get("rules"), ids, problems);
    if (!problems.isEmpty()) {
      throw invalid(source, problems);
    }
    Policy policy = new Policy(version, description, routing, rules);
    problems.addAll(MonotonicityCheck.problems(policy));
    if (!problems.isEmpty()) {
      throw invalid(source, problems);
    }
    return policy;
  }

  private static List<RoutingRule> routing(Object value, Set<String> ids, List<String> problems) {
    List<RoutingRule> out = new ArrayList<>();
    if (!(value instanceof List<?> list)) {
      problems.add("routing: must be a list with one entry per requested action " + IntelligencePackage.REQUESTED_ACTIONS);
      return out;
    }
    Set<String> actions = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "routing[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        problems.add(at + ": must be a mapping");
        continue;
      }
      int before = problems.size();
      unknownKeys(m, ROUTING_KEYS, at + ".", problems);
      String id = id(m.get("id"), at, ids, problems);
      String action = text(m.get("requestedAction"), at + ".requestedAction", problems);
      if (action != null && !IntelligencePackage.REQUESTED_ACTIONS.contains(action)) {
        problems.add(at + ".requestedAction: '" + action + "' is not one of " + IntelligencePackage.REQUESTED_ACTIONS);
      } else if (action != null && !actions.add(action)) {
        problems.add(at + ".requestedAction: '" + action + "' is routed twice");
      }
      Set<ParticipantKind> kinds = kinds(m.get("kinds"), at + ".kinds", problems);
      if (kinds != null) {
        for (ParticipantKind k : kinds) {
          if (!k.isAgency()) {
            problems.add(at + ".kinds: " + k + " is not an agency kind (NGOs and auditors receive only when named)");
          }
        }
      }
      RoutingRule.Scope scope = null;
      String scopeText = text(m.get("countries"), at + ".countries", problems);
      if (scopeText != null) {
        try {
          scope = RoutingRule.Scope.valueOf(scopeText);
        } catch (IllegalArgumentException e) {
          problems.add(at + ".countries: '" + scopeText + "' is not TOUCHED or ROUTE_ENDS");
        }
      }
      if (problems.size() == before) {
        out.add(new RoutingRule(id, m.get("description") instanceof String d ? d : null, action, kinds, scope));
      }
    }
    for (String a : IntelligencePackage.REQUESTED_ACTIONS) {
      if (!actions.contains(a)) {
        problems.add("routing: no entry for requestedAction " + a);
      }
    }
    return out;
  }

  private static List<Rule> rules(Object value, Set<String> ids, List<String> problems) {
    List<Rule> out = new ArrayList<>();
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      problems.add("rules: must be a non-empty list ending with a catch-all rule (no 'when')");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      String at = "rules[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        problems.add(at + ": must be a mapping");
        continue;
      }
      int before = problems.size();
      unknownKeys(m, RULE_KEYS, at + ".", problems);
      String id = id(m.get("id"), at, ids, problems);
      String where = id == null ? at : at + " (" + id + ")";
      Action action = action(m.get("action"), where + ".action", problems);
      Action otherwise = Action.WITHHOLD;
      if (m.containsKey("otherwise")) {
        otherwise = action(m.get("otherwise"), where + ".otherwise", problems);
        if (action != null && action != Action.PSEUDONYMISE && action != Action.GENERALISE) {
          problems.add(where + ".otherwise: only for pseudonymise and generalise");
        }
        if (otherwise != null && otherwise != Action.INCLUDE && otherwise != Action.WITHHOLD) {
          problems.add(where + ".otherwise: must be include or withhold");
        }
      }
      Object when = m.get("when");
      Map<?, ?> w = Map.of();
      if (when != null && !(when instanceof Map<?, ?>)) {
        problems.add(where + ".when: must be a mapping");
      } else if (when != null) {
        w = (Map<?, ?>) when;
        unknownKeys(w, WHEN_KEYS, where + ".when.", problems);
      }
      String wa = where + ".when.";
      Set<ParticipantKind> kinds = w.containsKey("kinds") ? kinds(w.get("kinds"), wa + "kinds", problems) : null;
      Set<Relation> relations = w.containsKey("relation") ? relations(w.get("relation"), wa + "relation", problems) : null;
      Boolean named = null;
      if (w.containsKey("named")) {
        if (w.get("named") instanceof Boolean b) {
          named = b;
        } else {
          problems.add(wa + "named: must be true or false");
        }
      }
      Set<Tlp> clearances = w.containsKey("clearance") ? levels(w.get("clearance"), wa + "clearance", problems) : null;
      Set<Tlp> levels = w.containsKey("level") ? levels(w.get("level"), wa + "level", problems) : null;
      Set<Tlp> packageLevels =
          w.containsKey("packageLevel") ? levels(w.get("packageLevel"), wa + "packageLevel", problems) : null;
      Set<String> requested =
          w.containsKey("requestedAction") ? requestedActions(w.get("requestedAction"), wa + "requestedAction", problems) : null;
      List<String> paths = w.containsKey("paths") ? paths(w.get("paths"), wa + "paths", problems) : null;
      if (problems.size() == before && action != null && id != null) {
        String description = m.get("description") instanceof String d ? d : null;
        out.add(new Rule(id, description, kinds, relations, named, clearances, levels, packageLevels, requested, paths,
            action, otherwise));
      }
    }
    if (!out.isEmpty() && !out.get(out.size() - 1).catchAll()) {
      problems.add("rules: the last rule must be a catch-all (no 'when'), so every decision names a rule");
    }
    return out;
  }

  private static String id(Object value, String at, Set<String> ids, List<String> problems) {
    String id = text(value, at + ".id", problems);
    if (id == null) {
      return null;
    }
    if (!ID.matcher(id).matches()) {
      problems.add(at + ".id: '" + id + "' must be dotted lower-case words, e.g. customs.pseudonymise-identifiers");
    } else if (id.startsWith("builtin.")) {
      problems.add(at + ".id: '" + id + "': ids starting with builtin. are reserved for the built-in guarantees");
    } else if (!ids.add(id)) {
      problems.add(at + ".id: '" + id + "' is used twice");
    }
    return id;
  }

  private static Action action(Object value, String at, List<String> problems) {
    String word = text(value, at, problems);
    if (word == null) {
      return null;
    }
    for (Action a : Action.values()) {
      if (a != Action.REWRITE && a.word().equals(word)) {
        return a;
      }
    }
    problems.add(at + ": '" + word + "' is not include, withhold, pseudonymise or generalise");
    return null;
  }

  private static Set<ParticipantKind> kinds(Object value, String at, List<String> problems) {
    Set<ParticipantKind> out = EnumSet.noneOf(ParticipantKind.class);
    for (String s : strings(value, at, problems)) {
      try {
        out.add(ParticipantKind.valueOf(s));
      } catch (IllegalArgumentException e) {
        problems.add(at + ": '" + s + "' is not one of " + List.of(ParticipantKind.values()));
      }
    }
    return out;
  }

  private static Set<Relation> relations(Object value, String at, List<String> problems) {
    Set<Relation> out = EnumSet.noneOf(Relation.class);
    for (String s : strings(value, at, problems)) {
      try {
        out.add(Relation.valueOf(s));
      } catch (IllegalArgumentException e) {
        problems.add(at + ": '" + s + "' is not one of " + List.of(Relation.values()));
      }
    }
    return out;
  }

  private static Set<Tlp> levels(Object value, String at, List<String> problems) {
    Set<Tlp> out = EnumSet.noneOf(Tlp.class);
    for (String s : strings(value, at, problems)) {
      try {
        out.add(Tlp.fromLabel(s));
      } catch (IllegalArgumentException e) {
        problems.add(at + ": '" + s + "' is not a TLP label (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)");
      }
    }
    return out;
  }

  private static Set<String> requestedActions(Object value, String at, List<String> problems) {
    Set<String> out = new TreeSet<>();
    for (String s : strings(value, at, problems)) {
      if (IntelligencePackage.REQUESTED_ACTIONS.contains(s)) {
        out.add(s);
      } else {
        problems.add(at + ": '" + s + "' is not one of " + IntelligencePackage.REQUESTED_ACTIONS);
      }
    }
    return out;
  }

  private static List<String> paths(Object value, String at, List<String> problems) {
    List<String> out = new ArrayList<>();
    for (String p : strings(value, at, problems)) {
      if (!PATH.matcher(p).matches()) {
        problems.add(at + ": '" + p + "' must be a JSON Pointer of property names, '*' for any one segment"
            + " (no array indices), e.g. /subjects/*/identifiers/*/value");
        continue;
      }
      boolean content = false;
      boolean any = false;
      for (FieldCatalog.Field f : FieldCatalog.fields()) {
        if (FieldCatalog.covers(p, f.template())) {
          any = true;
          content |= f.role() == FieldCatalog.Role.CONTENT;
        }
      }
      if (!any) {
        problems.add(at + ": '" + p + "' names no field of package v1 (see docs/contract.md)");
      } else if (!content) {
        problems.add(at + ": '" + p + "' names only fields the built-in guarantees decide"
            + " (envelope, sources, exclusions, markings)");
      } else {
        out.add(p);
      }
    }
    return out;
  }

  private static List<String> strings(Object value, String at, List<String> problems) {
    List<String> out = new ArrayList<>();
    if (value instanceof String s) {
      out.add(s);
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      for (Object o : list) {
        if (o instanceof String s) {
          out.add(s);
        } else {
          problems.add(at + ": '" + o + "' must be text");
        }
      }
    } else {
      problems.add(at + ": must be a non-empty list");
    }
    return out;
  }

  private static String text(Object value, String at, List<String> problems) {
    if (value instanceof String s && !s.isBlank()) {
      return s;
    }
    problems.add(at + ": required text is missing or empty");
    return null;
  }

  private static void unknownKeys(Map<?, ?> map, Set<String> known, String prefix, List<String> problems) {
    map.keySet().stream()
        .map(String::valueOf)
        .filter(k -> !known.contains(k))
        .sorted()
        .forEach(k -> problems.add(prefix + k + ": unknown key (expected one of " + new TreeSet<>(known) + ")"));
  }

  private static WildexException invalid(String source, List<String> problems) {
    return new WildexException(ReasonCode.POLICY_INVALID, source + " is invalid:\n  " + String.join("\n  ", problems));
  }

  /** Keys of the policy format, for documentation checks: section name → keys. */
  public static Map<String, Set<String>> formatKeys() {
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    keys.put("top", TOP_KEYS);
    keys.put("routing", ROUTING_KEYS);
    keys.put("rules", RULE_KEYS);
    keys.put("when", WHEN_KEYS);
    return keys;
  }

  @Override
  public String toString() {
    return "Policy[" + version + ", " + rules.size() + " rules]";
  }
}
