package org.convscope.ui.grid;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the grid editor (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.grid.messages";

    public static String keyZoomIn;
    public static String keyZoomOut;
    public static String keyWheel;
    public static String keyScroll;
    public static String keyDrag;
    public static String wrongInput;
    public static String computing;
    public static String cannotDraw;
    public static String hover;
    public static String hoverHint;
    public static String markDead;
    public static String markConstant;
    public static String summary;
    public static String renderTime;
    public static String channelTitle;
    public static String exportFailed;
    public static String openFailed;
    public static String barMax;
    public static String barMin;
    public static String plotHover;
    public static String plotStats;
    public static String perRow;
    public static String colormap;
    public static String scope;
    public static String scopeChannel;
    public static String scopeLayer;
    public static String scopeGlobal;
    public static String scopeShared;
    public static String zoomOut;
    public static String zoomOutTip;
    public static String zoomIn;
    public static String zoomInTip;
    public static String zoomFit;
    public static String zoomFitTip;
    public static String zoomActual;
    public static String zoomActualTip;
    public static String exportPng;
    public static String exportPngTip;
    public static String exportNpy;
    public static String exportNpyTip;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
