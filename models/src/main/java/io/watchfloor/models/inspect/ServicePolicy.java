package io.watchfloor.models.inspect;

import com.typesafe.config.Config;
import io.watchfloor.protocol.app.AppProtocol;
import io.watchfloor.protocol.ip.IpAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which services may be offered and used ({@code watchfloor.models.detectors.unapproved-service}).
 * A connection is governed when its server is in {@code servers} or its client in {@code clients};
 * a governed connection must match an {@code allow} entry (client in its clients, server in its
 * servers, port and payload protocol in its services), else it is outside policy. Groups are named
 * address lists ({@code { name = web-tier, members = [10.0.1.0/24] }}, a list so that the node's
 * unknown-key check has no free-form object to trip over); {@code any} is every address.
 */
public final class ServicePolicy {
  public static final ServicePolicy NONE = new ServicePolicy(IpSet.ofBlocks(List.of()),
      IpSet.ofBlocks(List.of()), List.of());

  private final IpSet governedServers;
  private final IpSet governedClients;
  private final List<Allow> allow;

  ServicePolicy(IpSet governedServers, IpSet governedClients, List<Allow> allow) {
    this.governedServers = governedServers;
    this.governedClients = governedClients;
    this.allow = List.copyOf(allow);
  }

  /** One allowed service: who may use it, where, on which ports with which protocols. */
  record Allow(IpSet clients, IpSet servers, List<Service> services) {}

  /** {@code 443/tls}, {@code 443} (any protocol), {@code * /ssh} (any port); port -1 = any. */
  record Service(int port, AppProtocol protocol) {
    boolean admits(int p, AppProtocol proto) {
      if (port < 0) {
        return protocol == null || protocol == proto; // any port: only a recognised protocol qualifies
      }
      return port == p && (protocol == null || proto == AppProtocol.UNKNOWN || protocol == proto);
    }

    static Service parse(String text) {
      String[] parts = text.trim().split("/", -1);
      if (parts.length > 2 || parts[0].isEmpty()) {
        throw new IllegalArgumentException("service must be 'port/protocol', 'port' or '*/protocol', was '" + text + "'");
      }
      int port;
      if (parts[0].equals("*")) {
        port = -1;
      } else {
        try {
          port = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad port in service '" + text + "'");
        }
        if (port < 0 || port > 65535) {
          throw new IllegalArgumentException("port out of range in service '" + text + "'");
        }
      }
      AppProtocol protocol = null;
      if (parts.length == 2 && !parts[1].equals("*")) {
        protocol = AppProtocol.ofId(parts[1]);
        if (protocol == AppProtocol.UNKNOWN) {
          throw new IllegalArgumentException("unknown protocol '" + parts[1] + "' in service '" + text
              + "' (http tls ssh dns smb rdp ftp smtp pop3 imap telnet ntp dhcp sip quic)");
        }
      }
      return new Service(port, protocol);
    }
  }

  /** @param c the {@code unapproved-service} section */
  public static ServicePolicy create(Config c) {
    String where = "watchfloor.models.detectors.unapproved-service";
    try {
      Map<String, List<String>> groups = new HashMap<>();
      for (Config g : c.getConfigList("groups")) {
        groups.put(g.getString("name"), g.getStringList("members"));
      }
      List<Allow> allow = new ArrayList<>();
      for (Config a : c.getConfigList("allow")) {
        List<Service> services = new ArrayList<>();
        for (String s : a.getStringList("services")) {
          services.add(Service.parse(s));
        }
        allow.add(new Allow(members(a.getStringList("clients"), groups),
            members(a.getStringList("servers"), groups), services));
      }
      return new ServicePolicy(members(c.getStringList("servers"), groups),
          members(c.getStringList("clients"), groups), allow);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** Group names, {@code any}, addresses and CIDR blocks, as one set. */
  private static IpSet members(List<String> names, Map<String, List<String>> groups) {
    List<String> blocks = new ArrayList<>();
    for (String n : names) {
      String name = n.trim();
      if (name.equals("any")) {
        return IpSet.ANY;
      }
      List<String> group = groups.get(name);
      if (group != null) {
        blocks.addAll(group);
      } else if (Character.isDigit(name.charAt(0)) || name.contains(":")) {
        blocks.add(name);
      } else {
        throw new IllegalArgumentException("unknown group '" + name + "'");
      }
    }
    return IpSet.ofBlocks(blocks);
  }

  /**
   * Whether the connection {@code client -> server:port} carrying {@code protocol} (UNKNOWN when
   * the payload did not reveal it: only the port is judged) is outside policy.
   */
  public boolean violates(IpAddress client, IpAddress server, int port, AppProtocol protocol) {
    boolean governed = governedServers.contains(server.hi(), server.lo())
        || governedClients.contains(client.hi(), client.lo());
    if (!governed) {
      return false;
    }
    for (Allow a : allow) {
      if (a.clients().contains(client.hi(), client.lo()) && a.servers().contains(server.hi(), server.lo())) {
        for (Service s : a.services()) {
          if (s.admits(port, protocol)) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
