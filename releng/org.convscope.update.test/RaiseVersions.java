import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Writes the update test's "next release": a p2 repository in which the Convscope product, the
 * Convscope feature and one of its bundles have a higher version than in the repository the build
 * just made, as the next build of Convscope would publish them. Only what changes is in it (the
 * product's IUs, the feature and the bundle, their two artifacts): everything else an update needs
 * is already installed, and p2's planner takes installed units into account. The versions are
 * raised by one micro step, the qualifier kept (0.1.0.Q becomes 0.1.1.Q), in the metadata, in the
 * feature's feature.xml and in the bundle's manifest, so that the installed bundle really is the
 * newer one; the artifacts' sizes and SHA-256 sums are those of the rewritten jars.
 *
 * <p>Run by the update test's pom.xml as a single-file Java program:
 * {@code java RaiseVersions.java REPOSITORY OUTPUT BUNDLE}; prints {@code update.version=NEWER} and
 * {@code update.previous=OLDER} for the build to read.
 */
public final class RaiseVersions {

    private static final String PRODUCT = "org.convscope.product";
    private static final String FEATURE = "org.convscope.feature";

    private RaiseVersions() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: java RaiseVersions.java REPOSITORY OUTPUT BUNDLE");
        }
        Path repository = Path.of(args[0]);
        Path output = Path.of(args[1]);
        String bundle = args[2];
        Document content = read(repository, "content");
        Element product = unit(content, PRODUCT);
        String old = product.getAttribute("version");
        String[] parts = old.split("\\.", 4);
        String raised = parts[0] + "." + parts[1] + "." + (Integer.parseInt(parts[2]) + 1)
                + (parts.length > 3 ? "." + parts[3] : "");

        // the product's own IUs (its configuration units, named after it) and what it requires of us
        Set<String> ids = new TreeSet<>(Set.of(PRODUCT, FEATURE + ".feature.group",
                FEATURE + ".feature.jar", bundle));
        Element units = first(content.getDocumentElement(), "units");
        for (Element u : elements(units, "unit")) {
            String id = u.getAttribute("id");
            if (id.contains(PRODUCT) && old.equals(u.getAttribute("version"))) {
                ids.add(id);
            }
        }
        List<Element> kept = new ArrayList<>();
        for (Element u : elements(units, "unit")) {
            if (ids.contains(u.getAttribute("id")) && old.equals(u.getAttribute("version"))) {
                kept.add(u);
            }
        }
        if (kept.size() < 4) {
            throw new IllegalStateException(repository + ": expected the product, " + FEATURE + " and " + bundle
                    + " at " + old + ", found " + kept.size() + " of them");
        }
        for (Node n = units.getFirstChild(); n != null;) {
            Node next = n.getNextSibling();
            if (!kept.contains(n)) {
                units.removeChild(n);
            }
            n = next;
        }
        units.setAttribute("size", Integer.toString(kept.size()));
        for (Element u : kept) {
            raise(u, ids, old, raised);
        }
        Set<String> artifactIds = Set.of(FEATURE, bundle);

        Document artifacts = read(repository, "artifacts");
        Element list = first(artifacts.getDocumentElement(), "artifacts");
        int count = 0;
        for (Element a : elements(list, "artifact")) {
            if (!artifactIds.contains(a.getAttribute("id")) || !old.equals(a.getAttribute("version"))) {
                list.removeChild(a);
                continue;
            }
            boolean feature = a.getAttribute("classifier").equals("org.eclipse.update.feature");
            String folder = feature ? "features" : "plugins";
            Path source = repository.resolve(folder).resolve(a.getAttribute("id") + "_" + old + ".jar");
            Path target = output.resolve(folder).resolve(a.getAttribute("id") + "_" + raised + ".jar");
            Files.createDirectories(target.getParent());
            rewriteJar(source, target, feature, bundle, old, raised);
            a.setAttribute("version", raised);
            byte[] bytes = Files.readAllBytes(target);
            for (Element p : elements(first(a, "properties"), "property")) {
                switch (p.getAttribute("name")) {
                    case "download.size", "artifact.size" -> p.setAttribute("value", Long.toString(bytes.length));
                    case "download.checksum.sha-256" -> p.setAttribute("value", sha256(bytes));
                    default -> {
                        if (p.getAttribute("name").startsWith("download.checksum.")
                                || p.getAttribute("name").equals("download.md5")) {
                            first(a, "properties").removeChild(p);
                        }
                    }
                }
            }
            first(a, "properties").setAttribute("size",
                    Integer.toString(elements(first(a, "properties"), "property").size()));
            count++;
        }
        if (count != 2) {
            throw new IllegalStateException(repository + ": expected the artifacts of " + artifactIds + " at " + old
                    + ", found " + count);
        }
        list.setAttribute("size", Integer.toString(count));
        name(content, raised);
        name(artifacts, raised);
        write(content, output.resolve("content.xml"), "metadataRepository version='1.2.0'");
        write(artifacts, output.resolve("artifacts.xml"), "artifactRepository version='1.1.0'");
        Files.writeString(output.resolve("p2.index"), "version=1\nmetadata.repository.factory.order=content.xml,\\!\n"
                + "artifact.repository.factory.order=artifacts.xml,\\!\n");
        System.out.println("update.previous=" + old);
        System.out.println("update.version=" + raised);
    }

    /** A unit's own version and what it provides at it, its update range, artifacts and requirements on the raised. */
    private static void raise(Element unit, Set<String> ids, String old, String raised) {
        unit.setAttribute("version", raised);
        for (Element p : descendants(unit, "provided")) {
            if (old.equals(p.getAttribute("version"))) {
                p.setAttribute("version", raised);
            }
        }
        for (Element r : descendants(unit, "required")) {
            if (ids.contains(r.getAttribute("name")) && r.getAttribute("range").equals("[" + old + "," + old + "]")) {
                r.setAttribute("range", "[" + raised + "," + raised + "]");
            }
        }
        // the newer unit declares itself an update of every older one, the one installed included
        for (Element u : descendants(unit, "update")) {
            u.setAttribute("range", u.getAttribute("range").replace(old + ")", raised + ")"));
        }
        for (Element a : descendants(unit, "artifact")) {
            if (old.equals(a.getAttribute("version"))) {
                a.setAttribute("version", raised);
            }
        }
        for (Element i : descendants(unit, "instruction")) {
            i.setTextContent(i.getTextContent().replace("Bundle-Version: " + old, "Bundle-Version: " + raised));
        }
    }

    private static void rewriteJar(Path source, Path target, boolean feature, String bundle, String old,
            String raised) throws Exception {
        try (ZipFile in = new ZipFile(source.toFile()); OutputStream file = Files.newOutputStream(target);
                ZipOutputStream out = new ZipOutputStream(file)) {
            boolean changed = false;
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                byte[] data;
                try (InputStream s = in.getInputStream(entry)) {
                    data = s.readAllBytes();
                }
                String name = entry.getName();
                if (!feature && name.equals("META-INF/MANIFEST.MF")) {
                    String text = new String(data, StandardCharsets.UTF_8);
                    String next = text.replace("Bundle-Version: " + old, "Bundle-Version: " + raised);
                    changed = !next.equals(text);
                    data = next.getBytes(StandardCharsets.UTF_8);
                } else if (feature && name.equals("feature.xml")) {
                    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                            .parse(new ByteArrayInputStream(data));
                    xml.getDocumentElement().setAttribute("version", raised);
                    for (Element p : elements(xml.getDocumentElement(), "plugin")) {
                        if (p.getAttribute("id").equals(bundle) && p.getAttribute("version").equals(old)) {
                            p.setAttribute("version", raised);
                            changed = true;
                        }
                    }
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    TransformerFactory.newInstance().newTransformer().transform(new DOMSource(xml),
                            new StreamResult(bytes));
                    data = bytes.toByteArray();
                } else if (name.startsWith("META-INF/") && (name.endsWith(".SF") || name.endsWith(".RSA"))) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(name));
                out.write(data);
                out.closeEntry();
            }
            if (!changed) {
                throw new IllegalStateException(source + ": no version " + old + " of " + bundle + " to raise");
            }
        }
    }

    private static Document read(Path repository, String name) throws Exception {
        Path xml = repository.resolve(name + ".xml");
        byte[] data;
        if (Files.exists(xml)) {
            data = Files.readAllBytes(xml);
        } else {
            try (ZipFile jar = new ZipFile(repository.resolve(name + ".jar").toFile());
                    InputStream in = jar.getInputStream(jar.getEntry(name + ".xml"))) {
                data = in.readAllBytes();
            }
        }
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(data));
    }

    private static void name(Document repository, String version) {
        repository.getDocumentElement().setAttribute("name", "Convscope " + version + " (the build's update test)");
        // written as plain XML below
        for (Element p : elements(first(repository.getDocumentElement(), "properties"), "property")) {
            if (p.getAttribute("name").equals("p2.compressed")) {
                p.setAttribute("value", "false");
            }
        }
    }

    private static void write(Document xml, Path file, String instruction) throws Exception {
        for (Node n = xml.getFirstChild(); n != null;) {
            Node next = n.getNextSibling();
            if (n.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                xml.removeChild(n);
            }
            n = next;
        }
        String[] pi = instruction.split(" ", 2);
        xml.insertBefore(xml.createProcessingInstruction(pi[0], pi[1]), xml.getDocumentElement());
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        try (OutputStream out = Files.newOutputStream(file)) {
            transformer.transform(new DOMSource(xml), new StreamResult(out));
        }
    }

    private static Element unit(Document content, String id) {
        for (Element u : elements(first(content.getDocumentElement(), "units"), "unit")) {
            if (u.getAttribute("id").equals(id)) {
                return u;
            }
        }
        throw new IllegalStateException("no unit " + id + " in the repository");
    }

    private static Element first(Element parent, String name) {
        List<Element> found = elements(parent, name);
        if (found.isEmpty()) {
            throw new IllegalStateException("no <" + name + "> in <" + parent.getTagName() + ">");
        }
        return found.get(0);
    }

    /** Direct children of that name. */
    private static List<Element> elements(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static List<Element> descendants(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList all = parent.getElementsByTagName(name);
        for (int i = 0; i < all.getLength(); i++) {
            found.add((Element) all.item(i));
        }
        return found;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
