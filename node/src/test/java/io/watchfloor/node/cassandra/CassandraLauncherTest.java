package io.watchfloor.node.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.watchfloor.node.testing.SharedCassandra;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedCassandra.class)
class CassandraLauncherTest {

    @Test
    void answersRealCql() {
        assertThat(SharedCassandra.contactPoint()).isEqualTo("127.0.0.1:9042");
        try (CqlSession session = SharedCassandra.newSession()) {
            Row row = session.execute("SELECT release_version FROM system.local").one();
            assertThat(row).isNotNull();
            assertThat(row.getString("release_version")).startsWith("5.0");
        }
    }

    @Test
    void secondEnsureRunningReusesTheServer() {
        LaunchResult shared = SharedCassandra.launchResult();
        CassandraLauncher launcher = CassandraLauncher.create(SharedCassandra.settings());

        LaunchResult again = launcher.ensureRunning();

        assertThat(again.startedByUs()).isFalse();
        assertThat(again.pid()).isEqualTo(shared.pid());
        assertThat(again.contactPoint()).isEqualTo(shared.contactPoint());
        assertThat(launcher.status().running()).isTrue();
    }

    @Test
    void missingClasspathFileFailsClearlyWithoutStartingAnything(@TempDir Path tmp) throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        LauncherSettings settings = new LauncherSettings(tmp.resolve("work"), "127.0.0.1", freePort, 7999,
                "256m", tmp.resolve("ops/target/cassandra.classpath"), Duration.ofSeconds(5));

        assertThatThrownBy(() -> CassandraLauncher.create(settings).ensureRunning())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cassandra.classpath")
                .hasMessageContaining("is missing")
                .hasMessageContaining("mvn -B -pl ops package");
        assertThat(settings.workDir().resolve("cassandra.pid")).doesNotExist();
        assertThat(settings.workDir().resolve("logs")).doesNotExist();
    }

    @Test
    void freshKeyspaceNamesAreValidAndUnique() {
        String a = SharedCassandra.freshKeyspace("Alerts-Repo Test");
        String b = SharedCassandra.freshKeyspace("Alerts-Repo Test");
        String longName = SharedCassandra.freshKeyspace("x".repeat(100));
        String digit = SharedCassandra.freshKeyspace("9lives");

        assertThat(a).matches("[a-z][a-z0-9_]*").startsWith("alerts_repo_test_").isNotEqualTo(b);
        assertThat(longName).hasSizeLessThanOrEqualTo(48).matches("[a-z][a-z0-9_]*");
        assertThat(digit).matches("[a-z][a-z0-9_]*");
    }
}
