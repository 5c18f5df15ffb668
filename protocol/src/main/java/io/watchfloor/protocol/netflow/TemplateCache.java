package io.watchfloor.protocol.netflow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The templates of every exporter, keyed by exporter address, source id (v9) or observation
 * domain id (IPFIX), and template id (RFC 3954 §5.2, RFC 7011 §8). It also keeps each IPFIX
 * domain's systemInitTimeMilliseconds, learnt from options data, that uptime-relative times
 * need. Safe for concurrent use.
 */
public final class TemplateCache {

  /**
   * Upper bound on templates over all exporters. Templates arrive unauthenticated over UDP; this
   * bounds the memory a stream of forged template ids can take. Real exporters send a handful.
   */
  public static final int MAX_TEMPLATES = 10_000;
  /** Upper bound on remembered (exporter, domain) clocks, for the same reason. */
  public static final int MAX_DOMAINS = 10_000;

  private record TemplateKey(String exporter, long domain, int templateId) {}

  private record DomainKey(String exporter, long domain) {}

  private final Map<TemplateKey, Template> templates = new ConcurrentHashMap<>();
  private final Map<DomainKey, Long> systemInitMillis = new ConcurrentHashMap<>();

  /** Number of templates held. */
  public int size() {
    return templates.size();
  }

  public void clear() {
    templates.clear();
    systemInitMillis.clear();
  }

  Template get(String exporter, long domain, int templateId) {
    return templates.get(new TemplateKey(exporter, domain, templateId));
  }

  void put(String exporter, long domain, Template template) {
    TemplateKey key = new TemplateKey(exporter, domain, template.id);
    if (templates.size() >= MAX_TEMPLATES && !templates.containsKey(key)) {
      throw new NetflowDecodeException("template cache is full (" + MAX_TEMPLATES
          + " templates); refusing template " + template.id + " from " + exporter);
    }
    templates.put(key, template);
  }

  void withdraw(String exporter, long domain, int templateId) {
    templates.remove(new TemplateKey(exporter, domain, templateId));
  }

  /** Epoch milliseconds the exporter's uptime counts from, or {@code Long.MIN_VALUE}. */
  long systemInitMillis(String exporter, long domain) {
    return systemInitMillis.getOrDefault(new DomainKey(exporter, domain), Long.MIN_VALUE);
  }

  void systemInitMillis(String exporter, long domain, long epochMillis) {
    DomainKey key = new DomainKey(exporter, domain);
    if (systemInitMillis.size() < MAX_DOMAINS || systemInitMillis.containsKey(key)) {
      systemInitMillis.put(key, epochMillis);
    }
  }
}
