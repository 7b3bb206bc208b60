package org.convscope.ui.grid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * Zoom canvases side by side, each under its title, whose zoom and scroll follow one another:
 * panning or zooming one moves them all. The compare editor and the layer-pair editor show their
 * grids and the difference this way.
 */
public final class LinkedPanes {

    /** The image pixel under the pointer in any pane; (−1, −1) when it left the image. */
    @FunctionalInterface
    public interface Pointer {

        void moved(int x, int y);
    }

    private final List<ZoomCanvas> panes = new ArrayList<>();
    private final Pointer pointer;

    public LinkedPanes(Pointer pointer) {
        this.pointer = pointer;
    }

    /**
     * Adds a pane in a cell of {@code row} (laid out by a {@link GridLayout}).
     *
     * @return the pane's canvas
     */
    public ZoomCanvas add(Composite row, String title) {
        Composite cell = new Composite(row, SWT.NONE);
        cell.setLayoutData(GridDataFactory.fillDefaults().grab(true, true).create());
        GridLayout l = new GridLayout(1, false);
        l.marginWidth = 0;
        l.marginHeight = 0;
        cell.setLayout(l);
        Label t = new Label(cell, SWT.NONE);
        t.setText(title);
        t.setToolTipText(title);
        t.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        ZoomCanvas pane = new ZoomCanvas(cell);
        pane.control().setLayoutData(GridDataFactory.fillDefaults().grab(true, true).hint(200, 200).create());
        pane.addListener(new ZoomCanvas.Listener() {

            @Override
            public void viewportChanged(ZoomCanvas source) {
                for (ZoomCanvas other : panes) {
                    if (other != source) {
                        other.setViewport(source.zoom(), source.origin());
                    }
                }
            }

            @Override
            public void pointerMoved(ZoomCanvas source, int x, int y) {
                pointer.moved(x, y);
            }
        });
        panes.add(pane);
        return pane;
    }

    /** @return the panes in the order added (a live, unmodifiable view) */
    public List<ZoomCanvas> panes() {
        return Collections.unmodifiableList(panes);
    }
}
