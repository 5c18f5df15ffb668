package io.watchfloor.loadtest.synth;

import io.watchfloor.loadtest.Ipv4;
import java.util.SplittableRandom;

/**
 * Internet services the site's people use, with the address the resolver answers for each, most
 * popular first (picked with a Zipf-like bias). Addresses are from 203.0.113.0/24, 198.51.100.0/24
 * and 192.0.2.0/24 (RFC 5737), so the capture names no real host.
 */
final class ExternalSites {

  static final String[] NAMES = {
      "outlook.office365.com", "www.google.com", "teams.microsoft.com", "login.microsoftonline.com",
      "github.com", "api.github.com", "slack.com", "edge.slack.com", "zoom.us", "fonts.gstatic.com",
      "www.wikipedia.org", "docs.google.com", "drive.google.com", "cdn.jsdelivr.net",
      "update.microsoft.com", "s3.amazonaws.com", "www.linkedin.com", "stackoverflow.com",
      "www.bbc.co.uk", "news.ycombinator.com", "registry.npmjs.org", "repo.maven.apache.org",
      "pypi.org", "files.pythonhosted.org", "www.atlassian.com", "status.example-saas.com",
      "cdn.cloudflare.net", "www.youtube.com", "i.ytimg.com", "accounts.google.com",
      "www.salesforce.com", "app.hubspot.com", "www.dropbox.com", "telemetry.vendor-av.com",
      "clients4.google.com", "ocsp.digicert.com", "www.reddit.com", "www.nytimes.com",
      "maps.googleapis.com", "weather.com"};

  private ExternalSites() {}

  static int address(int site) {
    int block = site % 3;
    int base = block == 0 ? Ipv4.parse("203.0.113.0")
        : block == 1 ? Ipv4.parse("198.51.100.0") : Ipv4.parse("192.0.2.0");
    return base + 10 + site;
  }

  /** A site index, popular ones far more often (weight 1 / (rank + 1)). */
  static int pick(SplittableRandom r) {
    double u = r.nextDouble() * HARMONIC;
    double sum = 0;
    for (int i = 0; i < NAMES.length; i++) {
      sum += 1.0 / (i + 1);
      if (u < sum) {
        return i;
      }
    }
    return NAMES.length - 1;
  }

  private static final double HARMONIC = harmonic(NAMES.length);

  private static double harmonic(int n) {
    double h = 0;
    for (int i = 1; i <= n; i++) {
      h += 1.0 / i;
    }
    return h;
  }
}
