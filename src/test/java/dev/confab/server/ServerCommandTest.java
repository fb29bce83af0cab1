package dev.confab.server;

import dev.confab.app.ConfabMain;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ServerCommandTest {

    @Test
    void plainWebSocketOnANetworkAddressIsRefusedWithAReason() {
        StringWriter err = new StringWriter();
        CommandLine cli = ConfabMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("server", "--plain", "--bind", "0.0.0.0", "--port", "0");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("loopback");
    }

    @Test
    void clusterFlagsAreCheckedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine cli = ConfabMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("server", "--plain", "--bind", "127.0.0.1", "--port", "0",
                "--cluster", "redis://127.0.0.1:6379")).isEqualTo(2);
        assertThat(err.toString()).contains("--cluster and --advertise go together");
        assertThat(cli.execute("server", "--plain", "--bind", "127.0.0.1", "--port", "0",
                "--cluster", "http://127.0.0.1:6379", "--advertise", "ws://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--cluster takes redis://HOST:PORT");
        assertThat(cli.execute("server", "--plain", "--bind", "127.0.0.1", "--port", "0",
                "--cluster", "redis://127.0.0.1:6379", "--advertise", "ws://127.0.0.1:1", "--node-name", "a b")).isEqualTo(2);
        assertThat(err.toString()).contains("--node-name takes");
    }

    @Test
    void badDurationIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = ConfabMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("server", "--plain", "--bind", "127.0.0.1", "--resume-grace", "soon");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Not a duration");
    }

    @Test
    void meetingQuotaFlagsAreValidated() {
        StringWriter err = new StringWriter();
        CommandLine cli = ConfabMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("server", "--plain", "--bind", "127.0.0.1", "--port", "0",
                "--max-meetings-per-address", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("must be positive");
        assertThat(cli.execute("server", "--plain", "--bind", "127.0.0.1", "--unjoined-meeting-grace", "soon"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Not a duration");
    }

    @Test
    void transportLimitFlagsAreDocumentedAndChecked() {
        StringWriter out = new StringWriter();
        CommandLine help = ConfabMain.commandLine();
        help.setOut(new PrintWriter(out, true));
        assertThat(help.execute("server", "--help")).isZero();
        assertThat(out.toString()).contains("--handshake-timeout", "--max-connections-per-address");

        StringWriter err = new StringWriter();
        CommandLine cli = ConfabMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("server", "--plain", "--bind", "127.0.0.1", "--port", "0",
                "--max-connections-per-address", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("Connections per address");
        assertThat(cli.execute("server", "--plain", "--bind", "127.0.0.1", "--handshake-timeout", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("Not a duration");
    }
}
