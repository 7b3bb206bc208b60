package org.convscope.ui.open;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The models opened lately, newest first, kept in the bundle's instance preferences so they
 * survive a restart.
 */
public final class RecentModels {

    /** How many files the menu lists. */
    public static final int LIMIT = 8;
    static final String KEY = "recentModels";
    private static final String NODE = "org.convscope.ui";

    private RecentModels() {
    }

    /** @return the recent files, newest first */
    public static List<Path> list() {
        return parse(prefs().get(KEY, ""));
    }

    /** @param file a file just opened; moved to the front */
    public static void add(Path file) {
        List<Path> files = new ArrayList<>(list());
        Path abs = file.toAbsolutePath().normalize();
        files.remove(abs);
        files.add(0, abs);
        while (files.size() > LIMIT) {
            files.remove(files.size() - 1);
        }
        IEclipsePreferences prefs = prefs();
        prefs.put(KEY, format(files));
        try {
            // Written now, not at shutdown, so a crash does not lose the list.
            prefs.flush();
        } catch (BackingStoreException e) {
            ILog.of(RecentModels.class).warn("cannot save the recent models", e);
        }
    }

    static List<Path> parse(String value) {
        List<Path> files = new ArrayList<>();
        for (String line : value.split("\n")) {
            if (!line.isBlank()) {
                files.add(Path.of(line.strip()));
            }
        }
        return files;
    }

    static String format(List<Path> files) {
        StringBuilder sb = new StringBuilder();
        for (Path p : files) {
            sb.append(p).append('\n');
        }
        return sb.toString();
    }

    private static IEclipsePreferences prefs() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }
}
