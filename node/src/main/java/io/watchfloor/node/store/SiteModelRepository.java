package io.watchfloor.node.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The newest site model of each site (one row per site), so a restarted node, or another node of
 * the site, hands it to new hosts without pooling and training again.
 */
public final class SiteModelRepository {

  /**
   * A stored site model. The byte array stays with the site model keeper that reads or writes it.
   *
   * @param model {@code SiteModel.toBytes()}
   * @param windows windows it was trained on
   * @param hosts distinct hosts those windows came from
   */
  public record StoredSiteModel(byte[] model, long windows, int hosts, Instant trainedAt) {}

  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement select;

  public SiteModelRepository(CqlSession session, String keyspace) {
    this.session = session;
    insert = session.prepare(
        "INSERT INTO " + keyspace + ".site_models (site, model, windows, hosts, trained_at) VALUES (?, ?, ?, ?, ?)");
    select = session.prepare(
        "SELECT model, windows, hosts, trained_at FROM " + keyspace + ".site_models WHERE site = ?");
  }

  public CompletionStage<Void> save(String site, StoredSiteModel m) {
    return session.executeAsync(insert.bind(site, ByteBuffer.wrap(m.model()), m.windows(), m.hosts(), m.trainedAt()))
        .thenApply(rs -> null);
  }

  public CompletionStage<Optional<StoredSiteModel>> load(String site) {
    return session.executeAsync(select.bind(site))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(SiteModelRepository::toModel));
  }

  private static StoredSiteModel toModel(Row r) {
    ByteBuffer buf = r.getByteBuffer(0);
    byte[] bytes = new byte[buf == null ? 0 : buf.remaining()];
    if (buf != null) {
      buf.duplicate().get(bytes);
    }
    return new StoredSiteModel(bytes, r.getLong(1), r.getInt(2), r.getInstant(3));
  }
}
