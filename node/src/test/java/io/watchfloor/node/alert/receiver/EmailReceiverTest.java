package io.watchfloor.node.alert.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.watchfloor.node.alert.TestNotifications;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E-mail through a real SMTP server (GreenMail) on loopback. */
class EmailReceiverTest {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final SmtpSender sender = new SmtpSender(pool, Duration.ofSeconds(5), Map.of("SMTP_PASSWORD", "s3cret")::get);
  private GreenMail mail;

  @BeforeEach
  void startSmtp() {
    mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    mail.setUser("watchfloor@example.org", "watchfloor", "s3cret");
  }

  @AfterEach
  void stop() {
    mail.stop();
    pool.shutdownNow();
  }

  private EmailIntegration integration(String passwordEnv) {
    return new EmailIntegration(List.of("soc@example.org", "oncall@example.org"), "watchfloor@example.org",
        "127.0.0.1:" + mail.getSmtp().getPort(), "watchfloor", passwordEnv, false);
  }

  @Test
  void shouldMailTheAlertWithLinksAndThreadByGroup() throws Exception {
    Notification n = TestNotifications.firing("soc-mail", 4);
    DeliveryOutcome o = sender.send(integration("SMTP_PASSWORD"), n).toCompletableFuture().get();
    assertThat(o.kind()).as(String.valueOf(o.error())).isEqualTo(DeliveryOutcome.Kind.DELIVERED);
    assertThat(mail.waitForIncomingEmail(5_000, 2)).isTrue();
    MimeMessage m = mail.getReceivedMessages()[0];
    assertThat(m.getSubject()).isEqualTo("[FIRING] port_scan from 10.0.0.4 on hq [high]");
    assertThat(m.getFrom()[0].toString()).isEqualTo("watchfloor@example.org");
    assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("soc@example.org", "oncall@example.org");
    String body = (String) m.getContent();
    assertThat(body).contains("probed 120 ports", "rule.name = port_scan", n.lead().anomalyUrl(), n.lead().pcapUrl());
    assertThat(m.getHeader("X-Watchfloor-Group-Key")[0]).isEqualTo(n.groupKey());

    sender.send(integration("SMTP_PASSWORD"), TestNotifications.of("soc-mail", 4, Notification.Status.RESOLVED))
        .toCompletableFuture().get();
    assertThat(mail.waitForIncomingEmail(5_000, 4)).isTrue();
    MimeMessage resolved = null;
    for (MimeMessage r : mail.getReceivedMessages()) {
      if (r.getSubject().startsWith("[RESOLVED]")) {
        resolved = r;
      }
    }
    assertThat(resolved).isNotNull();
    assertThat(resolved.getHeader("In-Reply-To")[0]).isEqualTo(m.getHeader("In-Reply-To")[0]);
    assertThat(resolved.getMessageID()).isNotEqualTo(m.getMessageID());
  }

  @Test
  void shouldRetryWhenTheServerIsDown() throws Exception {
    EmailIntegration down = new EmailIntegration(List.of("soc@example.org"), "watchfloor@example.org",
        "127.0.0.1:1", "", "", false);
    DeliveryOutcome o = sender.send(down, TestNotifications.firing("soc-mail", 1)).toCompletableFuture().get();
    assertThat(o.kind()).isEqualTo(DeliveryOutcome.Kind.RETRY);
    assertThat(o.error()).startsWith("email smtp://127.0.0.1:1");
  }

  @Test
  void shouldRejectAnUnparsableAddressForGood() throws Exception {
    EmailIntegration bad = new EmailIntegration(List.of("not an address"), "watchfloor@example.org",
        "127.0.0.1:" + mail.getSmtp().getPort(), "", "", false);
    DeliveryOutcome o = sender.send(bad, TestNotifications.firing("soc-mail", 1)).toCompletableFuture().get();
    assertThat(o.kind()).isEqualTo(DeliveryOutcome.Kind.REJECTED);
  }
}
