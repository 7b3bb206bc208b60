package org.convscope.scan.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convscope.scan.ImageSet;
import org.convscope.scan.ScanPart;
import org.convscope.scan.Scanner;

/**
 * One partition's work, sent to an executor: the model and the images of a run of whole batches,
 * by path (a cluster's workers read them where the driver does).
 */
final class SparkPart implements Serializable {

    private static final long serialVersionUID = 1L;

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

    /** Runs on an executor. */
    ScanPart scan() throws IOException {
        List<ImageSet.Item> items = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            items.add(new ImageSet.Item(names[i], Path.of(files[i]), indexes[i]));
        }
        return Scanner.scanPart(Path.of(model), items, from, options);
    }
}
