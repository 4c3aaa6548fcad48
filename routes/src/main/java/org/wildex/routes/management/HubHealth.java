package org.wildex.routes.management;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Liveness and readiness of the hub, answered at {@code GET /health/live} and {@code GET /health/ready} on the
 * management port.
 *
 * <ul>
 *   <li><b>live</b>: the process answers (the management server's event loop runs). A launcher or orchestrator restarts
 *       the hub only when this fails.
 *   <li><b>ready</b>: every named check is up, e.g. {@code broker} (active, acceptor started), {@code database} (the audit
 *       store answers and the writer can write), {@code keys} (hub key and certificate loaded and the certificate valid
 *       today), {@code routes} (the Camel context and every route started), {@code https} (listening). Start-up scripts
 *       and tests wait for it; load balancers take an unready hub out of rotation.
 * </ul>
 *
 * A check answers a short fixed phrase, never an exception message (which could carry a URL or a path).
 */
public final class HubHealth {

  /** One check's answer. */
  public record Status(boolean up, String detail) {
    public static Status ok() {
      return new Status(true, null);
    }

    public static Status down(String detail) {
      return new Status(false, detail);
    }
  }

  /** A readiness check; may block briefly (it runs off the event loop); a thrown exception counts as down. */
  @FunctionalInterface
  public interface Check {
    Status check() throws Exception;
  }

  private final Map<String, Check> checks = new LinkedHashMap<>();

  public HubHealth check(String name, Check check) {
    checks.put(name, check);
    return this;
  }

  /** Runs every check, in the order added. */
  public Map<String, Status> ready() {
    Map<String, Status> answers = new LinkedHashMap<>();
    checks.forEach((name, check) -> {
      Status s;
      try {
        s = check.check();
      } catch (Exception | Error e) {
        s = Status.down("check failed (" + e.getClass().getSimpleName() + ")");
      }
      answers.put(name, s == null ? Status.down("no answer") : s);
    });
    return answers;
  }

  /** {@code {"status":"UP|DOWN","checks":{"broker":{"status":"UP"},...}}}. */
  static String json(Map<String, Status> answers) {
    boolean up = answers.values().stream().allMatch(Status::up);
    StringBuilder b = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN").append("\",\"checks\":{");
    boolean first = true;
    for (Map.Entry<String, Status> e : answers.entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      b.append('"').append(escape(e.getKey())).append("\":{\"status\":\"").append(e.getValue().up() ? "UP" : "DOWN").append('"');
      if (e.getValue().detail() != null) {
        b.append(",\"detail\":\"").append(escape(e.getValue().detail())).append('"');
      }
      b.append('}');
    }
    return b.append("}}").toString();
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
