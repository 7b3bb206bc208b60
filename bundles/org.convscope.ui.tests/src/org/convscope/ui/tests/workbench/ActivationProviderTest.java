package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.ColorMode;
import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.progress.CancelledException;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.analysis.ModelInputs;
import org.convscope.engine.analysis.PreprocessingChoice;
import org.convscope.ui.ComputedActivations;
import org.convscope.ui.OpenModel;
import org.convscope.ui.activations.ActivationProvider;
import org.convscope.ui.activations.ActivationRun;
import org.convscope.ui.activations.InputKey;
import org.convscope.ui.activations.LayerRow;
import org.convscope.ui.activations.Messages;
import org.convscope.ui.tests.WorkspaceLog;
import org.convscope.ui.views.AnalysisJob;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobManager;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Activation view's provider, on the bundled sample with a stand-in engine: no display, no natives. */
class ActivationProviderTest {

    private static final String FAILING = "dense_2";

    private ModelGraph graph;
    private FakeNetworks engine;
    private ActivationProvider provider;

    @BeforeEach
    void open() throws IOException {
        Path model = Samples.model();
        graph = KerasModels.open(model);
        engine = new FakeNetworks(FAILING);
        provider = new ActivationProvider(new OpenModel(model, graph), g -> engine.create());
    }

    @AfterEach
    void close() {
        if (provider != null) {
            provider.close();
        }
        if (graph != null) {
            graph.close();
        }
    }

    @Test
    void oneForwardPassPerInputGivesEveryLayer() throws IOException {
        InputKey three = new InputKey(Samples.three(0), Preprocessing.RESCALE);
        ActivationRun run = provider.compute(three, ProgressMonitor.NULL);
        assertEquals(provider.layers().size(), run.rows().size(), "a row per layer");
        LayerRow conv = run.row("conv2d_1").orElseThrow();
        assertTrue(conv.ok());
        assertArrayEquals(new int[] { 1, 28, 28, 1 }, conv.shape(), "the fake echoes the 28x28 grey input");
        assertTrue(conv.max() <= 2.0 && conv.max() > 0, "rescaled pixels times the layer's position");

        provider.compute(three, ProgressMonitor.NULL);
        provider.activation(three, "conv2d_2", ProgressMonitor.NULL);
        assertEquals(1, engine.forwards.get(), "switching layers costs no second pass");
        assertTrue(provider.cached(three).isPresent());

        provider.compute(new InputKey(Samples.three(0), Preprocessing.TF), ProgressMonitor.NULL);
        assertEquals(2, engine.forwards.get(), "another preprocessing is another input");
    }

    @Test
    void aLayerTheEngineCannotRunIsARowWithItsReasonAndTheOthersStillWork() throws IOException {
        InputKey three = new InputKey(Samples.three(1), Preprocessing.RESCALE);
        ActivationRun run = provider.compute(three, ProgressMonitor.NULL);
        LayerRow failed = run.row(FAILING).orElseThrow();
        assertFalse(failed.ok());
        assertTrue(failed.error().contains(FAILING) && failed.error().contains("Dense"), failed.error());
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> provider.activation(three, FAILING, ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains(FAILING));
        assertTrue(run.output("dense_1").isPresent(), "layers before the failing one have outputs");

        ComputedActivations c = provider.computed(run);
        assertEquals(run.rows().stream().filter(LayerRow::ok).count(), c.layers().size());
        assertFalse(c.layers().containsKey(FAILING));
        assertEquals(three.file(), c.inputs().get(0));
    }

    @Test
    void aBadImageIsAnErrorNamingTheFileAndTheProviderGoesOn(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("not-an-image.png"), "hello");
        IOException e = assertThrows(IOException.class,
                () -> provider.compute(new InputKey(bad, Preprocessing.RESCALE), ProgressMonitor.NULL));
        assertTrue(e.getMessage().startsWith("not-an-image.png"), e.getMessage());
        assertTrue(provider.compute(new InputKey(Samples.three(0), Preprocessing.RESCALE), ProgressMonitor.NULL)
                .row("conv2d_1").orElseThrow().ok());
    }

    /** Images are resized to the model's input; an array is not, so one of another shape is refused. */
    @Test
    void anArrayOfAnotherShapeIsRefusedWithBothShapes(@TempDir Path dir) throws IOException {
        Path small = dir.resolve("small.npy");
        Npy.write(small, new Tensor(new float[25], new int[] { 5, 5, 1 }));
        IOException e = assertThrows(IOException.class,
                () -> provider.compute(new InputKey(small, Preprocessing.RESCALE), ProgressMonitor.NULL));
        assertEquals("small.npy: an array of shape (5, 5, 1) does not fit this model, which takes (28, 28, 1)",
                e.getMessage());
        assertEquals(0, engine.forwards.get(), "the engine is not asked");
        Path fits = dir.resolve("fits.npy");
        Npy.write(fits, new Tensor(new float[28 * 28], new int[] { 1, 28, 28, 1 }));
        assertTrue(provider.compute(new InputKey(fits, Preprocessing.RESCALE), ProgressMonitor.NULL)
                .row("conv2d_1").orElseThrow().ok());
    }

    /**
     * An exception nobody foresaw, here from the engine, ends the run as an error naming the input,
     * logged with its stack trace; no Job error, so no second dialog over the view's.
     */
    @Test
    void anUnforeseenExceptionIsABugLoggedWithItsStackTrace() throws Exception {
        ActivationProvider broken = new ActivationProvider(provider.model(), g -> {
            throw new UnsupportedOperationException("no engine today");
        });
        InputKey three = new InputKey(Samples.three(0), Preprocessing.RESCALE);
        try (WorkspaceLog log = new WorkspaceLog()) {
            AnalysisJob.Outcome<ActivationRun> outcome = runJob(m -> broken.compute(three, m));
            assertNull(outcome.value());
            assertEquals(IStatus.ERROR, outcome.status().getSeverity());
            assertTrue(outcome.status().getException() instanceof UnsupportedOperationException);
            assertEquals("Computing activations for digit_3_0.png failed: an internal error"
                    + " (java.lang.UnsupportedOperationException: no engine today). This is a bug in Convscope;"
                    + " the Error Log has the details.", outcome.message());
            assertTrue(log.problems().stream().anyMatch(s -> s.getException() instanceof UnsupportedOperationException),
                    "the stack trace is logged: " + log.problems());
        } finally {
            broken.close();
        }
    }

    /** A file the input cannot be read from is the person's to fix: a warning with its message, not logged. */
    @Test
    void aBadImageIsAWarningForTheStatusLineAndNotLogged(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("not-an-image.png"), "hello");
        try (WorkspaceLog log = new WorkspaceLog()) {
            AnalysisJob.Outcome<ActivationRun> outcome = runJob(
                    m -> provider.compute(new InputKey(bad, Preprocessing.RESCALE), m));
            assertEquals(IStatus.WARNING, outcome.status().getSeverity());
            assertTrue(outcome.message().startsWith("not-an-image.png"), outcome.message());
            assertNull(log.stackTraces());
        }
    }

    @Test
    void aCancelledRunIsCancelled() throws Exception {
        AnalysisJob.Outcome<Object> outcome = runJob(m -> {
            throw new CancelledException();
        });
        assertEquals(IStatus.CANCEL, outcome.status().getSeverity());
        assertEquals("Cancelled.", outcome.message());
    }

    /**
     * A job cancelled while it waits never runs its work; its part hears that it was cancelled all
     * the same (a worker may also take a job and be cancelled before it runs it: the same outcome).
     */
    @Test
    void aRunCancelledBeforeItStartsIsCancelled() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        ISchedulingRule held = new ISchedulingRule() {

            @Override
            public boolean contains(ISchedulingRule rule) {
                return rule == this;
            }

            @Override
            public boolean isConflicting(ISchedulingRule rule) {
                return rule == this;
            }
        };
        IJobManager jobs = Job.getJobManager();
        Told<Object> told = new Told<>();
        AnalysisJob<Object> job = new AnalysisJob<>(Messages.bind(Messages.computeTask, "digit_3_0.png"),
                ActivationProviderTest.class, m -> ran.getAndSet(true), told::accept);
        told.watch(job);
        job.setRule(held);
        jobs.beginRule(held, null);
        try {
            job.schedule();
            assertEquals(Job.WAITING, job.getState(), "the job waits for the rule this thread holds");
            assertTrue(job.cancel(), "cancelled before it ran");
        } finally {
            jobs.endRule(held);
        }
        AnalysisJob.Outcome<Object> outcome = told.await();
        assertFalse(ran.get(), "the work never ran");
        assertEquals(IStatus.CANCEL, outcome.status().getSeverity());
        assertEquals("Cancelled.", outcome.message());
    }

    private static <R> AnalysisJob.Outcome<R> runJob(AnalysisJob.Work<R> work) throws InterruptedException {
        Told<R> told = new Told<>();
        AnalysisJob<R> job = new AnalysisJob<>(Messages.bind(Messages.computeTask, "digit_3_0.png"),
                ActivationProviderTest.class, work, told::accept);
        told.watch(job);
        job.schedule();
        AnalysisJob.Outcome<R> outcome = told.await();
        assertTrue(job.getResult().isOK() || job.getResult().getSeverity() == IStatus.CANCEL,
                "no Job error, so no second dialog: " + job.getResult());
        return outcome;
    }

    /** The outcomes a job's part was told, counted once the job has ended and told its listeners. */
    private static final class Told<R> {

        private final AtomicInteger count = new AtomicInteger();
        private final AtomicReference<AnalysisJob.Outcome<R>> last = new AtomicReference<>();
        private final CountDownLatch ended = new CountDownLatch(1);

        void accept(AnalysisJob.Outcome<R> outcome) {
            last.set(outcome);
            count.incrementAndGet();
        }

        /** Listens to {@code job}, after its own listener, for its end; call before it is scheduled. */
        void watch(Job job) {
            job.addJobChangeListener(new JobChangeAdapter() {

                @Override
                public void done(IJobChangeEvent event) {
                    ended.countDown();
                }
            });
        }

        /** @return the one outcome the job reported, once it ended */
        AnalysisJob.Outcome<R> await() throws InterruptedException {
            assertTrue(ended.await(30, TimeUnit.SECONDS), "the job ended");
            assertEquals(1, count.get(), "one outcome");
            return last.get();
        }
    }

    @Test
    void thePreprocessingComesFromTheSampleMetadataUnlessThePreferenceFixesIt() throws IOException {
        PreprocessingChoice g = provider.suggestedPreprocessing(Optional.empty());
        assertEquals(Preprocessing.RESCALE, g.preprocessing());
        assertEquals(PreprocessingChoice.Source.SIDE_FILE, g.source());
        assertEquals(PreprocessingChoice.Source.CHOSEN,
                provider.suggestedPreprocessing(Optional.of(Preprocessing.TF)).source());
        InputSpec spec = provider.inputSpec(Preprocessing.RESCALE);
        assertEquals(28, spec.height());
        assertEquals(ColorMode.GRAYSCALE, spec.colorMode());
    }

    @Test
    void familiesAreKnownByNameAndTheRestIsAGuess(@TempDir Path dir) {
        assertEquals(new PreprocessingChoice(Preprocessing.CAFFE, PreprocessingChoice.Source.FAMILY),
                ModelInputs.preprocessing(dir.resolve("x.h5"), "vgg16", null));
        assertEquals(PreprocessingChoice.Source.FALLBACK,
                ModelInputs.preprocessing(dir.resolve("x.h5"), "mine", null).source());
    }

    @Test
    void closingFreesTheEngineButKeepsTheResults() throws IOException {
        InputKey three = new InputKey(Samples.three(0), Preprocessing.RESCALE);
        provider.compute(three, ProgressMonitor.NULL);
        provider.close();
        assertEquals(1, engine.closes.get(), "native memory freed once");
        assertTrue(provider.cached(three).isPresent(), "open editors keep their data");
        assertThrows(AnalysisException.class,
                () -> provider.compute(new InputKey(Samples.three(1), Preprocessing.RESCALE), ProgressMonitor.NULL));
    }
}
