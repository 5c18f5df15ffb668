package io.watchfloor.models.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreatIntelTest {
  @TempDir Path dir;

  @Test
  void shouldReadCsvIndicatorsAndReportBadLinesWithTheirPlace() throws IOException {
    Path csv = write("feed.csv", """
        type,value,description
        # a comment
        ip,198.51.100.7,Emotet C2
        cidr,203.0.113.0/24,bulletproof hoster
        domain,Evil.Example.,phishing kit
        ja3,E7D705A3286E19EA42F587B344EE6865,Cobalt Strike default
        ip,300.1.1.1,typo
        url,http://x,unsupported
        """);

    ThreatIntel intel = new ThreatIntel(List.of(csv), Duration.ofSeconds(30));
    IndicatorSet set = intel.current();

    assertThat(set.size()).isEqualTo(4);
    assertThat(set.matchAddress("198.51.100.7")).get().extracting(Indicator::description).isEqualTo("Emotet C2");
    assertThat(set.matchAddress("203.0.113.200")).get().extracting(Indicator::kind).isEqualTo(Indicator.Kind.CIDR);
    assertThat(set.matchAddress("198.51.100.8")).isEmpty();
    assertThat(set.matchDomain("a.b.evil.example")).isPresent();
    assertThat(set.matchDomain("notevil.example")).isEmpty();
    assertThat(set.matchJa3("e7d705a3286e19ea42f587b344ee6865")).isPresent();
    assertThat(intel.status().problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("feed.csv:7").contains("300.1.1.1"))
        .anySatisfy(p -> assertThat(p).contains("feed.csv:8").contains("unknown indicator type 'url'"));
  }

  @Test
  void shouldReadStixIndicatorPatterns() throws IOException {
    Path json = write("bundle.json", """
        {"type": "bundle", "id": "bundle--1", "objects": [
          {"type": "indicator", "id": "indicator--a", "name": "C2 servers",
           "pattern": "[ipv4-addr:value = '192.0.2.66'] OR [ipv6-addr:value = '2001:db8::66']"},
          {"type": "indicator", "id": "indicator--b", "name": "sinkhole range",
           "pattern": "[ipv4-addr:value ISSUBSET '198.18.0.0/15']"},
          {"type": "indicator", "id": "indicator--c", "name": "DGA",
           "pattern": "[domain-name:value = 'xjw8d.top']"},
          {"type": "indicator", "id": "indicator--d", "name": "odd",
           "pattern": "[file:hashes.MD5 = 'abc']"},
          {"type": "malware", "id": "malware--e", "name": "ignored"}
        ]}
        """);

    ThreatIntel intel = new ThreatIntel(List.of(json), Duration.ofSeconds(30));
    IndicatorSet set = intel.current();

    assertThat(set.size()).isEqualTo(4);
    assertThat(set.matchAddress("2001:db8::66")).get().extracting(Indicator::source).asString()
        .endsWith("indicator--a");
    assertThat(set.matchAddress("198.19.1.1")).isPresent();
    assertThat(set.matchDomain("www.xjw8d.top")).isPresent();
    assertThat(intel.status().problems()).singleElement().asString().contains("indicator--d");
  }

  @Test
  void shouldReloadAChangedFileAfterTheCheckInterval() throws IOException {
    Path csv = write("feed.csv", "ip,192.0.2.1\n");
    AtomicLong clock = new AtomicLong();
    ThreatIntel intel = new ThreatIntel(List.of(csv), Duration.ofSeconds(30), clock::get);
    assertThat(intel.current().matchAddress("192.0.2.2")).isEmpty();

    Files.writeString(csv, "ip,192.0.2.1\nip,192.0.2.2\n");
    Files.setLastModifiedTime(csv, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertThat(intel.current().matchAddress("192.0.2.2")).as("before the check interval").isEmpty();

    clock.addAndGet(Duration.ofSeconds(31).toNanos());

    assertThat(intel.current().matchAddress("192.0.2.2")).isPresent();
    assertThat(intel.status().loads()).isEqualTo(2);
  }

  @Test
  void shouldKeepTheLastGoodSetWhenAFileDisappears() throws IOException {
    Path csv = write("feed.csv", "ip,192.0.2.1\n");
    ThreatIntel intel = new ThreatIntel(List.of(csv), Duration.ZERO);
    Files.delete(csv);

    assertThat(intel.current().matchAddress("192.0.2.1")).isPresent();
    assertThat(intel.status().problems()).singleElement().asString()
        .contains("reload failed, keeping 1 indicators").contains("no such file");
  }

  @Test
  void shouldRejectAMissingFileAtStart() {
    assertThatThrownBy(() -> new ThreatIntel(List.of(dir.resolve("nope.csv")), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threat-intel.files")
        .hasMessageContaining("nope.csv");
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }
}
