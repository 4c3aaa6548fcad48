package org.wildex.ops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The shipped {@code logback.xml}: text lines by default, one JSON object per line with {@code WILDEX_LOG_FORMAT=json}. */
class LogFormatTest {

  private final PrintStream stderr = System.err;

  @AfterEach
  void restore() {
    System.setErr(stderr);
    System.clearProperty("WILDEX_LOG_FORMAT");
  }

  /** Configures a fresh logback context from the shipped file, logs one stage event, returns what reached stderr. */
  private String logOneEvent(String format) throws Exception {
    if (format != null) {
      System.setProperty("WILDEX_LOG_FORMAT", format); // logback reads system properties before the environment
    }
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    URL config = LogFormatTest.class.getResource("/logback.xml");
    configurator.doConfigure(config);
    Logger log = context.getLogger("org.wildex.routes.deliver.SealDelivery");
    log.info("stage={} event={} packageId={} recipient={} level={}", "wildex.deliver.fanout", "ROUTED",
        "4f57ec61-ad17-43b0-847f-46b4853b1020", "ncb-la", "AMBER+STRICT");
    context.getLogger("org.apache.camel.Whatever").info("below the WARN threshold for libraries");
    context.stop();
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void logs_one_text_line_per_event_by_default() throws Exception {
    String out = logOneEvent(null);
    assertThat(out.lines()).singleElement().satisfies(line -> assertThat(line)
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[.*] SealDelivery stage=wildex.deliver.fanout event=ROUTED "
            + "packageId=4f57ec61-ad17-43b0-847f-46b4853b1020 recipient=ncb-la level=AMBER\\+STRICT"));
  }

  @Test
  void logs_one_json_object_per_line_with_wildex_log_format_json() throws Exception {
    String out = logOneEvent("json");
    assertThat(out.lines()).singleElement();
    JsonObject event;
    try (JsonReader reader = Json.createReader(new StringReader(out.strip()))) {
      event = reader.readObject();
    }
    assertThat(event.getString("level")).isEqualTo("INFO");
    assertThat(event.getString("loggerName")).isEqualTo("org.wildex.routes.deliver.SealDelivery");
    assertThat(event.getString("formattedMessage")).isEqualTo("stage=wildex.deliver.fanout event=ROUTED "
        + "packageId=4f57ec61-ad17-43b0-847f-46b4853b1020 recipient=ncb-la level=AMBER+STRICT");
    assertThat(event.containsKey("timestamp")).isTrue();
  }
}
