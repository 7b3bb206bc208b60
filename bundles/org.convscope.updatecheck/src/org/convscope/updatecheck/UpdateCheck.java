package org.convscope.updatecheck;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.core.UIServices;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.operations.ProvisioningJob;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.Update;
import org.eclipse.equinox.p2.operations.UpdateOperation;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.IRepositoryManager;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * The standalone product's self-update, checked inside the unpacked product by the build
 * (releng/org.convscope.update.test), in two starts of it:
 * <ol>
 * <li>{@code update}: the product knows the update site it was built for (its p2.inf added it);
 * that site is replaced by a newer repository served over HTTP on the loopback interface (as a
 * person would edit it in Preferences &gt; Install/Update &gt; Available Software Sites), then p2's
 * {@link UpdateOperation}, what Help &gt; Check for Updates runs, must offer the newer product,
 * and its provisioning job must install it;</li>
 * <li>{@code verify}: in the next start, the raised bundle runs in its new version.</li>
 * </ol>
 * Configured by system properties ({@code convscope.updatecheck.*}); writes what it saw to
 * {@code DIR/result-MODE.txt}, ending in {@code RESULT OK} or {@code RESULT FAILED}.
 */
public final class UpdateCheck implements IApplication {

    /** The folder for the results. */
    public static final String OUTPUT = "convscope.updatecheck";
    /** {@code update} or {@code verify}. */
    public static final String MODE = "convscope.updatecheck.mode";
    /** The folder of the repository holding the newer version (update). */
    public static final String SITE = "convscope.updatecheck.site";
    /** The update site the product was built to read (update). */
    public static final String PUBLISHED = "convscope.updatecheck.published";
    /** The newer version of the product and the raised bundle. */
    public static final String EXPECTED = "convscope.updatecheck.expected";
    /** The bundle whose version the newer repository raises. */
    public static final String BUNDLE = "convscope.updatecheck.bundle";

    private static final String PRODUCT = "org.convscope.product";
    private static final String FEATURE = "org.convscope.feature.feature.group";

    @Override
    public Object start(IApplicationContext context) throws IOException {
        context.applicationRunning();
        String mode = System.getProperty(MODE, "update");
        Path dir = Path.of(System.getProperty(OUTPUT));
        Files.createDirectories(dir);
        List<String> report = new ArrayList<>();
        boolean ok;
        try {
            ok = "verify".equals(mode) ? verify(report) : update(report);
        } catch (IOException | ProvisionException | RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            report.add("failed: " + trace);
            ok = false;
        }
        report.add(ok ? "RESULT OK" : "RESULT FAILED");
        Files.write(dir.resolve("result-" + mode + ".txt"), report);
        return ok ? EXIT_OK : Integer.valueOf(1);
    }

    private static boolean update(List<String> report) throws IOException, ProvisionException {
        IProvisioningAgent agent = runningAgent();
        IMetadataRepositoryManager metadata = agent.getService(IMetadataRepositoryManager.class);
        IArtifactRepositoryManager artifacts = agent.getService(IArtifactRepositoryManager.class);
        IProfileRegistry profiles = agent.getService(IProfileRegistry.class);
        Version expected = Version.parseVersion(System.getProperty(EXPECTED));

        URI published = URI.create(System.getProperty(PUBLISHED));
        boolean knowsSite = knows(metadata.getKnownRepositories(IRepositoryManager.REPOSITORIES_ALL), published)
                && knows(artifacts.getKnownRepositories(IRepositoryManager.REPOSITORIES_ALL), published);
        report.add("the product's update site " + published + ": "
                + (knowsSite ? "known (metadata and artifacts)" : "NOT known"));
        report.add("known metadata repositories: "
                + Arrays.toString(metadata.getKnownRepositories(IRepositoryManager.REPOSITORIES_ALL)));
        IProfile before = profiles.getProfile(IProfileRegistry.SELF);
        if (before == null) {
            report.add("no p2 profile: the product is not a p2-managed installation");
            return false;
        }
        report.add(
                "profile " + before.getProfileId() + ": " + PRODUCT + " " + version(before, PRODUCT).orElse("absent"));

        try (SiteServer site = new SiteServer(Path.of(System.getProperty(SITE)))) {
            metadata.removeRepository(published);
            artifacts.removeRepository(published);
            metadata.addRepository(site.uri());
            artifacts.addRepository(site.uri());
            report.add("update site replaced by " + site.uri() + " (" + System.getProperty(SITE) + ")");
            TrustUnsigned trust = new TrustUnsigned();
            agent.registerService(UIServices.SERVICE_NAME, trust);

            UpdateOperation operation = new UpdateOperation(new ProvisioningSession(agent));
            IStatus resolved = operation.resolveModal(new NullProgressMonitor());
            report.add("UpdateOperation resolved: " + describe(resolved));
            boolean offered = false;
            for (Update update : operation.getSelectedUpdates()) {
                report.add("  update " + update.toUpdate + " -> " + update.replacement);
                offered |= update.replacement.getId().equals(PRODUCT)
                        && toOsgi(update.replacement).equals(expected);
            }
            if (!offered || resolved.getSeverity() == IStatus.ERROR
                    || resolved.getCode() == UpdateOperation.STATUS_NOTHING_TO_UPDATE) {
                report.add("no update to " + PRODUCT + " " + expected + " offered");
                return false;
            }
            ProvisioningJob job = operation.getProvisioningJob(new NullProgressMonitor());
            IStatus installed = job.runModal(new NullProgressMonitor());
            report.add("provisioning job: " + describe(installed) + ", restart policy " + job.getRestartPolicy());
            report.add("trusted unsigned: " + trust.unsigned().size() + " artifacts");
            report.add("HTTP requests served: " + site.requests());
            if (installed.getSeverity() == IStatus.ERROR || installed.getSeverity() == IStatus.CANCEL) {
                return false;
            }
        }

        IProfile after = profiles.getProfile(IProfileRegistry.SELF);
        String bundle = System.getProperty(BUNDLE);
        boolean profileUpdated = true;
        for (String id : List.of(PRODUCT, FEATURE, bundle)) {
            Optional<String> v = version(after, id);
            report.add("profile after: " + id + " " + v.orElse("absent"));
            profileUpdated &= v.map(Version::parseVersion).map(expected::equals).orElse(false);
        }
        String line = bundle + "," + expected + ",";
        File bundlesInfo = new File(Platform.getConfigurationLocation().getURL().getPath(),
                "org.eclipse.equinox.simpleconfigurator/bundles.info");
        Optional<String> listed = Files.readAllLines(bundlesInfo.toPath()).stream().filter(l -> l.startsWith(line))
                .findFirst();
        report.add(bundlesInfo + ": " + listed.orElse("no " + bundle + " " + expected));
        boolean jarThere = listed.map(l -> l.split(",")[2]).map(p -> new File(Platform.getInstallLocation().getURL()
                .getPath(), p)).map(File::exists).orElse(false);
        report.add("its file in the installation: " + (jarThere ? "present" : "MISSING"));
        return knowsSite && profileUpdated && jarThere;
    }

    private static boolean verify(List<String> report) throws ProvisionException {
        Version expected = Version.parseVersion(System.getProperty(EXPECTED));
        String id = System.getProperty(BUNDLE);
        Bundle bundle = Platform.getBundle(id);
        if (bundle == null) {
            report.add(id + " is not installed");
            return false;
        }
        boolean resolved = (bundle.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) != 0;
        report.add("running " + id + " " + bundle.getVersion() + (resolved ? ", resolved" : ", NOT resolved"));
        IProfile profile = runningAgent().getService(IProfileRegistry.class).getProfile(IProfileRegistry.SELF);
        String product = version(profile, PRODUCT).orElse("absent");
        report.add("installed " + PRODUCT + " " + product);
        return resolved && bundle.getVersion().equals(expected) && product.equals(expected.toString());
    }

    /** The running product's p2 agent, as p2's UI finds it (the one registered as current). */
    private static IProvisioningAgent runningAgent() throws ProvisionException {
        BundleContext context = FrameworkUtil.getBundle(UpdateCheck.class).getBundleContext();
        try {
            Collection<ServiceReference<IProvisioningAgent>> current = context.getServiceReferences(
                    IProvisioningAgent.class, "(" + IProvisioningAgent.SERVICE_CURRENT + "=true)");
            if (!current.isEmpty()) {
                return context.getService(current.iterator().next());
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ServiceReference<IProvisioningAgentProvider> provider = context
                .getServiceReference(IProvisioningAgentProvider.class);
        if (provider == null) {
            throw new IllegalStateException("no p2 agent in the product (is org.eclipse.equinox.p2.core there?)");
        }
        return context.getService(provider).createAgent(null);
    }

    private static Optional<String> version(IProfile profile, String id) {
        return profile.query(QueryUtil.createIUQuery(id), null).toUnmodifiableSet().stream()
                .map(IInstallableUnit::getVersion).map(Object::toString).max(String::compareTo);
    }

    private static Version toOsgi(IInstallableUnit unit) {
        return Version.parseVersion(unit.getVersion().toString());
    }

    private static boolean knows(URI[] known, URI site) {
        String wanted = trimSlash(site.toString());
        return Arrays.stream(known).map(URI::toString).map(UpdateCheck::trimSlash).anyMatch(wanted::equals);
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String describe(IStatus status) {
        StringBuilder text = new StringBuilder(status.toString());
        for (IStatus child : status.getChildren()) {
            text.append("\n    ").append(child);
        }
        return text.toString();
    }

    @Override
    public void stop() {
        // the check ends on its own within its start
    }
}
