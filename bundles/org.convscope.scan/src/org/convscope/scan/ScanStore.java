package org.convscope.scan;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.keras.ReceptiveField;
import org.convscope.core.text.MessageBundles;
import org.sqlite.SQLiteConfig;

/**
 * A scan's results in one SQLite file that any SQLite client reads (the tables are described in
 * the README). The scanner writes each batch in one transaction together with the number of
 * images done, so the file always holds the state after some whole batch: a scan killed at any
 * moment continues from there. A store is made for one model, layer list, K, preprocessing and
 * image set (its manifest); opening it for others is refused and changes nothing.
 */
public final class ScanStore implements AutoCloseable {

    /** The manifest's format key and value: this layout of the tables. */
    static final String FORMAT_KEY = "format";
    static final String FORMAT = "convscope-scan-1";
    /** The manifest key holding how many images, in set order, the store has. */
    static final String DONE_KEY = "done";

    private static final String[] SCHEMA = {
            "CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE images (image INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, predicted INTEGER,"
                    + " score REAL)",
            "CREATE TABLE layers (layer TEXT PRIMARY KEY, position INTEGER NOT NULL, height INTEGER NOT NULL,"
                    + " width INTEGER NOT NULL, channels INTEGER NOT NULL, field_start_y REAL, field_jump_y REAL,"
                    + " field_size_y REAL, field_start_x REAL, field_jump_x REAL, field_size_x REAL)",
            "CREATE TABLE channel_stats (layer TEXT NOT NULL, channel INTEGER NOT NULL, count INTEGER NOT NULL,"
                    + " sum REAL NOT NULL, sum_squares REAL NOT NULL, max REAL NOT NULL, zeros INTEGER NOT NULL,"
                    + " PRIMARY KEY (layer, channel))",
            "CREATE TABLE top_examples (layer TEXT NOT NULL, channel INTEGER NOT NULL, rank INTEGER NOT NULL,"
                    + " image TEXT NOT NULL, score REAL NOT NULL, y INTEGER NOT NULL, x INTEGER NOT NULL,"
                    + " crop_top INTEGER NOT NULL, crop_left INTEGER NOT NULL, crop_bottom INTEGER NOT NULL,"
                    + " crop_right INTEGER NOT NULL, PRIMARY KEY (layer, channel, rank))",
            "CREATE TABLE class_stats (layer TEXT NOT NULL, class INTEGER NOT NULL, channel INTEGER NOT NULL,"
                    + " images INTEGER NOT NULL, sum_of_means REAL NOT NULL, PRIMARY KEY (layer, class, channel))" };

    private final Path file;
    private final Connection db;
    private int done;

    private ScanStore(Path file, Connection db, int done) {
        this.file = file;
        this.db = db;
        this.done = done;
    }

    /**
     * Opens a store to read.
     *
     * @throws IOException naming the file when it is missing or not a scan store
     */
    public static ScanStore read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(MessageBundles.bind(Messages.storeMissing, file));
        }
        Connection db = connect(file, true);
        try {
            Map<String, String> m = manifest(db, file);
            return new ScanStore(file, db, Integer.parseInt(m.getOrDefault(DONE_KEY, "0")));
        } catch (IOException | RuntimeException e) {
            close(db);
            throw e;
        }
    }

    /**
     * Opens a store to write a scan into, making it when it is not there.
     *
     * @param identity what the scan is (model hash, layers, K, preprocessing, images): a store made
     *                 for another is refused
     * @param info     further manifest entries (model file, batch size) that do not decide results
     * @throws IOException naming the file when it is not a scan store, or when it holds another scan
     *                     (with the first difference)
     */
    public static ScanStore openForScan(Path file, Map<String, String> identity, Map<String, String> info)
            throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        Connection db = connect(file, false);
        try {
            if (fresh) {
                create(db, file, identity, info);
                return new ScanStore(file, db, 0);
            }
            Map<String, String> m = manifest(db, file);
            for (Map.Entry<String, String> e : identity.entrySet()) {
                String had = m.get(e.getKey());
                if (!e.getValue().equals(had)) {
                    throw new IOException(MessageBundles.bind(Messages.storeOtherScan, file, e.getKey(), had,
                            e.getValue()));
                }
            }
            return new ScanStore(file, db, Integer.parseInt(m.getOrDefault(DONE_KEY, "0")));
        } catch (IOException | RuntimeException e) {
            close(db);
            throw e;
        }
    }

    private static Connection connect(Path file, boolean readOnly) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(10_000);
        if (!readOnly) {
            // WAL: a batch's commit appends to the log; a killed process leaves the last commit intact
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        }
        try {
            return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new IOException(MessageBundles.bind(Messages.storeCannotOpen, file, e.getMessage()), e);
        }
    }

    private static void create(Connection db, Path file, Map<String, String> identity, Map<String, String> info)
            throws IOException {
        try (Statement s = db.createStatement()) {
            db.setAutoCommit(false);
            for (String sql : SCHEMA) {
                s.executeUpdate(sql);
            }
            try (PreparedStatement p = db.prepareStatement("INSERT INTO manifest VALUES (?, ?)")) {
                Map<String, String> all = new LinkedHashMap<>();
                all.put(FORMAT_KEY, FORMAT);
                all.putAll(identity);
                all.putAll(info);
                all.put(DONE_KEY, "0");
                for (Map.Entry<String, String> e : all.entrySet()) {
                    p.setString(1, e.getKey());
                    p.setString(2, e.getValue());
                    p.addBatch();
                }
                p.executeBatch();
            }
            db.commit();
        } catch (SQLException e) {
            throw new IOException(MessageBundles.bind(Messages.storeCannotWrite, file, e.getMessage()), e);
        }
    }

    private static Map<String, String> manifest(Connection db, Path file) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT key, value FROM manifest")) {
            while (r.next()) {
                m.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            throw new IOException(MessageBundles.bind(Messages.storeNotOurs, file, e.getMessage()), e);
        }
        if (!FORMAT.equals(m.get(FORMAT_KEY))) {
            throw new IOException(MessageBundles.bind(Messages.storeNotOurs, file, m.get(FORMAT_KEY)));
        }
        return m;
    }

    /** @return the store's file */
    public Path file() {
        return file;
    }

    /** @return how many images, in the set's order, the store holds */
    public int done() {
        return done;
    }

    /** @return the manifest: what the scan is, and how far it got */
    public Map<String, String> manifest() throws IOException {
        return manifest(db, file);
    }

    /** @return the layers scanned, in the order asked */
    public List<String> layers() throws IOException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT layer FROM layers ORDER BY position")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /**
     * The tallies as the last whole batch left them, to continue from.
     *
     * @param k the top-K's K
     * @return layer → tally, in the order asked; empty before the first batch
     */
    Map<String, LayerTally> tallies(int k) throws IOException {
        Map<String, LayerTally> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT layer, height, width, channels, field_start_y, field_jump_y,"
                    + " field_size_y, field_start_x, field_jump_x, field_size_x FROM layers ORDER BY position")) {
                while (r.next()) {
                    ReceptiveField f = null;
                    r.getDouble(5);
                    if (!r.wasNull()) {
                        f = new ReceptiveField(new ReceptiveField.Axis(r.getDouble(5), r.getDouble(6), r.getDouble(7)),
                                new ReceptiveField.Axis(r.getDouble(8), r.getDouble(9), r.getDouble(10)));
                    }
                    out.put(r.getString(1),
                            new LayerTally(r.getString(1), r.getInt(2), r.getInt(3), r.getInt(4), f, k));
                }
            }
            try (ResultSet r = s.executeQuery(
                    "SELECT layer, channel, count, sum, sum_squares, max, zeros FROM channel_stats")) {
                while (r.next()) {
                    LayerTally t = out.get(r.getString(1));
                    int c = r.getInt(2);
                    t.count[c] = r.getLong(3);
                    t.sum[c] = r.getDouble(4);
                    t.sumSquares[c] = r.getDouble(5);
                    t.max[c] = r.getDouble(6);
                    t.zeros[c] = r.getLong(7);
                }
            }
            try (ResultSet r = s.executeQuery("SELECT layer, channel, image, score, y, x, crop_top, crop_left,"
                    + " crop_bottom, crop_right FROM top_examples ORDER BY layer, channel, rank")) {
                while (r.next()) {
                    out.get(r.getString(1)).top[r.getInt(2)].offer(new Example(r.getString(3), (float) r.getDouble(4),
                            r.getInt(5), r.getInt(6),
                            new int[] { r.getInt(7), r.getInt(8), r.getInt(9), r.getInt(10) }));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT layer, class, channel, images, sum_of_means FROM class_stats")) {
                while (r.next()) {
                    LayerTally t = out.get(r.getString(1));
                    t.classSums.computeIfAbsent(r.getInt(2), c -> new double[t.channels])[r.getInt(3)] = r.getDouble(5);
                    t.classImages.computeIfAbsent(r.getInt(2), c -> new long[1])[0] = r.getLong(4);
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        out.values().forEach(LayerTally::clean);
        return out;
    }

    /**
     * One scanned image.
     *
     * @param index     its position in the set
     * @param name      its name
     * @param predicted its predicted class, -1 for none
     * @param score     the predicted class's score
     */
    record ImageRow(int index, String name, int predicted, float score) implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    /**
     * Writes one batch, in one transaction: its images, what changed in the tallies, and the new
     * number of images done.
     *
     * @param images       the batch's images
     * @param tallies      every layer's tally after the batch
     * @param newDone      the images done after it
     * @param beforeCommit runs inside the transaction, after every row is written (a test stops the
     *                     scan there: nothing of the batch may remain)
     * @throws IOException naming the store when it cannot be written, or another scan wrote to it
     *                     meanwhile
     */
    void commit(List<ImageRow> images, List<LayerTally> tallies, int newDone, Runnable beforeCommit)
            throws IOException {
        try {
            db.setAutoCommit(false);
            try (PreparedStatement p = db.prepareStatement(
                    "UPDATE manifest SET value = ? WHERE key = '" + DONE_KEY + "' AND value = ?")) {
                p.setString(1, Integer.toString(newDone));
                p.setString(2, Integer.toString(done));
                if (p.executeUpdate() != 1) {
                    throw new IOException(MessageBundles.bind(Messages.storeChanged, file));
                }
            }
            writeImages(images);
            if (done == 0) {
                writeLayers(tallies);
            }
            writeTallies(tallies);
            beforeCommit.run();
            db.commit();
            done = newDone;
            tallies.forEach(LayerTally::clean);
        } catch (SQLException e) {
            rollback();
            throw failure(e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
    }

    private void writeImages(List<ImageRow> images) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO images VALUES (?, ?, ?, ?)")) {
            for (ImageRow i : images) {
                p.setInt(1, i.index());
                p.setString(2, i.name());
                if (i.predicted() < 0) {
                    p.setNull(3, Types.INTEGER);
                    p.setNull(4, Types.REAL);
                } else {
                    p.setInt(3, i.predicted());
                    p.setDouble(4, i.score());
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private void writeLayers(List<LayerTally> tallies) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "INSERT INTO layers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (LayerTally t : tallies) {
                p.setString(1, t.layer);
                p.setInt(2, position++);
                p.setInt(3, t.height);
                p.setInt(4, t.width);
                p.setInt(5, t.channels);
                ReceptiveField f = t.field;
                double[] v = f == null
                        ? null
                        : new double[] { f.y().start(), f.y().jump(), f.y().size(), f.x().start(), f.x().jump(),
                                f.x().size() };
                for (int i = 0; i < 6; i++) {
                    if (v == null) {
                        p.setNull(6 + i, Types.REAL);
                    } else {
                        p.setDouble(6 + i, v[i]);
                    }
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private void writeTallies(List<LayerTally> tallies) throws SQLException {
        try (PreparedStatement stats = db
                .prepareStatement("INSERT OR REPLACE INTO channel_stats VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement dropTop = db.prepareStatement(
                        "DELETE FROM top_examples WHERE layer = ? AND channel = ?");
                PreparedStatement top = db.prepareStatement(
                        "INSERT INTO top_examples VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement cls = db
                        .prepareStatement("INSERT OR REPLACE INTO class_stats VALUES (?, ?, ?, ?, ?)")) {
            for (LayerTally t : tallies) {
                for (int c = 0; c < t.channels; c++) {
                    stats.setString(1, t.layer);
                    stats.setInt(2, c);
                    stats.setLong(3, t.count[c]);
                    stats.setDouble(4, t.sum[c]);
                    stats.setDouble(5, t.sumSquares[c]);
                    stats.setDouble(6, t.max[c]);
                    stats.setLong(7, t.zeros[c]);
                    stats.addBatch();
                }
                for (int c = t.topChanged.nextSetBit(0); c >= 0; c = t.topChanged.nextSetBit(c + 1)) {
                    dropTop.setString(1, t.layer);
                    dropTop.setInt(2, c);
                    dropTop.addBatch();
                    int rank = 0;
                    for (Example e : t.top[c].examples()) {
                        int[] crop = e.crop();
                        top.setString(1, t.layer);
                        top.setInt(2, c);
                        top.setInt(3, rank++);
                        top.setString(4, e.image());
                        top.setDouble(5, e.score());
                        top.setInt(6, e.y());
                        top.setInt(7, e.x());
                        for (int i = 0; i < 4; i++) {
                            top.setInt(8 + i, crop[i]);
                        }
                        top.addBatch();
                    }
                }
                for (int k : t.classesChanged) {
                    double[] sums = t.classSums.get(k);
                    for (int c = 0; c < t.channels; c++) {
                        cls.setString(1, t.layer);
                        cls.setInt(2, k);
                        cls.setInt(3, c);
                        cls.setLong(4, t.classImages.get(k)[0]);
                        cls.setDouble(5, sums[c]);
                        cls.addBatch();
                    }
                }
            }
            stats.executeBatch();
            dropTop.executeBatch();
            top.executeBatch();
            cls.executeBatch();
        }
    }

    /**
     * @param layer a layer of the scan
     * @return its channels, best first ({@link ChannelSummary#BEST_FIRST})
     * @throws AnalysisException naming the layers there are when the store has no such layer (the
     *                           caller names the store)
     */
    public List<ChannelSummary> channels(String layer) throws IOException {
        Map<String, LayerTally> all = tallies(Integer.MAX_VALUE);
        LayerTally t = all.get(layer);
        if (t == null) {
            throw new AnalysisException(MessageBundles.bind(Messages.storeNoLayer, layer,
                    String.join(", ", all.keySet())));
        }
        List<ChannelSummary> out = new ArrayList<>();
        for (int c = 0; c < t.channels; c++) {
            out.add(t.summary(c));
        }
        out.sort(ChannelSummary.BEST_FIRST);
        return out;
    }

    /**
     * @param layer a layer of the scan
     * @return predicted class → per channel the mean over that class's images of the channel's
     *         mean; empty for a model that is no classifier
     */
    public Map<Integer, double[]> classMeans(String layer) throws IOException {
        LayerTally t = tallies(0).get(layer);
        Map<Integer, double[]> out = new LinkedHashMap<>();
        if (t != null) {
            t.classSums.forEach((k, sums) -> {
                double n = t.classImages.get(k)[0];
                double[] means = new double[sums.length];
                for (int c = 0; c < sums.length; c++) {
                    means[c] = sums[c] / n;
                }
                out.put(k, means);
            });
        }
        return out;
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException e) {
            // the connection is gone; SQLite rolls the transaction back when the file is next opened
        }
    }

    private IOException failure(SQLException e) {
        return new IOException(MessageBundles.bind(Messages.storeCannotWrite, file, e.getMessage()), e);
    }

    private static void close(Connection db) {
        try {
            db.close();
        } catch (SQLException e) {
            // closing after a failure: the failure is what the person needs to see
        }
    }

    @Override
    public void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }
}
