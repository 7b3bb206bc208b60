package org.convscope.engine;

import java.util.List;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.text.MessageBundles;

/**
 * A layer name the model does not have; the message offers the closest names it does have
 * ({@link LayerNames#suggestions}) rather than all of them.
 */
public final class NoSuchLayerException extends AnalysisException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> suggestions;

    /**
     * @param name        the name asked for
     * @param suggestions close names the model has, best first; may be empty
     */
    public NoSuchLayerException(String name, List<String> suggestions) {
        super(suggestions.isEmpty()
                ? MessageBundles.bind(Messages.noSuchLayer, name)
                : MessageBundles.bind(Messages.noSuchLayerDidYouMean, name, String.join(", ", suggestions)));
        this.name = name;
        this.suggestions = List.copyOf(suggestions);
    }

    /** @return the name asked for */
    public String name() {
        return name;
    }

    /** @return close names the model has, best first */
    public List<String> suggestions() {
        return suggestions;
    }
}
