package org.convscope.scan.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.convscope.core.text.MessageBundles;
import org.convscope.scan.ImageSet;
import org.convscope.scan.ScanPart;
import org.convscope.scan.Scanner;

/**
 * One partition's work, sent to an executor: the model and the images of a run of whole batches,
 * by path (a cluster's workers read them where the driver does). An executor keeps the models it
 * opened ({@link Scanner.PartWorker}: the model read, the engine's network built) for its next
 * partitions of the same scan, one per task running at a time, so it opens a model once per core,
 * not once per partition; in {@code local} mode the driver's process is the executor, and the
 * driver opens the first while Spark starts ({@link #prepare}).
 */
final class SparkPart implements Serializable {

    private static final long serialVersionUID = 1L;

    /** This JVM's idle workers, by scan ({@link #key}). */
    private static final Map<String, Deque<Scanner.PartWorker>> IDLE = new ConcurrentHashMap<>();

    private final String model;
    private final int from;
    private final Scanner.Options options;
    private final String[] names;
    private final String[] files;
    private final int[] indexes;

    SparkPart(String model, List<ImageSet.Item> items, int from, Scanner.Options options) {
        this.model = model;
        this.from = from;
        this.options = options;
        names = new String[items.size()];
        files = new String[items.size()];
        indexes = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            ImageSet.Item it = items.get(i);
            names[i] = it.name();
            files[i] = it.file().toAbsolutePath().toString();
            indexes[i] = it.index();
        }
    }

    private static String key(String model, Scanner.Options options) {
        return model + '\n' + options;
    }

    /**
     * Opens a worker for a scan and keeps it for this JVM's first task of that scan.
     *
     * @throws IOException naming the model when it cannot be read
     */
    static void prepare(String model, Scanner.Options options) throws IOException {
        Scanner.PartWorker w = new Scanner.PartWorker(Path.of(model), options);
        IDLE.computeIfAbsent(key(model, options), k -> new ConcurrentLinkedDeque<>()).push(w);
    }

    /** Closes this JVM's idle workers (the driver's, in {@code local} mode, when the job ends). */
    static void closeIdle() {
        for (Deque<Scanner.PartWorker> idle : IDLE.values()) {
            for (Scanner.PartWorker w = idle.poll(); w != null; w = idle.poll()) {
                w.close();
            }
        }
    }

    /** Runs on an executor. */
    ScanPart scan() throws IOException {
        Stamps.mark(MessageBundles.bind(Messages.stampTaskStarted, from));
        NativeHeap.startTrimming();
        List<ImageSet.Item> items = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            items.add(new ImageSet.Item(names[i], Path.of(files[i]), indexes[i]));
        }
        Deque<Scanner.PartWorker> idle = IDLE.computeIfAbsent(key(model, options),
                k -> new ConcurrentLinkedDeque<>());
        Scanner.PartWorker w = idle.poll();
        if (w == null) {
            w = new Scanner.PartWorker(Path.of(model), options);
            Stamps.mark(MessageBundles.bind(Messages.stampTaskOpened, from));
        }
        boolean scanned = false;
        try {
            ScanPart part = w.scan(items, from);
            scanned = true;
            Stamps.mark(MessageBundles.bind(Messages.stampTaskDone, from));
            return part;
        } finally {
            if (scanned) {
                idle.push(w);
            } else {
                w.close();
            }
        }
    }
}
