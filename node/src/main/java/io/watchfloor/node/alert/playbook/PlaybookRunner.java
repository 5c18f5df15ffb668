package io.watchfloor.node.alert.playbook;

import io.watchfloor.node.alert.receiver.Notification;
import io.watchfloor.node.alert.receiver.Receiver;
import io.watchfloor.node.alert.receiver.TicketIntegration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what the playbooks do for a group's first firing notification: the action records, and
 * the ticket notifications to put into the outbox (receiver {@code playbook-<name>}). No I/O: the
 * router writes both. Remembers the alerts whose playbooks ran, so each runs once.
 */
public final class PlaybookRunner {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.]+)}");
  /** Alerts remembered at most (the oldest are forgotten). */
  private static final int MAX_REMEMBERED = 100_000;

  /** What running the playbooks for one notification comes to. */
  public record Outcome(List<ActionRecord> records, List<Notification> tickets) {}

  private final List<Playbook> playbooks;
  private final LinkedHashSet<String> ran = new LinkedHashSet<>();

  public PlaybookRunner(List<Playbook> playbooks) {
    this.playbooks = List.copyOf(playbooks);
  }

  public static String ticketReceiver(Playbook p) {
    return "playbook-" + p.name();
  }

  /** The receivers the playbooks' tickets go to, one per playbook with a ticket action. */
  public static List<Receiver> ticketReceivers(List<Playbook> playbooks) {
    List<Receiver> out = new ArrayList<>();
    for (Playbook p : playbooks) {
      if (p.ticket() != null) {
        out.add(new Receiver(ticketReceiver(p), List.of(new TicketIntegration(p.ticket().url(), p.ticket().tokenEnv()))));
      }
    }
    return out;
  }

  /** What the playbooks do for this notification's alert, or nothing if they ran for it already. */
  public Optional<Outcome> runOnce(String groupId, Notification n) {
    return remember(alertId(n)) ? Optional.of(run(groupId, n)) : Optional.empty();
  }

  /** Notes that the playbooks ran for an alert; false if that was known. */
  public boolean remember(String alertId) {
    if (!ran.add(alertId)) {
      return false;
    }
    if (ran.size() > MAX_REMEMBERED) {
      ran.remove(ran.iterator().next());
    }
    return true;
  }

  public Outcome run(String groupId, Notification n) {
    List<ActionRecord> records = new ArrayList<>();
    List<Notification> tickets = new ArrayList<>();
    Notification.AlertItem lead = n.lead();
    for (Playbook p : playbooks) {
      if (!p.appliesTo(lead.labels())) {
        continue;
      }
      String recommendation = null;
      boolean pcap = false;
      for (int step = 0; step < p.actions().size(); step++) {
        PlaybookAction a = p.actions().get(step);
        String detail;
        if (a instanceof PlaybookAction.AttachPcap) {
          pcap = true;
          detail = lead.pcapUrl();
        } else if (a instanceof PlaybookAction.RecommendContainment r) {
          recommendation = fill(r.text(), lead.labels());
          detail = recommendation;
        } else if (a instanceof PlaybookAction.Ticket t) {
          detail = "ticket queued for " + t.url().getHost();
        } else {
          detail = "notified " + n.receiver();
        }
        records.add(new ActionRecord(alertId(n), p.name(), step, a.type(), n.createdMillis(), groupId, detail));
      }
      if (p.ticket() != null) {
        tickets.add(ticket(p, n, recommendation, pcap));
      }
    }
    return new Outcome(records, tickets);
  }

  private static Notification ticket(Playbook p, Notification n, String recommendation, boolean pcap) {
    Notification.AlertItem lead = n.lead();
    Map<String, String> evidence = new java.util.TreeMap<>(lead.evidence());
    if (recommendation != null) {
      evidence.put("recommendation", recommendation);
    }
    Notification.AlertItem item = new Notification.AlertItem(lead.anomalyId(), lead.labels(), lead.summary(), lead.score(),
        lead.startsAtMillis(), lead.endsAtMillis(), lead.anomalyUrl(), pcap ? lead.pcapUrl() : "", evidence);
    String receiver = ticketReceiver(p);
    return new Notification(receiver + "|" + n.id(), receiver, n.groupKey(), n.status(), n.groupLabels(),
        List.of(item), n.externalUrl(), n.createdMillis());
  }

  /**
   * The alert a group's first notification is about: its oldest anomaly. The same anomaly routed to
   * two receivers gives the same id, so the router runs the playbooks once for it.
   */
  public static String alertId(Notification n) {
    return n.alerts().get(n.alerts().size() - 1).anomalyId();
  }

  public boolean isEmpty() {
    return playbooks.isEmpty();
  }

  static String fill(String template, Map<String, String> labels) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(labels.getOrDefault(m.group(1), "?")));
    }
    m.appendTail(out);
    return out.toString();
  }
}
