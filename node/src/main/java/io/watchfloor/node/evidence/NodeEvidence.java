package io.watchfloor.node.evidence;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The node's {@link EvidenceStore}, reachable from the actor system: capture entities are created
 * by sharding and find the store here to register the packet rings of their live segments. The
 * node attaches its store right after the actor system starts, before any capture can open.
 */
public final class NodeEvidence implements Extension {
  private static final Id ID = new Id();

  private final AtomicReference<EvidenceStore> store = new AtomicReference<>();

  private NodeEvidence() {}

  public static NodeEvidence get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  public void attach(EvidenceStore evidence) {
    store.set(evidence);
  }

  /** Empty when the node keeps no evidence (an actor system started without a node). */
  public Optional<EvidenceStore> store() {
    return Optional.ofNullable(store.get());
  }

  private static final class Id extends ExtensionId<NodeEvidence> {
    @Override
    public NodeEvidence createExtension(ActorSystem<?> system) {
      return new NodeEvidence();
    }
  }
}
