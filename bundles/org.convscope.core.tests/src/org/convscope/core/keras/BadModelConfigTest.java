package org.convscope.core.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The bad-input files whose fault lies in the model config rather than the file: each opens or
 * fails as {@code bad/expected.json} says, with its phrase in the message.
 */
class BadModelConfigTest {

    private static String phrase(String file) throws Exception {
        Map<?, ?> expected = (Map<?, ?>) KerasFixturesTest.readJson(Fixtures.file("bad/expected.json"));
        return (String) ((Map<?, ?>) expected.get(file)).get("phrase");
    }

    private static void assertFails(String file) throws Exception {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> KerasModels.open(Fixtures.file("bad/" + file)).close());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(phrase(file)), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void cyclicConnections() throws Exception {
        assertFails("cyclic.json");
    }

    @Test
    void connectionFromNowhere() throws Exception {
        assertFails("unknown_inbound_layer.json");
    }

    @Test
    void deepNestingAndNonObjects() throws Exception {
        assertFails("deep_nesting.json");
        assertFails("number.json");
    }

    @Test
    void lambdaOpensAndIsNeverRun() throws Exception {
        try (ModelGraph g = KerasModels.open(Fixtures.file("bad/lambda_layer.json"))) {
            Layer lambda = g.allLayers().stream().filter(l -> l.kerasClass().equals("Lambda")).findFirst()
                    .orElseThrow();
            // the code stays a string in the config
            assertTrue(lambda.config().get("function") instanceof Map);
            assertTrue(KerasModels.unsupportedLayers(g).isEmpty());
        }
    }

    @Test
    void unknownClassOpens() throws Exception {
        try (ModelGraph g = KerasModels.open(Fixtures.file("bad/unknown_class.json"))) {
            assertEquals(1, KerasModels.unsupportedLayers(g).size());
            Layer unknown = g.allLayers().stream().filter(l -> l.category() == LayerCategory.UNKNOWN).findFirst()
                    .orElseThrow();
            assertEquals("MyFancyLayer", unknown.kerasClass());
            assertFalse(unknown.config().isEmpty());
        }
    }
}
