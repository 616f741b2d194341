package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A process of its own that uses a home's shared server, for {@link SharedPostgresIT}: as a second command, a
 * process to kill, another account, or an earlier version's upgrade.
 *
 * <p>Arguments: the home, the data root, the idle grace in seconds, then {@code hold} (attach, report, and stay until
 * standard input closes) or {@code sql STATEMENT} (attach, run it, print the first column of each row, leave). Each
 * notice is printed as {@code notice: …}; the report is {@code attached postmaster=P port=N keeper=K inside=B}.
 */
final class SharedServerProbe {
    private SharedServerProbe() {}

    public static void main(String[] args) throws IOException, SQLException {
        SharedPostgres.Settings settings = SharedPostgres.Settings.of(Path.of(args[0]))
                .withDataRoot(Path.of(args[1]))
                .withIdleGrace(Duration.ofSeconds(Long.parseLong(args[2])));
        try (SharedPostgres.Attachment attachment = SharedPostgres.attach(
                settings,
                SharedPostgres.Role.COMMAND,
                "probe " + args[3],
                notice -> System.out.println("notice: " + notice))) {
            System.out.println("attached postmaster=" + attachment.server().postmasterPid() + " port="
                    + attachment.server().port() + " keeper="
                    + attachment.server().keeperPid() + " inside="
                    + attachment.location().insideHome() + " cluster="
                    + attachment.location().clusterDirectory());
            System.out.flush();
            if (args[3].equals("hold")) {
                while (System.in.read() >= 0) {
                    // Holds the server until standard input closes, or SIGKILL.
                }
                return;
            }
            try (Connection connection = DriverManager.getConnection(
                            attachment.jdbcUrl(SharedPostgres.DATABASE), attachment.user(), attachment.password());
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(args[4])) {
                while (rows.next()) {
                    System.out.println("row: " + rows.getString(1));
                }
            }
        } catch (LocalPostgresException e) {
            System.out.println("failed: " + e.getMessage());
            System.exit(3);
        }
    }
}
