package org.wildex.contracts.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.WildexException;

/** The participant directory (directory.yaml): who takes part, their kind, countries, clearance and certificate. */
public final class Directory {

  /** Participant ids: lower case letters, digits and dashes (they become queue names such as wildex.deliver.cn-ncb). */
  public static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");

  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Set<String> PARTICIPANT_KEYS =
      Set.of("id", "kind", "name", "countries", "clearance", "certificate");
  private static final Set<String> TOP_KEYS = Set.of("version", "ca", "hub", "participants", "region", "peers");
  private static final Set<String> PEER_KEYS = Set.of("region", "hub", "ca", "broker", "participants");
  private static final Pattern BROKER = Pattern.compile("^[A-Za-z0-9.:\\[\\]-]+:[0-9]{1,5}$");

  private final Path base;
  private final String ca;
  private final String hub;
  private final List<Participant> participants;
  private final Map<String, Participant> byId;
  private final String region;
  private final List<Peer> peers;
  private final Map<String, Peer> peerOf;

  private Directory(Path base, String ca, String hub, List<Participant> participants, String region, List<Peer> peers) {
    this.base = base;
    this.ca = ca;
    this.hub = hub;
    this.participants = List.copyOf(participants);
    this.byId = participants.stream().collect(Collectors.toUnmodifiableMap(Participant::id, Function.identity()));
    this.region = region;
    this.peers = List.copyOf(peers);
    Map<String, Peer> of = new HashMap<>();
    for (Peer peer : peers) {
      peer.participants().forEach(id -> of.put(id, peer));
    }
    this.peerOf = Map.copyOf(of);
  }

  /** Reads and validates a directory file; every problem found is listed in one DIRECTORY_INVALID error. */
  public static Directory load(Path directoryYaml) {
    String text;
    try {
      text = Files.readString(directoryYaml);
    } catch (IOException e) {
      throw new WildexException(ReasonCode.DIRECTORY_INVALID, directoryYaml + ": cannot read (" + e + ")", e);
    }
    Object tree;
    try {
      tree = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(text);
    } catch (YamlEngineException e) {
      throw new WildexException(ReasonCode.DIRECTORY_INVALID, directoryYaml + ": not valid YAML: " + e.getMessage(), e);
    }
    Path base = directoryYaml.toAbsolutePath().getParent();
    return fromTree(tree, base, directoryYaml.toString());
  }

  /** Writes a directory file (after the same validation as {@link #load}); ca and hub are paths relative to it. */
  public static void write(Path yaml, String caCert, String hubCert, List<Participant> participants) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("version", 1);
    tree.put("ca", caCert);
    tree.put("hub", hubCert);
    List<Object> list = new ArrayList<>();
    for (Participant p : participants) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", p.id());
      m.put("kind", p.kind() == null ? null : p.kind().name());
      m.put("name", p.name());
      m.put("countries", p.countries());
      m.put("clearance", p.clearance() == null ? null : p.clearance().label());
      m.put("certificate", p.certificate());
      list.add(m);
    }
    tree.put("participants", list);
    fromTree(tree, yaml.toAbsolutePath().getParent(), yaml.toString());
    String text = new Dump(DumpSettings.builder().setWidth(200).build()).dumpToString(tree);
    try {
      Path parent = yaml.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(yaml, text);
    } catch (IOException e) {
      throw new WildexException(ReasonCode.DIRECTORY_INVALID, yaml + ": cannot write (" + e + ")", e);
    }
  }

  public Optional<Participant> find(String id) {
    return Optional.ofNullable(id == null ? null : byId.get(id));
  }

  /** This hub's region name (federation), or null when the directory names none. */
  public String region() {
    return region;
  }

  /** The other regions' hubs this hub federates with, in file order (empty: no federation). */
  public List<Peer> peers() {
    return peers;
  }

  /** The peer region a participant belongs to; empty for this region's own participants. */
  public Optional<Peer> peerOf(String participantId) {
    return Optional.ofNullable(participantId == null ? null : peerOf.get(participantId));
  }

  /** The peer hub of a region. */
  public Optional<Peer> peer(String regionName) {
    return peers.stream().filter(p -> p.region().equals(regionName)).findFirst();
  }

  /** Whether the participant belongs to a peer region (it reads from that region's hub, never from this one). */
  public boolean isRemote(String participantId) {
    return peerOf.containsKey(participantId);
  }

  /** All participants, in file order. */
  public List<Participant> participants() {
    return participants;
  }

  /** A path named in the directory, resolved against the directory file's folder. */
  public Path resolve(String relative) {
    return base.resolve(relative).normalize();
  }

  public Path caCertificate() {
    return resolve(ca);
  }

  public Path hubCertificate() {
    return resolve(hub);
  }

  // ---- validation -------------------------------------------------------------------------------------------------

  private static Directory fromTree(Object tree, Path base, String file) {
    List<String> problems = new ArrayList<>();
    if (!(tree instanceof Map<?, ?> top)) {
      throw invalid(file, List.of("top level must be a mapping with version, ca, hub, participants"));
    }
    unknownKeys(top, TOP_KEYS, "", problems);
    if (!Integer.valueOf(1).equals(top.get("version"))) {
      problems.add("version: must be 1");
    }
    String ca = text(top.get("ca"), "ca", problems);
    String hub = text(top.get("hub"), "hub", problems);
    List<Participant> participants = new ArrayList<>();
    Object list = top.get("participants");
    if (!(list instanceof List<?> entries)) {
      problems.add("participants: must be a list");
    } else {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < entries.size(); i++) {
        Participant p = participant(entries.get(i), "participants[" + i + "]", problems);
        if (p != null && !seen.add(p.id())) {
          problems.add("participants[" + i + "]: duplicate id '" + p.id() + "'");
        }
        if (p != null) {
          participants.add(p);
        }
      }
    }
    String region = null;
    if (top.containsKey("region")) {
      region = text(top.get("region"), "region", problems);
      if (region != null && !ID.matcher(region).matches()) {
        problems.add("region: '" + region + "' must match " + ID.pattern());
      }
    }
    List<Peer> peers = peers(top.get("peers"), region, participants, problems);
    if (!problems.isEmpty()) {
      throw invalid(file, problems);
    }
    return new Directory(base, ca, hub, participants, region, peers);
  }

  private static List<Peer> peers(Object value, String region, List<Participant> participants, List<String> problems) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> entries)) {
      problems.add("peers: must be a list");
      return List.of();
    }
    if (region == null) {
      problems.add("peers: a directory with peers must name its own region");
    }
    Set<String> known = participants.stream().map(Participant::id).collect(Collectors.toSet());
    Set<String> regions = new HashSet<>();
    Set<String> remote = new HashSet<>();
    List<Peer> peers = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String at = "peers[" + i + "]";
      if (!(entries.get(i) instanceof Map<?, ?> m)) {
        problems.add(at + ": must be a mapping");
        continue;
      }
      unknownKeys(m, PEER_KEYS, at + ".", problems);
      String name = text(m.get("region"), at + ".region", problems);
      if (name != null && (!ID.matcher(name).matches() || name.equals(region) || !regions.add(name))) {
        problems.add(at + ".region: '" + name + "' must match " + ID.pattern() + ", differ from this region and be listed once");
      }
      String hubCert = text(m.get("hub"), at + ".hub", problems);
      String caCert = text(m.get("ca"), at + ".ca", problems);
      String broker = null;
      if (m.get("broker") != null) {
        broker = text(m.get("broker"), at + ".broker", problems);
        if (broker != null && !BROKER.matcher(broker).matches()) {
          problems.add(at + ".broker: '" + broker + "' must be host:port");
        }
      }
      List<String> ids = new ArrayList<>();
      if (!(m.get("participants") instanceof List<?> list)) {
        problems.add(at + ".participants: must be a list of participant ids");
      } else {
        for (Object id : list) {
          if (!(id instanceof String s) || !known.contains(s)) {
            problems.add(at + ".participants: '" + id + "' is not a participant of this directory");
          } else if (!remote.add(s)) {
            problems.add(at + ".participants: '" + s + "' belongs to more than one region");
          } else {
            ids.add(s);
          }
        }
      }
      peers.add(new Peer(name, hubCert, caCert, broker, ids));
    }
    return peers;
  }

  private static Participant participant(Object entry, String at, List<String> problems) {
    if (!(entry instanceof Map<?, ?> m)) {
      problems.add(at + ": must be a mapping");
      return null;
    }
    int before = problems.size();
    unknownKeys(m, PARTICIPANT_KEYS, at + ".", problems);
    String id = text(m.get("id"), at + ".id", problems);
    if (id != null && !ID.matcher(id).matches()) {
      problems.add(at + ".id: '" + id + "' must match " + ID.pattern());
    }
    String where = id == null ? at : at + " (" + id + ")";
    ParticipantKind kind = null;
    String kindText = text(m.get("kind"), where + ".kind", problems);
    if (kindText != null) {
      try {
        kind = ParticipantKind.valueOf(kindText);
      } catch (IllegalArgumentException e) {
        problems.add(where + ".kind: '" + kindText + "' is not one of " + List.of(ParticipantKind.values()));
      }
    }
    String name = text(m.get("name"), where + ".name", problems);
    List<String> countries = countries(m.get("countries"), where + ".countries", problems);
    if (kind != null && countries != null) {
      if (kind == ParticipantKind.BLO && countries.size() != 2) {
        problems.add(where + ".countries: a BLO has exactly 2 countries (the two sides of its crossing)");
      } else if (kind.isAgency() && kind != ParticipantKind.IGO && countries.isEmpty()) {
        problems.add(where + ".countries: an agency needs at least one country");
      }
    }
    Tlp clearance = null;
    String clearanceText = text(m.get("clearance"), where + ".clearance", problems);
    if (clearanceText != null) {
      try {
        clearance = Tlp.fromLabel(clearanceText);
      } catch (IllegalArgumentException e) {
        problems.add(where + ".clearance: '" + clearanceText + "' is not a TLP label (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)");
      }
    }
    String certificate = text(m.get("certificate"), where + ".certificate", problems);
    return problems.size() > before ? null : new Participant(id, kind, name, countries, clearance, certificate);
  }

  private static List<String> countries(Object value, String at, List<String> problems) {
    if (!(value instanceof List<?> list)) {
      problems.add(at + ": must be a list of ISO 3166-1 alpha-2 codes, e.g. [CN]");
      return null;
    }
    List<String> codes = new ArrayList<>();
    for (Object c : list) {
      if (!(c instanceof String code) || !ISO_COUNTRIES.contains(code)) {
        problems.add(at + ": '" + c + "' is not an ISO 3166-1 alpha-2 code (upper case, e.g. GB not UK)");
      } else if (codes.contains(code)) {
        problems.add(at + ": '" + code + "' listed twice");
      } else {
        codes.add(code);
      }
    }
    return codes;
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
        .filter(k -> !known.contains(String.valueOf(k)))
        .map(String::valueOf)
        .sorted(Comparator.naturalOrder())
        .forEach(k -> problems.add(prefix + k + ": unknown key (expected one of " + new java.util.TreeSet<>(known) + ")"));
  }

  private static WildexException invalid(String file, List<String> problems) {
    return new WildexException(ReasonCode.DIRECTORY_INVALID, file + " is invalid:\n  " + String.join("\n  ", problems));
  }
}
