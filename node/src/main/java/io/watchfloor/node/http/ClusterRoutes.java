package io.watchfloor.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/v1/cluster/members}: the cluster as this node sees it (Pekko Cluster's gossiped
 * state, read without asking anyone): each member's address, data center (our site), status,
 * roles, reachability and up-number (lower is older), plus the leader and this node.
 */
public final class ClusterRoutes extends AllDirectives {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  /** Pekko's data-center roles ("dc-<name>") repeat the data center: left out of "roles". */
  private static final String DC_ROLE_PREFIX = "dc-";

  private final Cluster cluster;

  public ClusterRoutes(ActorSystem<?> system) {
    this.cluster = Cluster.get(system);
  }

  public Route route() {
    return path(PathMatchersCompat.segments("api", "v1", "cluster", "members"), () -> get(() ->
        complete(StatusCodes.OK, body(), Jackson.marshaller(JSON))));
  }

  private Map<String, Object> body() {
    CurrentClusterState state = cluster.state();
    Set<Member> unreachable = state.getUnreachable();
    Address self = cluster.selfMember().address();
    List<Map<String, Object>> members = new ArrayList<>();
    for (Member m : state.getMembers()) {
      Map<String, Object> member = new LinkedHashMap<>();
      member.put("address", m.address().toString());
      member.put("data_center", m.dataCenter());
      member.put("status", m.status().toString());
      Set<String> roles = new TreeSet<>();
      m.getRoles().forEach(r -> {
        if (!r.startsWith(DC_ROLE_PREFIX)) {
          roles.add(r);
        }
      });
      member.put("roles", List.copyOf(roles));
      member.put("reachable", !unreachable.contains(m));
      member.put("up_number", m.upNumber());
      member.put("self", m.address().equals(self));
      members.add(member);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("self", self.toString());
    body.put("leader", state.getLeader() == null ? null : state.getLeader().toString());
    body.put("count", members.size());
    body.put("members", members);
    return body;
  }
}
