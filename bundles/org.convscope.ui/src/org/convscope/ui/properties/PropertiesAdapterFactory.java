package org.convscope.ui.properties;

import org.convscope.core.model.Layer;
import org.convscope.ui.OpenModel;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.views.properties.IPropertySource;

/**
 * Lets the standard Properties view show layers and the open model, whichever part selects them
 * (registered in plugin.xml).
 */
public final class PropertiesAdapterFactory implements IAdapterFactory {

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        if (adapterType != IPropertySource.class) {
            return null;
        }
        if (adaptable instanceof Layer l) {
            return adapterType.cast(PropertySources.layer(l));
        }
        if (adaptable instanceof OpenModel m) {
            return adapterType.cast(PropertySources.model(m));
        }
        return null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] { IPropertySource.class };
    }
}
