import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The build's test of the five product archives, which cannot be started here: it opens each one
 * and checks that it holds exactly its own platform's SWT fragment, launcher fragment and ND4J
 * natives and no other platform's, that p2 installed it for that platform (a profile, a
 * configuration, and every bundle the configuration names present), that its launchers exist
 * (executable where the OS needs it) and that every bundle and file they name is in that archive.
 * Run by the product build (pom.xml beside this file) after the archives are written; the build
 * fails on any problem, each named with its archive. Prints each archive's size.
 *
 * <p>Usage: {@code java CheckProducts.java PRODUCTS_FOLDER ARCHIVE_PREFIX}, e.g.
 * {@code target/products convscope-0.1.0-SNAPSHOT}; {@code java CheckProducts.java --self-test}
 * checks the checker on small archives made wrong on purpose.
 */
public final class CheckProducts {

    /** One desktop: Eclipse's os/ws/arch, JavaCPP's platform name, and what its archive must hold. */
    record Platform(String os, String ws, String arch, String javacpp, String format, String install,
            List<String> launchers, Set<String> libnd4jBuilds, boolean launcherFragment) {

        String id() {
            return os + "." + ws + "." + arch;
        }

        String swtFragment() {
            return "org.eclipse.swt." + ws + "." + os + "." + arch;
        }

        String launcherFragmentName() {
            return "org.eclipse.equinox.launcher." + ws + "." + os + "." + arch;
        }

        String natives() {
            return "org.convscope.nd4j." + os + "." + arch;
        }
    }

    static final String MAC_APP = "Convscope.app/";

    static final List<Platform> PLATFORMS = List.of(
            new Platform("linux", "gtk", "x86_64", "linux-x86_64", "tar.gz", "convscope/", List.of("convscope/convscope"),
                    Set.of("linux-x86_64-onednn-avx512", "linux-x86_64-onednn-avx2", "linux-x86_64-onednn"), true),
            new Platform("linux", "gtk", "aarch64", "linux-arm64", "tar.gz", "convscope/", List.of("convscope/convscope"),
                    Set.of("linux-arm64"), false),
            new Platform("win32", "win32", "x86_64", "windows-x86_64", "zip", "convscope/",
                    List.of("convscope/convscope.bat"), Set.of("windows-x86_64-onednn"), false),
            new Platform("macosx", "cocoa", "x86_64", "macosx-x86_64", "tar.gz", MAC_APP + "Contents/Eclipse/",
                    List.of(MAC_APP + "Contents/Info.plist", MAC_APP + "Contents/MacOS/convscope"),
                    Set.of("macosx-x86_64-onednn"), true),
            new Platform("macosx", "cocoa", "aarch64", "macosx-arm64", "tar.gz", MAC_APP + "Contents/Eclipse/",
                    List.of(MAC_APP + "Contents/Info.plist", MAC_APP + "Contents/MacOS/convscope"),
                    Set.of("macosx-arm64"), false));

    /** A plug-in's folder or jar in plugins/: symbolic name, then _version. */
    static final Pattern BUNDLE = Pattern.compile("(.+)_(\\d+\\.\\d+\\.\\d+[^/]*?)(\\.jar)?");
    static final Pattern SWT_FRAGMENT = Pattern.compile("org\\.eclipse\\.swt\\.(gtk|win32|cocoa)\\.\\w+\\.\\w+");
    static final Pattern LAUNCHER_FRAGMENT = Pattern
            .compile("org\\.eclipse\\.equinox\\.launcher\\.(gtk|win32|cocoa)\\.\\w+\\.\\w+");
    /** A JavaCPP platform folder inside a jar, e.g. org/bytedeco/openblas/linux-x86_64/ */
    static final Pattern JAVACPP_PLATFORM = Pattern
            .compile("(?:^|/)((?:linux|windows|macosx|android|ios)-(?:x86_64|x86|arm64|armhf|arm|ppc64le))(?:-[\\w-]+)?/");
    /** A classifier jar's name, e.g. nd4j-native-linux-x86_64-onednn.jar */
    static final Pattern CLASSIFIER = Pattern
            .compile("-((?:linux|windows|macosx|android|ios)-(?:x86_64|x86|arm64|armhf|arm|ppc64le))(?:-[\\w-]+)?\\.jar$");
    static final Pattern LIBND4J = Pattern
            .compile("org/nd4j/linalg/cpu/nativecpu/bindings/([\\w-]+)/(?:lib)?jnind4jcpu\\.(?:so|dll|dylib)");
    static final Pattern TOKEN = Pattern.compile("@[A-Z_]+@");

    /** What one archive holds, as far as the checks need it. */
    static final class Contents {
        final Map<String, Integer> modes = new TreeMap<>();
        final Map<String, String> texts = new TreeMap<>();
        /** plugins/ entry (jar or folder name) to its symbolic name */
        final Map<String, String> bundles = new TreeMap<>();
        final Set<String> javacppPlatforms = new TreeSet<>();
        final Set<String> libnd4jBuilds = new TreeSet<>();
        final List<String> problems = new ArrayList<>();
        boolean profile;
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--self-test")) {
            selfTest();
            return;
        }
        if (args.length != 2) {
            System.err.println("usage: java CheckProducts.java PRODUCTS_FOLDER ARCHIVE_PREFIX | --self-test");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        Map<Platform, Contents> all = new LinkedHashMap<>();
        for (Platform p : PLATFORMS) {
            Path archive = folder.resolve(args[1] + "-" + p.id() + "." + p.format());
            Contents c = new Contents();
            if (Files.isRegularFile(archive)) {
                read(archive, p, c);
            } else {
                c.problems.add("missing (the build writes it with archive-products)");
            }
            all.put(p, c);
        }
        int failures = check(all, folder, args[1]);
        if (failures > 0) {
            System.err.println("CheckProducts: " + failures + " problem(s) in the product archives");
            System.exit(1);
        }
    }

    /** @return the number of problems, each printed with its archive */
    static int check(Map<Platform, Contents> all, Path folder, String prefix) throws IOException {
        Set<String> everyBundle = new TreeSet<>();
        all.values().forEach(c -> everyBundle.addAll(c.bundles.values()));
        int failures = 0;
        for (Map.Entry<Platform, Contents> e : all.entrySet()) {
            Platform p = e.getKey();
            Contents c = e.getValue();
            String name = prefix + "-" + p.id() + "." + p.format();
            if (c.problems.isEmpty()) {
                checkPlatform(p, c, everyBundle);
            }
            if (c.problems.isEmpty()) {
                Path archive = folder.resolve(name);
                System.out.printf("CheckProducts: %s OK: %.1f MB, %d files, %d bundles%n", name,
                        Files.size(archive) / 1e6, c.modes.size(), c.bundles.size());
            } else {
                for (String problem : c.problems) {
                    System.err.println("CheckProducts: " + name + ": " + problem);
                }
                failures += c.problems.size();
            }
        }
        return failures;
    }

    static void checkPlatform(Platform p, Contents c, Set<String> everyBundle) {
        Set<String> names = new TreeSet<>(c.bundles.values());
        expectExactly(c, "SWT platform fragments", filter(names, SWT_FRAGMENT), Set.of(p.swtFragment()));
        expectExactly(c, "launcher fragments", filter(names, LAUNCHER_FRAGMENT),
                p.launcherFragment() ? Set.of(p.launcherFragmentName()) : Set.of());
        Set<String> nd4jFragments = new TreeSet<>();
        names.stream().filter(n -> n.startsWith("org.convscope.nd4j.")).forEach(nd4jFragments::add);
        expectExactly(c, "ND4J natives fragments", nd4jFragments, Set.of(p.natives()));
        expectExactly(c, "JavaCPP platforms of the ND4J jars", c.javacppPlatforms, Set.of(p.javacpp()));
        expectExactly(c, "libnd4j builds", c.libnd4jBuilds, p.libnd4jBuilds());
        for (String required : List.of("org.convscope.nd4j", "org.eclipse.swt", "org.eclipse.equinox.launcher",
                "org.eclipse.osgi", "org.convscope.app", "org.convscope.ui", "org.convscope.cli")) {
            if (!names.contains(required)) {
                c.problems.add("bundle " + required + " missing");
            }
        }
        checkInstallation(p, c);
        checkLaunchers(p, c, everyBundle);
    }

    /** p2 installed the product for this platform: a profile, a configuration naming what is there. */
    static void checkInstallation(Platform p, Contents c) {
        if (!c.profile) {
            c.problems.add("no p2 profile under " + p.install() + "p2/org.eclipse.equinox.p2.engine/profileRegistry/");
        }
        String configIni = c.texts.get(p.install() + "configuration/config.ini");
        if (configIni == null) {
            c.problems.add("no " + p.install() + "configuration/config.ini");
        }
        String bundlesInfo = c.texts.get(p.install() + "configuration/org.eclipse.equinox.simpleconfigurator/bundles.info");
        if (bundlesInfo == null) {
            c.problems.add("no bundles.info: the simple configurator has nothing to start");
            return;
        }
        Set<String> listed = new TreeSet<>();
        for (String line : bundlesInfo.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.trim().split(",");
            if (fields.length < 3) {
                c.problems.add("bundles.info: unreadable line '" + line + "'");
                continue;
            }
            String location = fields[2];
            listed.add(location.replaceFirst("/$", ""));
            if (!c.modes.containsKey(p.install() + location.replaceFirst("/$", ""))) {
                c.problems.add("bundles.info names " + location + ", which is not in the archive");
            }
        }
        for (String plugin : c.bundles.keySet()) {
            if (!listed.contains("plugins/" + plugin)) {
                c.problems.add("plugins/" + plugin + " is not in bundles.info (not installed by p2)");
            }
        }
    }

    static void checkLaunchers(Platform p, Contents c, Set<String> everyBundle) {
        Set<String> allLaunchers = new TreeSet<>();
        PLATFORMS.forEach(q -> allLaunchers.addAll(q.launchers()));
        for (String other : allLaunchers) {
            if (!p.launchers().contains(other) && c.modes.containsKey(other)) {
                c.problems.add("holds " + other + ", another platform's launcher");
            }
        }
        for (String launcher : p.launchers()) {
            String text = c.texts.get(launcher);
            if (text == null) {
                c.problems.add("launcher " + launcher + " missing");
                continue;
            }
            boolean script = !launcher.endsWith(".plist") && !launcher.endsWith(".bat");
            if (script && (c.modes.getOrDefault(launcher, 0) & 0111) == 0) {
                c.problems.add("launcher " + launcher + " is not executable (mode "
                        + Integer.toOctalString(c.modes.getOrDefault(launcher, 0)) + ")");
            }
            Matcher token = TOKEN.matcher(text);
            if (token.find()) {
                c.problems.add("launcher " + launcher + " still holds the build's token " + token.group());
            }
            Set<String> here = new TreeSet<>(c.bundles.values());
            for (String bundle : everyBundle) {
                if (names(text, bundle) && !here.contains(bundle)) {
                    c.problems.add("launcher " + launcher + " names bundle " + bundle + ", which is not in this archive");
                }
            }
            if (launcher.endsWith(".plist")) {
                Matcher exe = Pattern.compile("<key>CFBundleExecutable</key>\\s*<string>([^<]+)</string>").matcher(text);
                if (!exe.find()) {
                    c.problems.add(launcher + " names no CFBundleExecutable");
                } else {
                    String executable = MAC_APP + "Contents/MacOS/" + exe.group(1);
                    if ((c.modes.getOrDefault(executable, 0) & 0111) == 0) {
                        c.problems.add(launcher + " names " + executable + ", which is missing or not executable");
                    }
                }
                continue;
            }
            // a script: the natives of this platform and the launcher jar, by name
            for (String needed : List.of(p.natives(), "org.eclipse.equinox.launcher", "org.convscope.cli")) {
                if (!names(text, needed)) {
                    c.problems.add("launcher " + launcher + " does not name " + needed);
                }
            }
            if (text.contains("launch/org.eclipse.osgi.jar") && !c.modes.containsKey(p.install() + "launch/org.eclipse.osgi.jar")) {
                c.problems.add("launcher " + launcher + " names launch/org.eclipse.osgi.jar, which is missing");
            }
            if (text.contains("../Eclipse") && (!p.install().equals(MAC_APP + "Contents/Eclipse/")
                    || c.modes.keySet().stream().noneMatch(k -> k.startsWith(p.install() + "plugins/")))) {
                c.problems.add("launcher " + launcher + " names ../Eclipse, which holds no plugins/");
            }
        }
    }

    /** @return whether the text names the bundle as a whole word (not a prefix of a longer name) */
    static boolean names(String text, String bundle) {
        Matcher m = Pattern.compile("(?<![\\w.-])" + Pattern.quote(bundle) + "(?![\\w.-])").matcher(text);
        return m.find();
    }

    static Set<String> filter(Set<String> names, Pattern p) {
        Set<String> out = new TreeSet<>();
        names.stream().filter(n -> p.matcher(n).matches()).forEach(out::add);
        return out;
    }

    static void expectExactly(Contents c, String what, Set<String> found, Set<String> expected) {
        if (!new TreeSet<>(found).equals(new TreeSet<>(expected))) {
            c.problems.add(what + ": " + found + ", expected exactly " + new TreeSet<>(expected));
        }
    }

    // ---- reading the archives -------------------------------------------------------------

    static void read(Path archive, Platform p, Contents c) throws IOException {
        if (p.format().equals("zip")) {
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                    // a zip made by the build records no Unix modes that Java reads: Windows needs none
                    entry(p, c, e.getName(), 0644, e.isDirectory(), zip);
                }
            }
        } else {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
                readTar(in, p, c);
            }
        }
    }

    /** A reader of ustar/GNU/pax tar streams, as far as names, modes and contents go. */
    static void readTar(InputStream in, Platform p, Contents c) throws IOException {
        byte[] header = new byte[512];
        String longName = null;
        while (true) {
            if (!readFully(in, header)) {
                return;
            }
            if (header[0] == 0) {
                return;
            }
            String name = string(header, 0, 100);
            int mode = (int) octal(header, 100, 8);
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            if ("ustar".equals(string(header, 257, 5))) {
                String prefix = string(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
            }
            InputStream data = new Bounded(in, size);
            if (type == 'L') {
                longName = new String(data.readAllBytes(), StandardCharsets.UTF_8).replace("\0", "");
            } else if (type == 'x') {
                for (String record : new String(data.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    int eq = record.indexOf(" path=");
                    if (eq >= 0) {
                        longName = record.substring(eq + 6);
                    }
                }
            } else if (type == 'g') {
                data.readAllBytes();
            } else {
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                entry(p, c, name, mode, type == '5' || name.endsWith("/"), data);
            }
            data.transferTo(OutputStreamSink.INSTANCE);
            long pad = (512 - size % 512) % 512;
            in.skipNBytes(pad);
        }
    }

    static void entry(Platform p, Contents c, String rawName, int mode, boolean directory, InputStream data)
            throws IOException {
        String name = rawName.startsWith("./") ? rawName.substring(2) : rawName;
        name = name.replaceFirst("/$", "");
        c.modes.put(name, mode);
        String plugins = p.install() + "plugins/";
        if (name.startsWith(plugins)) {
            String rest = name.substring(plugins.length());
            String top = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            Matcher b = BUNDLE.matcher(top);
            if (b.matches() && (rest.contains("/") || top.endsWith(".jar") || directory)) {
                c.bundles.put(top, b.group(1));
                if (!directory && rest.endsWith(".jar") && b.group(1).startsWith("org.convscope.nd4j")) {
                    nd4jJar(c, rest, data);
                }
            }
        }
        if (name.startsWith(p.install() + "p2/org.eclipse.equinox.p2.engine/profileRegistry/")
                && (name.endsWith(".profile.gz") || name.endsWith(".profile"))) {
            c.profile = true;
        }
        boolean text = name.endsWith("config.ini") || name.endsWith("bundles.info") || name.endsWith(".plist")
                || name.endsWith(".bat") || name.endsWith("/convscope") || name.endsWith(".prefs");
        if (text && !directory) {
            c.texts.put(name, new String(data.readNBytes(1 << 20), StandardCharsets.UTF_8).replace("\r\n", "\n"));
        }
    }

    /** The JavaCPP platforms and libnd4j builds inside one jar of the ND4J bundle or a fragment. */
    static void nd4jJar(Contents c, String name, InputStream data) throws IOException {
        Matcher jarName = CLASSIFIER.matcher(name.substring(name.lastIndexOf('/') + 1));
        if (jarName.find()) {
            c.javacppPlatforms.add(jarName.group(1));
        }
        ZipInputStream jar = new ZipInputStream(data);
        for (ZipEntry e; (e = jar.getNextEntry()) != null;) {
            // JavaCPP's presets and libnd4j keep their natives under their packages; other
            // libraries' natives (JNA's, for every OS, under com/sun/jna/) are not ND4J's
            boolean javacpp = e.getName().startsWith("org/bytedeco/") || e.getName().startsWith("org/nd4j/");
            Matcher platform = JAVACPP_PLATFORM.matcher(e.getName());
            if (javacpp && platform.find()) {
                c.javacppPlatforms.add(platform.group(1));
            }
            Matcher lib = LIBND4J.matcher(e.getName());
            if (lib.matches()) {
                c.libnd4jBuilds.add(lib.group(1));
            }
        }
    }

    static boolean readFully(InputStream in, byte[] b) throws IOException {
        int n = in.readNBytes(b, 0, b.length);
        if (n == 0) {
            return false;
        }
        if (n < b.length) {
            throw new IOException("truncated tar header");
        }
        return true;
    }

    static String string(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    static long octal(byte[] b, int offset, int length) {
        String s = string(b, offset, length).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    /** At most {@code size} bytes of the underlying stream; closing it leaves that stream open. */
    static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long size) {
            super(in);
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the tar stream goes on
        }
    }

    /** Discards what is written to it. */
    static final class OutputStreamSink extends OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
            // discarded
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // discarded
        }
    }

    // ---- the checker's own test ------------------------------------------------------------

    /**
     * Runs the checks on in-memory contents that are right but for one deliberate fault each, and
     * fails unless each fault is reported (and the right one is not).
     */
    static void selfTest() throws IOException {
        int wrong = 0;
        Platform linux = PLATFORMS.get(0);
        Platform windows = PLATFORMS.get(2);
        Set<String> every = Set.of("org.convscope.nd4j.linux.x86_64", "org.convscope.nd4j.win32.x86_64",
                "org.convscope.cli", "org.eclipse.equinox.launcher", "org.convscope.nd4j");
        wrong += expectProblems("a right Linux archive", checked(linux, good(linux), every), 0);
        Contents mixed = good(linux);
        mixed.bundles.put("org.eclipse.swt.win32.win32.x86_64_3.132.0.jar", "org.eclipse.swt.win32.win32.x86_64");
        mixed.modes.put(linux.install() + "plugins/org.eclipse.swt.win32.win32.x86_64_3.132.0.jar", 0644);
        wrong += expectProblems("Windows' SWT in the Linux archive", checked(linux, mixed, every), 2);
        Contents natives = good(linux);
        natives.javacppPlatforms.add("windows-x86_64");
        wrong += expectProblems("Windows natives in a Linux jar", checked(linux, natives, every), 1);
        Contents script = good(windows);
        script.texts.put("convscope/convscope.bat", "set NATIVES=org.convscope.nd4j.linux.x86_64\r\n"
                + "call :bundle org.eclipse.equinox.launcher org.convscope.cli org.convscope.nd4j.win32.x86_64");
        wrong += expectProblems("a .bat naming the Linux natives", checked(windows, script, every), 1);
        Contents notExecutable = good(linux);
        notExecutable.modes.put("convscope/convscope", 0644);
        wrong += expectProblems("a script without its x bit", checked(linux, notExecutable, every), 1);
        Contents unlisted = good(linux);
        unlisted.bundles.put("org.example.extra_1.0.0.jar", "org.example.extra");
        wrong += expectProblems("a bundle p2 did not install", checked(linux, unlisted, every), 1);
        if (wrong > 0) {
            System.err.println("CheckProducts --self-test: " + wrong + " case(s) wrong");
            System.exit(1);
        }
        System.out.println("CheckProducts --self-test: every deliberate fault was found, the right archive passed");
    }

    static List<String> checked(Platform p, Contents c, Set<String> every) {
        checkPlatform(p, c, every);
        return c.problems;
    }

    static int expectProblems(String what, List<String> problems, int expected) {
        if (problems.size() != expected) {
            System.err.println("self-test: " + what + ": expected " + expected + " problem(s), got " + problems);
            return 1;
        }
        return 0;
    }

    /** Contents that pass every check, for a platform (only what the checks read). */
    static Contents good(Platform p) {
        Contents c = new Contents();
        List<String> bundles = new ArrayList<>(List.of(p.swtFragment(), p.natives(), "org.convscope.nd4j",
                "org.eclipse.swt", "org.eclipse.equinox.launcher", "org.eclipse.osgi", "org.convscope.app",
                "org.convscope.ui", "org.convscope.cli"));
        if (p.launcherFragment()) {
            bundles.add(p.launcherFragmentName());
        }
        StringBuilder info = new StringBuilder("#version=1\n");
        for (String b : bundles) {
            String jar = b + "_1.0.0.jar";
            c.bundles.put(jar, b);
            c.modes.put(p.install() + "plugins/" + jar, 0644);
            info.append(b).append(",1.0.0,plugins/").append(jar).append(",4,false\n");
        }
        c.texts.put(p.install() + "configuration/org.eclipse.equinox.simpleconfigurator/bundles.info", info.toString());
        c.texts.put(p.install() + "configuration/config.ini", "osgi.bundles=\n");
        c.profile = true;
        c.javacppPlatforms.add(p.javacpp());
        c.libnd4jBuilds.addAll(p.libnd4jBuilds());
        for (String launcher : p.launchers()) {
            c.modes.put(launcher, 0755);
            c.texts.put(launcher, "natives=" + p.natives() + "\nbundle org.eclipse.equinox.launcher\nbundle org.convscope.cli\n"
                    + "bundle org.convscope.nd4j\n");
        }
        return c;
    }

    private CheckProducts() {
    }
}
