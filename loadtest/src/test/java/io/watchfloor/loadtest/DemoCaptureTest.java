package io.watchfloor.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCaptureTest {

  @TempDir
  Path dir;

  @Test
  void shouldWritePcapAndLabelsBesideItAndPrintOneLine() throws Exception {
    Path pcap = dir.resolve("out/demo.pcap");

    Result result = launch(pcap.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout().lines()).singleElement().asString()
        .matches("wrote \\d+ packets to .*demo\\.pcap \\(labels in .*labels\\.tsv\\)");
    assertThat(pcap).isNotEmptyFile();
    assertThat(dir.resolve("out/labels.tsv")).isNotEmptyFile();
  }

  @Test
  void shouldExitWith2AndOneLineWithoutArguments() throws Exception {
    Result result = launch();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr().lines()).singleElement().asString().startsWith("usage:");
  }

  @Test
  void shouldExitWith2OnExtraArguments() throws Exception {
    Result result = launch(dir.resolve("a.pcap").toString(), "extra");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(dir.resolve("a.pcap")).doesNotExist();
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private Result launch(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DemoCapture.class.getName());
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
