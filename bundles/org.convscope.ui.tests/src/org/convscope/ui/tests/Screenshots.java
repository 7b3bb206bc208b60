package org.convscope.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
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
        Rectangle bounds = control.getBounds();
        Image image = new Image(display, Math.max(1, bounds.width), Math.max(1, bounds.height));
        GC gc = new GC(control);
        try {
            gc.copyArea(image, 0, 0);
        } finally {
            gc.dispose();
        }
        return write(image, name);
    }

    /**
     * Paints pending events, then saves what {@code control}'s paint code draws (Control.print)
     * into {@code name}.png: a copy of the screen can catch the frame before a relayout, as GTK
     * paints on its own frame clock.
     */
    public static Path printed(Control control, String name) throws Exception {
        Display display = control.getDisplay();
        while (display.readAndDispatch()) {
            // let pending layouts and paints happen first
        }
        Point size = control.getSize();
        Image image = new Image(display, Math.max(1, size.x), Math.max(1, size.y));
        GC gc = new GC(image);
        try {
            if (!control.print(gc)) {
                throw new AssertionError(control + " cannot print itself");
            }
        } finally {
            gc.dispose();
        }
        return write(image, name);
    }

    /** Writes {@code image} as {@code name}.png and disposes of it. */
    private static Path write(Image image, String name) throws Exception {
        try {
            Path dir = Path.of(System.getProperty("convscope.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
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
