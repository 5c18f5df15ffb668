package io.watchfloor.node.alert;

import io.watchfloor.protocol.CborSerializable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Appends alert lines to a file. Spawned on the blocking-I/O dispatcher: file writes block. Each
 * line is flushed so a reader ({@code tail -f}) and a crash both see complete lines.
 */
final class JsonLinesWriter extends AbstractBehavior<JsonLinesWriter.Command> {

  interface Command extends CborSerializable {}

  record Write(String line, ActorRef<Written> replyTo) implements Command {}

  /** @param error why the line was not written, or null */
  record Written(String error) implements CborSerializable {}

  static Behavior<Command> create(Path file) {
    return Behaviors.setup(ctx -> new JsonLinesWriter(ctx, file));
  }

  private final Path file;
  private BufferedWriter out;

  private JsonLinesWriter(ActorContext<Command> context, Path file) {
    super(context);
    this.file = file;
    try {
      open(); // an empty file means "no alerts", a missing one "not run"
    } catch (IOException e) {
      context.getLog().warn("Cannot open {}: {}; will retry on the first alert", file, e.getMessage());
    }
  }

  private void open() throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    out = Files.newBufferedWriter(
        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Write.class, this::onWrite)
        .onSignal(org.apache.pekko.actor.typed.PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onWrite(Write msg) {
    try {
      if (out == null) {
        open();
      }
      out.write(msg.line());
      out.write('\n');
      out.flush();
      msg.replyTo().tell(new Written(null));
    } catch (IOException e) {
      msg.replyTo().tell(new Written("cannot write " + file + ": " + e.getMessage()));
    }
    return this;
  }

  private Behavior<Command> onStop() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        getContext().getLog().warn("Closing {} failed: {}", file, e.getMessage());
      }
    }
    return this;
  }
}
