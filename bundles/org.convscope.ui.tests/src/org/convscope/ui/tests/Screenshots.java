package org.convscope.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/** Saves what a control shows as a PNG under {@code target/screenshots}, for a person to look at. */
public final class Screenshots {

    private Screenshots() {
    }

    /** Paints pending events, then copies {@code control}'s pixels into {@code name}.png. */
    public static Path save(Control control, String name) throws Exception {
        Display display = control.getDisplay();
        while (display.readAndDispatch()) {
            // let pending paints happen before the copy
        }
        Path dir = Path.of(System.getProperty("convscope.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Rectangle bounds = control.getBounds();
        Image image = new Image(display, Math.max(1, bounds.width), Math.max(1, bounds.height));
        GC gc = new GC(control);
        try {
            gc.copyArea(image, 0, 0);
        } finally {
            gc.dispose();
        }
        try {
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            Path file = dir.resolve(name + ".png");
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } finally {
            image.dispose();
        }
    }
}
