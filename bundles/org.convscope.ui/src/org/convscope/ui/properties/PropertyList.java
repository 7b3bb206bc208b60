package org.convscope.ui.properties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;

/**
 * A read-only property source built from a list of (category, label, value) rows. Values are
 * suppliers so expensive ones (weight statistics) are asked for only when the sheet shows them.
 */
class PropertyList implements IPropertySource {

    private final Map<String, Supplier<Object>> values = new LinkedHashMap<>();
    private final List<IPropertyDescriptor> descriptors = new ArrayList<>();
    private final Object editable;

    /** @param editable what the sheet shows in the parent row when this source is nested */
    PropertyList(Object editable) {
        this.editable = editable;
    }

    /** Adds a row; ids are made unique so repeated labels (two inputs) stay apart. */
    PropertyList add(String category, String label, Supplier<Object> value) {
        String id = category + "/" + label + "/" + descriptors.size();
        PropertyDescriptor d = new PropertyDescriptor(id, label);
        d.setCategory(category);
        descriptors.add(d);
        values.put(id, value);
        return this;
    }

    PropertyList add(String category, String label, Object value) {
        return add(category, label, () -> value);
    }

    @Override
    public Object getEditableValue() {
        return editable;
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        return descriptors.toArray(IPropertyDescriptor[]::new);
    }

    @Override
    public Object getPropertyValue(Object id) {
        Supplier<Object> s = values.get(id);
        return s == null ? null : s.get();
    }

    @Override
    public boolean isPropertySet(Object id) {
        return false;
    }

    @Override
    public void resetPropertyValue(Object id) {
        // read-only
    }

    @Override
    public void setPropertyValue(Object id, Object value) {
        // read-only
    }

    @Override
    public String toString() {
        return String.valueOf(editable);
    }
}
