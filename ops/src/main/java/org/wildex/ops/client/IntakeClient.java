package org.wildex.ops.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/** Submits sealed packages, recalls and release requests and decisions to the hub over HTTPS (mutual TLS). */
public final class IntakeClient {

  /** The hub's answer: HTTP status, and tracking id (a recall's: its recall id; a release's: its request id) or reason code. */
  public record Answer(int status, String trackingId, String reason, String description) {
    public boolean accepted() {
      return status == 202;
    }
  }

  private final HttpClient http;
  private final String base;

  public IntakeClient(String hubUrl, SSLContext tls) {
    this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    this.base = hubUrl.replaceAll("/+$", "") + "/api/v1/packages";
  }

  /** Posts a sealed package to {@code /api/v1/packages}. */
  public Answer submit(byte[] sealed) throws IOException, InterruptedException {
    return post(URI.create(base), sealed);
  }

  /** Posts a sealed recall request to {@code /api/v1/packages/{id}/recall}. */
  public Answer recall(UUID packageId, byte[] sealed) throws IOException, InterruptedException {
    return post(URI.create(base + "/" + packageId + "/recall"), sealed);
  }

  /** Posts a sealed release request to {@code /api/v1/packages/{id}/release-requests} (an agency's). */
  public Answer requestRelease(UUID packageId, byte[] sealed) throws IOException, InterruptedException {
    return post(URI.create(base + "/" + packageId + "/release-requests"), sealed);
  }

  /** Posts a sealed release decision to {@code /api/v1/release-requests/{id}/decision} (the originator's). */
  public Answer decide(UUID requestId, byte[] sealed) throws IOException, InterruptedException {
    return post(URI.create(base.replaceAll("/packages$", "/release-requests") + "/" + requestId + "/decision"), sealed);
  }

  private Answer post(URI endpoint, byte[] sealed) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/pkcs7-mime")
            .POST(HttpRequest.BodyPublishers.ofByteArray(sealed))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IOException("hub unreachable at " + endpoint + " (is `wildex serve` running? right --url?)", e);
    }
    String trackingId = null;
    String reason = null;
    String description = null;
    if (response.body() != null && response.body().startsWith("{")) {
      try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
        JsonObject json = reader.readObject();
        trackingId = json.getString("trackingId", json.getString("recallId", json.getString("requestId", null)));
        reason = json.getString("reason", null);
        description = json.getString("description", null);
      }
    }
    return new Answer(response.statusCode(), trackingId, reason, description);
  }
}
