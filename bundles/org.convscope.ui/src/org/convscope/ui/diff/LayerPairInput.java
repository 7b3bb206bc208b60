package org.convscope.ui.diff;

import java.util.List;

import org.convscope.core.tensor.Tensor;
import org.convscope.ui.ComputedEditorInput;

/**
 * One matched layer of two models, computed for one input: the two outputs the layer-pair editor
 * shows side by side with their difference.
 *
 * @param names  the two panes' titles (model file and layer)
 * @param title  the editor's name
 * @param input  the input's file name
 * @param output A's output, then B's, of one shape
 */
public record LayerPairInput(List<String> names, String title, String input, List<Tensor> output)
        implements
            ComputedEditorInput {

    public LayerPairInput {
        names = List.copyOf(names);
        output = List.copyOf(output);
    }

    @Override
    public String getName() {
        return title;
    }

    @Override
    public String getToolTipText() {
        return names.get(0) + " \u2194 " + names.get(1) + " (" + input + ")";
    }
}
