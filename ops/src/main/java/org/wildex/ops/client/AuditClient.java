package org.wildex.ops.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import javax.net.ssl.SSLContext;

/** An auditor's reads of the hub's trail over HTTPS ({@code /api/v1/audit/...}) with its client certificate. */
public final class AuditClient {

  /** The hub's answer: HTTP status and body; for a refusal its reason code and description. */
  public record Answer(int status, byte[] body, String reason, String description) {
    public boolean ok() {
      return status == 200;
    }
  }

  private final HttpClient http;
  private final String base;

  public AuditClient(String hubUrl, SSLContext tls) {
    this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    this.base = hubUrl.replaceAll("/+$", "");
  }

  /** GET {@code path} with the parameters (null values left out), URL-encoded. */
  public Answer get(String path, Map<String, String> params) throws IOException, InterruptedException {
    StringJoiner query = new StringJoiner("&");
    params.forEach((name, value) -> {
      if (value != null) {
        query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    });
    URI uri = URI.create(base + path + (query.length() == 0 ? "" : "?" + query));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new IOException("hub unreachable at " + base + " (is `wildex serve` running? right --url?)", e);
    }
    String reason = null;
    String description = null;
    if (response.statusCode() != 200 && response.body().length > 0 && response.body()[0] == '{') {
      try (JsonReader reader = Json.createReader(new StringReader(new String(response.body(), StandardCharsets.UTF_8)))) {
        JsonObject json = reader.readObject();
        reason = json.getString("reason", null);
        description = json.getString("description", null);
      }
    }
    return new Answer(response.statusCode(), response.body(), reason, description);
  }
}
