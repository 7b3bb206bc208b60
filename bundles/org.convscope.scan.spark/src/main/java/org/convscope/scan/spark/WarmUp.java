package org.convscope.scan.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.convscope.core.text.MessageBundles;

/**
 * The training run of the job's class-data-sharing archive, made when the job is built (the
 * module's pom runs it through the command line's {@code JobArchive}, which also picks the archive
 * at run time): Spark started as the scan starts it ({@link SparkScan#conf}) and two rounds of a
 * job shaped like the scan's, one partition a part, the parts serialised out by a method reference
 * and their results collected back in order, one of them larger than what Spark returns with a
 * task's status (as a scan's part of many channels is), so that the archive holds the classes Spark
 * loads for a scan. It runs no engine: ND4J is on the job's class path only after the job's own
 * jars (the product's copy), and the archive this run records can hold only classes of the class
 * path's part that every run of the job shares.
 */
public final class WarmUp {

    /** A result larger than Spark's default {@code spark.task.maxDirectResultSize} (1 MiB). */
    static final int LARGE = 3 << 20;
    static final int SMALL = 4 << 10;
    static final int ROUNDS = 2;

    /** One partition's work. */
    record Part(int index, int bytes) implements Serializable {

        byte[] run() {
            byte[] result = new byte[bytes];
            result[bytes - 1] = (byte) index;
            return result;
        }
    }

    private WarmUp() {
    }

    /** {@code WarmUp [MASTER]}: exits with 0 when every round returned what it should. */
    public static void main(String[] args) {
        String master = args.length > 0 ? args[0] : "local[2]";
        try (JavaSparkContext spark = new JavaSparkContext(SparkScan.conf(Messages.warmUpAppName, master))) {
            int n = Math.max(2, spark.defaultParallelism());
            for (int round = 0; round < ROUNDS; round++) {
                List<Part> parts = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    parts.add(new Part(i, i == 0 ? LARGE : SMALL));
                }
                List<byte[]> results = spark.parallelize(parts, n).map(Part::run).collect();
                for (int i = 0; i < n; i++) {
                    byte[] r = results.get(i);
                    if (r.length != parts.get(i).bytes() || r[r.length - 1] != (byte) i) {
                        throw new IllegalStateException(MessageBundles.bind(Messages.warmUpWrong, i, r.length));
                    }
                }
            }
        }
    }
}
