package org.convscope.core.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;

import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ModernConfigTest {

    @Test
    void keras1ConvolutionBecomesConv2D() {
        ModernConfig m = ModernConfig.of("Convolution2D", Map.of("name", "c", "nb_filter", 4L, "nb_row", 3L,
                "nb_col", 5L, "border_mode", "same", "subsample", List.of(2L, 2L), "dim_ordering", "th", "bias",
                false));
        assertEquals("Conv2D", m.kerasClass());
        assertEquals(Map.of("name", "c", "filters", 4L, "kernel_size", List.of(3L, 5L), "padding", "same",
                "strides", List.of(2L, 2L), "data_format", "channels_first", "use_bias", false), m.config());
    }

    @Test
    void keras1OneDimensionalNamesAndMerge() {
        assertEquals(Map.of("filters", 8L, "kernel_size", List.of(5L), "strides", List.of(2L)),
                ModernConfig.of("Convolution1D", Map.of("nb_filter", 8L, "filter_length", 5L, "subsample_length", 2L))
                        .config());
        assertEquals(Map.of("pool_size", List.of(2L), "strides", List.of(2L)),
                ModernConfig.of("MaxPooling1D", Map.of("pool_length", 2L, "stride", 2L)).config());
        ModernConfig merge = ModernConfig.of("Merge", Map.of("mode", "concat", "concat_axis", -1L));
        assertEquals("Concatenate", merge.kerasClass());
        assertEquals(Map.of("mode", "concat", "axis", -1L), merge.config());
        assertEquals(Map.of("rate", 0.5), ModernConfig.of("Dropout", Map.of("p", 0.5)).config());
        assertEquals(Map.of("units", 10L), ModernConfig.of("Dense", Map.of("output_dim", 10L)).config());
        assertEquals(Map.of("output_dim", 10L), ModernConfig.of("Embedding", Map.of("output_dim", 10L)).config());
    }

    @Test
    void modernConfigsAreLeftAlone() {
        Map<String, Object> c = Map.of("filters", 4L, "kernel_size", List.of(3L, 3L), "padding", "valid");
        assertSame(c, ModernConfig.of("Conv2D", c).config());
    }

    @Test
    void everyLayerOfTheKeras1FixtureHasModernKeys() throws Exception {
        try (ModelGraph g = KerasModels.open(Fixtures.file("models/sequential_convnet.keras1.h5"))) {
            for (Layer l : g.layers()) {
                ModernConfig m = ModernConfig.of(l.kerasClass(), l.config());
                for (String old : List.of("nb_filter", "nb_row", "border_mode", "subsample", "dim_ordering",
                        "output_dim")) {
                    assertFalse(m.config().containsKey(old), l.name() + " still has " + old);
                }
                assertFalse(m.kerasClass().startsWith("Convolution"), l.name());
            }
        }
    }
}
