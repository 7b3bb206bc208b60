package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.explain.AttributionMethod;
import org.convscope.engine.explain.ExplainOptions;
import org.convscope.ui.OpenModel;
import org.convscope.ui.explain.ExplainProvider;
import org.convscope.ui.explain.ExplainResult;
import org.convscope.ui.explain.ExplainSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Explain view's provider without a display, on the bundled sample: a method that fails for
 * the model is named while the others still give maps, and so is an image that cannot be read.
 */
class ExplainProviderTest {

    /** The real engine, except that gradients with respect to the input fail, as a model may refuse them. */
    private static Network noInputGradients(ModelGraph g) {
        Network real = Engine.open(g);
        String input = real.inputNames().get(0);
        return (Network) Proxy.newProxyInstance(Network.class.getClassLoader(), new Class<?>[] { Network.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("gradients") && ((Collection<?>) args[2]).contains(input)) {
                        throw new AnalysisException("no gradient reaches the input in this stand-in");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static ExplainSettings settings(List<Path> files, List<AttributionMethod> methods) {
        return new ExplainSettings(files, Preprocessing.RESCALE, methods, List.of(), -1, false, false,
                ExplainOptions.DEFAULTS);
    }

    @Test
    void aFailingMethodIsNamedAndTheOthersShow(@TempDir Path dir) throws IOException {
        Path model = Samples.model();
        Path broken = dir.resolve("broken.png");
        Files.writeString(broken, "not a picture");
        try (ModelGraph graph = KerasModels.open(model);
                ExplainProvider p = new ExplainProvider(new OpenModel(model, graph),
                        ExplainProviderTest::noInputGradients)) {
            ExplainResult r = p.compute(settings(List.of(Samples.three(0), broken, Samples.three(1)),
                    List.of(AttributionMethod.GRADCAM, AttributionMethod.SALIENCY, AttributionMethod.OCCLUSION)),
                    ProgressMonitor.NULL);
            assertEquals(List.of(AttributionMethod.GRADCAM, AttributionMethod.OCCLUSION), r.methods());
            assertEquals(List.of("digit_3_0.png", "digit_3_1.png"), r.names());
            assertEquals(2, r.problems().size(), r.problems().toString());
            assertTrue(r.problems().get(0).contains("broken.png"), r.problems().get(0));
            assertEquals("saliency failed: no gradient reaches the input in this stand-in", r.problems().get(1));
            assertEquals(2, r.imageCount());
            assertEquals(List.of(AttributionMethod.GRADCAM, AttributionMethod.OCCLUSION),
                    List.copyOf(r.image(1).maps().keySet()));

            AnalysisException alone = assertThrows(AnalysisException.class, () -> p.compute(
                    settings(List.of(Samples.three(0)), List.of(AttributionMethod.SALIENCY)), ProgressMonitor.NULL));
            assertEquals("saliency failed: no gradient reaches the input in this stand-in", alone.getMessage());

            IOException none = assertThrows(IOException.class, () -> p.compute(
                    settings(List.of(broken), List.of(AttributionMethod.GRADCAM)), ProgressMonitor.NULL));
            assertTrue(none.getMessage().contains("broken.png"), none.getMessage());
        }
    }
}
