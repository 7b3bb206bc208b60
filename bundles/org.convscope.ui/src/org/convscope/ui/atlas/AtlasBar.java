package org.convscope.ui.atlas;

import java.util.List;
import java.util.function.DoubleConsumer;

import org.convscope.ui.theme.UiTheme;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** The row of controls above the atlas: layer, order, which channels, a channel list, zoom. */
public final class AtlasBar {

    private final Composite row;
    private final Combo layer;
    private final Combo order;
    private final Combo show;
    private final Text channels;
    private final Label problem;

    /**
     * @param layers  the store's layers
     * @param changed told of every change the person makes
     */
    AtlasBar(Composite parent, List<String> layers, Runnable changed) {
        row = new Composite(parent, SWT.NONE);
        row.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.center = true;
        layout.marginTop = 0;
        layout.marginBottom = 0;
        row.setLayout(layout);
        new Label(row, SWT.NONE).setText(Messages.layer);
        layer = new Combo(row, SWT.READ_ONLY);
        layer.setItems(layers.toArray(String[]::new));
        layer.select(0);
        layer.addListener(SWT.Selection, e -> changed.run());
        new Label(row, SWT.NONE).setText(Messages.sort);
        order = new Combo(row, SWT.READ_ONLY);
        for (Atlas.Order o : Atlas.Order.values()) {
            order.add(o.label());
        }
        order.select(0);
        order.addListener(SWT.Selection, e -> changed.run());
        new Label(row, SWT.NONE).setText(Messages.show);
        show = new Combo(row, SWT.READ_ONLY);
        for (Atlas.Show s : Atlas.Show.values()) {
            show.add(s.label());
        }
        show.select(0);
        show.addListener(SWT.Selection, e -> changed.run());
        new Label(row, SWT.NONE).setText(Messages.channels);
        channels = new Text(row, SWT.BORDER | SWT.SEARCH);
        channels.setMessage(Messages.channelsHint);
        channels.setToolTipText(Messages.channelsTip);
        channels.addListener(SWT.Modify, e -> changed.run());
        problem = new Label(row, SWT.NONE);
    }

    /** Adds the zoom buttons: out, in, fit, actual size. */
    void onZoom(DoubleConsumer zoomBy, Runnable fit, Runnable actual) {
        button(Messages.zoomOut, Messages.zoomOutTip, () -> zoomBy.accept(0.8));
        button(Messages.zoomIn, Messages.zoomInTip, () -> zoomBy.accept(1.25));
        button(Messages.zoomFit, Messages.zoomFitTip, fit);
        button(Messages.zoomActual, Messages.zoomActualTip, actual);
    }

    private void button(String text, String tip, Runnable action) {
        Button b = new Button(row, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.addListener(SWT.Selection, e -> action.run());
    }

    /** @return the layer chosen */
    public String layer() {
        return layer.getText();
    }

    void selectLayer(String name) {
        layer.select(Math.max(0, layer.indexOf(name)));
    }

    /** @return the order chosen */
    public Atlas.Order order() {
        return Atlas.Order.values()[Math.max(0, order.getSelectionIndex())];
    }

    /** @return which channels show */
    public Atlas.Show show() {
        return Atlas.Show.values()[Math.max(0, show.getSelectionIndex())];
    }

    /** @return the channel list typed */
    public String channels() {
        return channels.getText();
    }

    /** Shows why the channel list cannot be read, or nothing. */
    void setProblem(String message) {
        problem.setText(message == null ? "" : message);
        problem.setForeground(message == null ? null : UiTheme.color(UiTheme.palette().problem()));
        row.layout();
    }

    /** @return why the channel list cannot be read, or "" */
    public String problem() {
        return problem.getText();
    }

    /** Chooses as the person would, and tells the editor (tests). */
    public void choose(String layerName, Atlas.Order o, Atlas.Show s, String channelList) {
        layer.select(Math.max(0, layer.indexOf(layerName)));
        order.select(o.ordinal());
        show.select(s.ordinal());
        // setText fires Modify, which refreshes; the same text fires nothing, so refresh by a selection
        if (channels.getText().equals(channelList)) {
            layer.notifyListeners(SWT.Selection, null);
        } else {
            channels.setText(channelList);
        }
    }
}
