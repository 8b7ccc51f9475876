package io.platform.audit.maintenance;

import io.platform.audit.domain.AuditRecord;
import io.platform.audit.domain.ChainHead;
import io.platform.audit.domain.HashChain;
import io.platform.audit.persistence.AuditRows;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Retention jobs of the audit trail, run as the maintenance role (never as the service's runtime role):
 * <pre>
 * java -jar audit-service.jar archive --older-than 365d --archive-dir /var/lib/audit-archive \
 *      [--jdbc-url jdbc:postgresql://localhost:15432/audit] [--user audit_maintainer] [--password ...]
 * java -jar audit-service.jar verify-archives --archive-dir /var/lib/audit-archive [--jdbc-url ...] [--user ...]
 * </pre>
 * {@code archive}: per chain, the rows recorded before now − age (a prefix of the chain in seq order) are written to a
 * gzip JSON Lines file (fsynced, then moved in place), and in one transaction an anchor (last archived seq and hash,
 * file name, file SHA-256) is inserted and exactly those rows are deleted. The rows left in the table then start at the
 * anchor, so {@code GET /api/v1/audit/verify} keeps checking the chain across the cut.
 * {@code verify-archives}: re-walks every chain through its archive files in anchor order (from genesis), checks each
 * file's SHA-256 and that each file ends at its anchor.
 *
 * <p>Environment defaults: {@code AUDIT_MAINTENANCE_JDBC_URL}, {@code AUDIT_MAINTENANCE_USER} (audit_maintainer),
 * {@code AUDIT_MAINTAINER_PASSWORD}, {@code AUDIT_ARCHIVE_DIR}.
 */
public final class AuditMaintenance {

    private static final Pattern AGE = Pattern.compile("(\\d+)([smhd])");

    private AuditMaintenance() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && (args[0].equals("archive") || args[0].equals("verify-archives"));
    }

    /** Runs a command; returns the process exit code. */
    public static int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("audit-service " + (args.length > 0 ? args[0] : "") + ": " + e.getMessage());
            System.err.println(Options.USAGE);
            return 2;
        }
        try (Connection connection = DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password())) {
            if (options.command().equals("archive")) {
                ArchiveReport report = archive(connection, options.archiveDir(), Instant.now().minus(options.olderThan()));
                System.out.println(report);
                return 0;
            }
            ArchiveVerification verification = verifyArchives(connection, options.archiveDir());
            System.out.println(verification);
            return verification.intact() ? 0 : 1;
        } catch (SQLException | IOException | RuntimeException e) {
            System.err.println("audit-service " + options.command() + " failed: " + e);
            return 1;
        }
    }

    /** What one archive run moved. */
    public record ArchiveReport(Instant cutoff, List<String> files, long rows) {
    }

    /** Moves every row recorded before {@code cutoff} into archive files under {@code directory}. */
    public static ArchiveReport archive(Connection connection, Path directory, Instant cutoff) throws SQLException, IOException {
        connection.setAutoCommit(false);
        List<String> chains = new ArrayList<>();
        try (PreparedStatement due = connection.prepareStatement(
                "select distinct chain from audit_event where recorded_at < ? order by chain")) {
            due.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = due.executeQuery()) {
                while (rows.next()) {
                    chains.add(rows.getString(1));
                }
            }
        }
        connection.commit();
        List<String> files = new ArrayList<>();
        long total = 0;
        for (String chain : chains) {
            try {
                long moved = archiveChain(connection, directory, cutoff, chain, files);
                connection.commit();
                total += moved;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return new ArchiveReport(cutoff, List.copyOf(files), total);
    }

    private static long archiveChain(Connection connection, Path directory, Instant cutoff, String chain, List<String> files)
            throws SQLException, IOException {
        long lastDue = single(connection, "select max(seq) from audit_event where chain = ? and recorded_at < ?", chain, cutoff);
        long firstSeq = single(connection, "select min(seq) from audit_event where chain = ?", chain, null);
        if (lastDue < firstSeq) {
            return 0;
        }
        String name = ArchiveFiles.fileName(chain, firstSeq, lastDue);
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        MessageDigest sha256 = ArchiveFiles.sha256();
        long written = 0;
        AuditRecord last = null;
        try (OutputStream raw = Files.newOutputStream(partial);
             DigestOutputStream digesting = new DigestOutputStream(raw, sha256);
             GZIPOutputStream gzip = new GZIPOutputStream(digesting, 1 << 16);
             BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
             PreparedStatement rows = connection.prepareStatement(
                     "select " + AuditRows.COLUMNS + " from audit_event where chain = ? and seq between ? and ? order by seq")) {
            rows.setFetchSize(2000);
            rows.setString(1, chain);
            rows.setLong(2, firstSeq);
            rows.setLong(3, lastDue);
            try (ResultSet row = rows.executeQuery()) {
                while (row.next()) {
                    AuditRecord record = AuditRows.map(row, 0);
                    if (record.seq() != firstSeq + written) {
                        throw new IllegalStateException("chain " + chain + " has a gap before seq " + record.seq()
                                + ": run GET /api/v1/audit/verify, nothing was archived");
                    }
                    writer.write(ArchiveFiles.line(record));
                    writer.write('\n');
                    written++;
                    last = record;
                }
            }
        }
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        String fileSha = HexFormat.of().formatHex(sha256.digest());
        try (PreparedStatement anchor = connection.prepareStatement(
                "insert into audit_chain_anchor (chain, seq, hash, first_seq, rows, archive_file, archive_sha256, cutoff,"
                        + " archived_at) values (?, ?, ?, ?, ?, ?, ?, ?, now())")) {
            anchor.setString(1, chain);
            anchor.setLong(2, last.seq());
            anchor.setBytes(3, last.hash());
            anchor.setLong(4, firstSeq);
            anchor.setLong(5, written);
            anchor.setString(6, name);
            anchor.setString(7, fileSha);
            anchor.setObject(8, cutoff.atOffset(ZoneOffset.UTC));
            anchor.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from audit_event where chain = ? and seq between ? and ?")) {
            delete.setString(1, chain);
            delete.setLong(2, firstSeq);
            delete.setLong(3, lastDue);
            int deleted = delete.executeUpdate();
            if (deleted != written) {
                throw new IllegalStateException("chain " + chain + ": deleted " + deleted + " rows but archived " + written);
            }
        }
        files.add(name);
        return written;
    }

    /** The result of re-walking the archive files. */
    public record ArchiveVerification(boolean intact, int files, long rows, List<String> problems,
                                      Map<String, String> lastHashByChain) {
    }

    /** Re-walks every chain through its archive files, from genesis, in anchor order. */
    public static ArchiveVerification verifyArchives(Connection connection, Path directory) throws SQLException {
        record Anchor(String chain, long seq, byte[] hash, long firstSeq, String file, String sha256) {
        }
        List<Anchor> anchors = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select chain, seq, hash, first_seq, archive_file, archive_sha256 from audit_chain_anchor order by chain, seq");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                anchors.add(new Anchor(row.getString(1), row.getLong(2), row.getBytes(3), row.getLong(4), row.getString(5),
                        row.getString(6)));
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, ChainHead> heads = new LinkedHashMap<>();
        long[] rows = {0};
        for (Anchor anchor : anchors) {
            ChainHead head = heads.getOrDefault(anchor.chain(), ChainHead.genesis(anchor.chain()));
            if (anchor.firstSeq() != head.seq() + 1) {
                problems.add(anchor.file() + ": starts at seq " + anchor.firstSeq() + ", expected " + (head.seq() + 1));
            }
            Path file = directory.resolve(anchor.file());
            if (!Files.isRegularFile(file)) {
                problems.add(anchor.file() + ": missing");
                heads.put(anchor.chain(), new ChainHead(anchor.chain(), anchor.seq(), anchor.hash()));
                continue;
            }
            ChainHead[] walking = {head};
            String[] firstProblem = {null};
            String sha = ArchiveFiles.read(file, record -> {
                rows[0]++;
                if (firstProblem[0] != null) {
                    return;
                }
                ChainHead previous = walking[0];
                byte[] expected = HashChain.hash(record.prevHash(),
                        HashChain.canonicalBytes(record.chain(), record.seq(), record.event()));
                if (!record.chain().equals(anchor.chain()) || record.seq() != previous.seq() + 1) {
                    firstProblem[0] = "seq " + record.seq() + " does not follow seq " + previous.seq();
                } else if (!Arrays.equals(record.prevHash(), previous.hash())) {
                    firstProblem[0] = "seq " + record.seq() + ": previous hash does not match";
                } else if (!Arrays.equals(expected, record.hash())) {
                    firstProblem[0] = "seq " + record.seq() + ": content does not hash to its stored hash";
                }
                walking[0] = record.asHead();
            });
            if (!sha.equals(anchor.sha256())) {
                problems.add(anchor.file() + ": SHA-256 " + sha + " differs from the anchor's " + anchor.sha256());
            }
            if (firstProblem[0] != null) {
                problems.add(anchor.file() + ": " + firstProblem[0]);
            } else if (walking[0].seq() != anchor.seq() || !Arrays.equals(walking[0].hash(), anchor.hash())) {
                problems.add(anchor.file() + ": ends at seq " + walking[0].seq() + ", not at its anchor " + anchor.seq());
            }
            heads.put(anchor.chain(), new ChainHead(anchor.chain(), anchor.seq(), anchor.hash()));
        }
        Map<String, String> last = new LinkedHashMap<>();
        heads.forEach((chain, head) -> last.put(chain, head.seq() + ":" + HashChain.hex(head.hash())));
        return new ArchiveVerification(problems.isEmpty(), anchors.size(), rows[0], List.copyOf(problems), last);
    }

    private static long single(Connection connection, String sql, String chain, Instant at) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, chain);
            if (at != null) {
                statement.setObject(2, at.atOffset(ZoneOffset.UTC));
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                long value = row.getLong(1);
                return row.wasNull() ? -1 : value;
            }
        }
    }

    static Duration parseAge(String text) {
        Matcher matcher = AGE.matcher(text.trim());
        if (!matcher.matches()) {
            try {
                return Duration.parse(text.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--older-than must be like 365d, 12h, 30m, 0s or an ISO-8601 duration");
            }
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** Command-line options, with environment defaults. */
    record Options(String command, String jdbcUrl, String user, String password, Path archiveDir, Duration olderThan) {

        static final String USAGE = """
                usage: java -jar audit-service.jar archive --older-than <age: 365d|12h|0s> --archive-dir <dir> \
                [--jdbc-url <url>] [--user <maintenance role>] [--password <password>]
                       java -jar audit-service.jar verify-archives --archive-dir <dir> [--jdbc-url <url>] [--user <role>]""";

        static Options parse(String[] args) {
            String command = args[0];
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + arg);
                }
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    values.put(arg.substring(2, eq), arg.substring(eq + 1));
                } else if (i + 1 < args.length) {
                    values.put(arg.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("missing value for " + arg);
                }
            }
            for (String name : values.keySet()) {
                if (!List.of("older-than", "archive-dir", "jdbc-url", "user", "password").contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            String jdbcUrl = values.getOrDefault("jdbc-url",
                    env("AUDIT_MAINTENANCE_JDBC_URL", "jdbc:postgresql://localhost:15432/audit"));
            String user = values.getOrDefault("user", env("AUDIT_MAINTENANCE_USER", "audit_maintainer"));
            String password = values.getOrDefault("password", env("AUDIT_MAINTAINER_PASSWORD", ""));
            String directory = values.getOrDefault("archive-dir", env("AUDIT_ARCHIVE_DIR", null));
            if (directory == null || directory.isBlank()) {
                throw new IllegalArgumentException("--archive-dir is required");
            }
            Duration olderThan = null;
            if (command.equals("archive")) {
                String age = values.get("older-than");
                if (age == null) {
                    throw new IllegalArgumentException("--older-than is required");
                }
                olderThan = parseAge(age);
                if (olderThan.isNegative()) {
                    throw new IllegalArgumentException("--older-than must not be negative");
                }
            }
            return new Options(command, jdbcUrl, user, password, Path.of(directory), olderThan);
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
