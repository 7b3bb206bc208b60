package org.convscope.ui.graph;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the graph view (messages.properties beside this class). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.graph.messages";

    public static String layoutJob;
    public static String layoutFailed;
    public static String noModel;
    public static String layingOut;
    public static String layoutCancelled;
    public static String leftRight;
    public static String zoomFit;
    public static String zoomHome;
    public static String find;
    public static String findHint;
    public static String findCount;
    public static String findNone;
    public static String exportPng;
    public static String expandAll;
    public static String collapseAll;
    public static String exportFailed;
    public static String exportTooLarge;
    public static String menuFilters;
    public static String menuGradCam;
    public static String menuExplain;
    public static String menuAtlas;
    public static String menuExpand;
    public static String menuCollapse;
    public static String keyFit;
    public static String keyHome;
    public static String keyCtrlZoom;
    public static String keyWheel;
    public static String keyDoubleClick;
    public static String keyEsc;
    public static String keyActual;
    public static String exportGraph;
    public static String exportFilterPng;
    public static String exportFilterSvg;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
