package io.watchfloor.node.alert.receiver;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Sends alert e-mails with Jakarta Mail (Angus). SMTP is blocking: each message is sent on the
 * executor given (the blocking-I/O dispatcher), never on an actor's thread. Refused recipients are
 * rejected for good; anything else (server down, 4xx) is retried.
 */
public final class SmtpSender implements NotificationSender {
  private final Executor executor;
  private final Duration timeout;
  private final Function<String, String> env;

  public SmtpSender(Executor executor, Duration timeout, Function<String, String> env) {
    this.executor = executor;
    this.timeout = timeout;
    this.env = env;
  }

  @Override
  public CompletionStage<DeliveryOutcome> send(Integration integration, Notification n) {
    if (!(integration instanceof EmailIntegration mail)) {
      return CompletableFuture.completedFuture(DeliveryOutcome.rejected(integration.kind() + " is not e-mail"));
    }
    return CompletableFuture.supplyAsync(() -> sendNow(mail, n), executor);
  }

  private DeliveryOutcome sendNow(EmailIntegration mail, Notification n) {
    String where = "email smtp://" + mail.smarthost();
    try {
      Session session = Session.getInstance(properties(mail));
      MimeMessage m = new MimeMessage(session) {
        @Override
        protected void updateMessageID() throws MessagingException {
          setHeader("Message-ID", EmailMessage.messageId(n));
        }
      };
      m.setFrom(new InternetAddress(mail.from(), true));
      for (String to : mail.to()) {
        m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      }
      m.setSubject(EmailMessage.subject(n), "UTF-8");
      m.setText(EmailMessage.body(n), "UTF-8");
      m.setHeader("In-Reply-To", EmailMessage.threadId(n));
      m.setHeader("References", EmailMessage.threadId(n));
      m.setHeader("X-Watchfloor-Group-Key", n.groupKey());
      m.setHeader("X-Watchfloor-Status", n.status().label());
      if (mail.authPasswordEnv().isBlank()) {
        Transport.send(m);
      } else {
        Transport.send(m, mail.authUsername(), Integration.secret(env, mail.authPasswordEnv()));
      }
      return DeliveryOutcome.delivered();
    } catch (AddressException e) {
      return DeliveryOutcome.rejected(where + ": bad address: " + e.getMessage());
    } catch (SendFailedException e) {
      Address[] invalid = e.getInvalidAddresses();
      return invalid != null && invalid.length > 0
          ? DeliveryOutcome.rejected(where + ": recipients refused")
          : DeliveryOutcome.retry(where + ": " + e.getClass().getSimpleName(), null);
    } catch (MessagingException | IllegalStateException e) {
      return DeliveryOutcome.retry(where + ": " + e.getClass().getSimpleName() + " " + firstLine(e.getMessage()), null);
    }
  }

  private Properties properties(EmailIntegration mail) {
    Properties p = new Properties();
    String ms = String.valueOf(timeout.toMillis());
    p.put("mail.smtp.host", mail.host());
    p.put("mail.smtp.port", String.valueOf(mail.port()));
    p.put("mail.smtp.connectiontimeout", ms);
    p.put("mail.smtp.timeout", ms);
    p.put("mail.smtp.writetimeout", ms);
    p.put("mail.smtp.auth", String.valueOf(!mail.authPasswordEnv().isBlank()));
    p.put("mail.smtp.starttls.enable", "true");
    p.put("mail.smtp.starttls.required", String.valueOf(mail.requireTls()));
    return p;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
