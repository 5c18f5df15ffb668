package io.watchfloor.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.http.auth.Tokens;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.node.testing.TestPcaps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian {@code chromium} + {@code chromium-driver},
 * installed by {@code ops/install-deps --for-tests}), against a node with authentication on that
 * then analyses the masscan capture: log in with a token, watch the scan's anomalies arrive on the
 * timeline through the live stream, find the scanner at the top of the hosts table, open it, read
 * its window against its baseline and its anomaly's explanation, download its packets and send
 * feedback. The last screen is saved as {@code target/dashboard.png}.
 */
@ExtendWith(SharedCassandra.class)
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String SCANNER = "172.31.15.102";
  private static final String TOKEN = Tokens.newToken();
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static WatchfloorNode node;
  WebDriver browser;
  WebDriverWait waiting;

  @BeforeAll
  static void startNode() {
    node = TestNodes.start(TestNodes.config(SharedCassandra.freshKeyspace("dashboard"),
        "watchfloor.host.snapshot-every-windows = 1\n"
            + "watchfloor.http.auth { enabled = on, tokens = [{ name = \"analyst-user\", role = analyst, sha256 = \""
            + Tokens.sha256(TOKEN) + "\" }] }\n"));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @BeforeEach
  void openBrowser() {
    assertThat(CHROMIUM).as("chromium is missing: run ops/install-deps --for-tests").isExecutable();
    assertThat(CHROMEDRIVER).as("chromedriver is missing: run ops/install-deps --for-tests").isExecutable();
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1100,1300", "--lang=en-US");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    waiting = new WebDriverWait(browser, PATIENCE);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void shouldServeThePageWithoutATokenAndOnlyKnownFiles() throws Exception {
    HttpResponse<String> page = get("/");
    HttpResponse<String> script = get("/ui/app.js");
    HttpResponse<String> charts = get("/ui/uPlot.esm.js");
    HttpResponse<String> unknown = get("/ui/nothing.js");
    HttpResponse<String> hidden = get("/ui/.env");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("/ui/app.js");
    assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/javascript"));
    assertThat(charts.statusCode()).isEqualTo(200);
    assertThat(charts.body()).contains("export { uPlot as default }");
    assertThat(List.of(unknown.statusCode(), hidden.statusCode())).containsOnly(404);
    assertThat(JSON.readTree(unknown.body()).path("error").asText()).contains("nothing.js");
  }

  @Test
  void shouldRefuseAWrongTokenAtLogin() {
    browser.get(base() + "/");
    logIn("wf_not-a-token");

    WebElement error = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".login .error")));
    assertThat(error.getText()).contains("not valid");
    assertThat(browser.getCurrentUrl()).endsWith("#/login");
  }

  @Test
  void shouldLeadFromLoginToTheScannersExplanationAndTakeFeedback() throws Exception {
    browser.get(base() + "/");
    waiting.until(ExpectedConditions.urlContains("#/login"));
    logIn(TOKEN);
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("hosts-table")));

    browser.findElement(By.linkText("Anomalies")).click();
    waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live"), "live"));
    assertThat(browser.findElements(By.cssSelector("#anomalies-table tbody tr"))).isEmpty();
    Thread.sleep(500); // the stream's subscription reaches the anomaly topic
    TestNodes.capture(node, "masscan", TestPcaps.of("scan_masscan_tcp_0-1000.pcap"), Duration.ofSeconds(60));
    waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#anomalies-table tbody"), SCANNER));
    assertThat(browser.findElement(By.cssSelector("#anomalies-table tbody")).getText()).contains("port_scan");
    assertThat(browser.findElements(By.cssSelector("#timeline-chart canvas"))).isNotEmpty();
    filterTheTimeline();

    awaitTheScannerAtTheTopOfTheHostList();
    browser.findElement(By.linkText("Hosts")).click();
    WebElement top = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#hosts-table tbody tr:first-child")));
    assertThat(top.getAttribute("data-host")).isEqualTo(SCANNER);
    assertThat(Long.parseLong(top.findElement(By.cssSelector(".score")).getText())).isPositive();

    top.findElement(By.linkText(SCANNER)).click();
    WebElement summary = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#host-anomalies .explanation .summary")));
    assertThat(browser.findElement(By.id("host-title")).getText()).startsWith(SCANNER);
    assertThat(summary.getText()).isNotBlank().isNotEqualTo("No explanation.");
    assertThat(browser.findElement(By.id("feature-caption")).getText()).startsWith("Current window");
    assertThat(browser.findElements(By.cssSelector("#feature-chart canvas"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("#host-anomalies .top-features tbody tr, #host-anomalies .evidence dt")))
        .isNotEmpty();

    assertThat(browser.findElement(By.id("host-model")).getText()).contains("Baseline:").contains("Neural scorer:");
    assertThat(browser.findElement(By.id("host-suppressions")).getText()).isEqualTo("No detector suppressed by feedback.");

    WebElement card = browser.findElement(By.cssSelector("#host-anomalies .anomaly"));
    card.findElement(By.cssSelector("button.pcap")).click();
    WebElement saved = waiting.until(ExpectedConditions.visibilityOf(card.findElement(By.cssSelector(".action-status"))));
    waiting.until(ExpectedConditions.textToBePresentInElement(saved, ".pcap ("));
    assertThat(saved.getText()).matches("Saved .*\\.pcap \\([1-9][0-9]* bytes\\)\\.");

    card.findElement(By.cssSelector(".feedback-comment")).sendKeys("lab scanner, expected");
    card.findElement(By.cssSelector("button.feedback-false-positive")).click();
    WebElement feedback = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".feedback-status")));
    assertThat(feedback.getText()).isEqualTo("Feedback recorded: false positive.");
    Files.write(Path.of("target", "dashboard.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

    browser.navigate().refresh();
    waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("host-suppressions"), "port_scan towards"));
    assertThat(browser.findElement(By.id("top-peers")).getText()).contains("198.124.152.15");
  }

  /** Detector, least severity, site and host filters of the timeline, each against the API's own count. */
  private void filterTheTimeline() throws Exception {
    applyFilter("", "", "", "10.99.99.99");
    assertThat(browser.findElements(By.cssSelector("#anomalies-table tbody tr"))).isEmpty();

    int scans = applyFilter("port_scan", "", "", SCANNER);
    assertThat(scans).isPositive();
    assertThat(browser.findElements(By.cssSelector("#anomalies-table tbody tr")))
        .hasSize(scans)
        .allSatisfy(r -> {
          assertThat(r.getAttribute("data-detector")).isEqualTo("port_scan");
          assertThat(r.getText()).contains(SCANNER);
        });

    applyFilter("", "high", "", "");
    assertThat(browser.findElements(By.cssSelector("#anomalies-table tbody tr")))
        .allSatisfy(r -> assertThat(r.getAttribute("data-severity")).isIn("high", "critical"));

    applyFilter("", "", "elsewhere", "");
    assertThat(browser.findElements(By.cssSelector("#anomalies-table tbody tr"))).isEmpty();

    browser.findElement(By.id("filter-host")).sendKeys("not-an-ip");
    browser.findElement(By.id("filter-apply")).click();
    waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("filter-error"), "not an IPv4"));

    browser.findElement(By.id("filter-clear")).click();
    int all = JSON.readTree(getWithToken("/api/v1/anomalies?limit=500").body()).path("count").asInt();
    waiting.until(ExpectedConditions.textToBe(By.id("timeline-count"), all + " anomal" + (all == 1 ? "y" : "ies")));
    assertThat(browser.findElements(By.cssSelector("#anomalies-table tbody tr"))).hasSize(all);
    Files.write(Path.of("target", "dashboard-timeline.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
  }

  /** Sets the filters, applies them and waits for the count the API gives for the same query. */
  private int applyFilter(String detector, String severity, String site, String host) throws Exception {
    new Select(browser.findElement(By.id("filter-detector"))).selectByValue(detector);
    new Select(browser.findElement(By.id("filter-severity"))).selectByValue(severity);
    for (String[] f : new String[][] {{"filter-site", site}, {"filter-host", host}}) {
      WebElement input = browser.findElement(By.id(f[0]));
      input.clear();
      input.sendKeys(f[1]);
    }
    StringBuilder q = new StringBuilder("/api/v1/anomalies?limit=500");
    if (!detector.isEmpty()) q.append("&detector=").append(detector);
    if (!severity.isEmpty()) q.append("&severity=").append(severity);
    if (!site.isEmpty()) q.append("&site=").append(site);
    if (!host.isEmpty()) q.append("&host=").append(host);
    int expected = JSON.readTree(getWithToken(q.toString()).body()).path("count").asInt();
    WebElement form = browser.findElement(By.id("timeline-filters"));
    String loadsBefore = String.valueOf(form.getAttribute("data-loads"));
    browser.findElement(By.id("filter-apply")).click();
    waiting.until(b -> !loadsBefore.equals(String.valueOf(form.getAttribute("data-loads"))));
    assertThat(browser.findElement(By.id("timeline-count")).getText())
        .isEqualTo(expected + " anomal" + (expected == 1 ? "y" : "ies"));
    return expected;
  }

  private void logIn(String token) {
    WebElement field = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    field.sendKeys(token);
    browser.findElement(By.id("login-button")).click();
  }

  private static void awaitTheScannerAtTheTopOfTheHostList() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode hosts = JSON.readTree(getWithToken("/api/v1/hosts?limit=1").body());
    while (hosts.path("count").asInt() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      hosts = JSON.readTree(getWithToken("/api/v1/hosts?limit=1").body());
    }
    assertThat(hosts.path("hosts").path(0).path("host").asText()).isEqualTo(SCANNER);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> getWithToken(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + TOKEN)
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String base() {
    return "http://" + node.httpAddress();
  }
}
