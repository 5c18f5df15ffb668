package io.watchfloor.node.alert.playbook;

import java.net.URI;

/** One step of a playbook. */
public sealed interface PlaybookAction {
  /** Config name of the action ({@code notify}, {@code ticket}, {@code attach_pcap}, {@code recommend_containment}). */
  String type();

  /** The routed notification itself: recorded so the record shows who was told. */
  record Notify() implements PlaybookAction {
    public String type() {
      return "notify";
    }
  }

  /** Opens a ticket by POSTing JSON to a ticketing webhook, through the outbox like any receiver. */
  record Ticket(URI url, String tokenEnv) implements PlaybookAction {
    public String type() {
      return "ticket";
    }
  }

  /** Records the link to the anomaly's pcap evidence with the alert (and puts it into the ticket). */
  record AttachPcap() implements PlaybookAction {
    public String type() {
      return "attach_pcap";
    }
  }

  /**
   * A containment recommendation for the responder; {@code {label}} placeholders are filled from
   * the alert's labels, e.g. "Isolate {host} from {destination.ip}".
   */
  record RecommendContainment(String text) implements PlaybookAction {
    public String type() {
      return "recommend_containment";
    }
  }
}
