package org.convscope.ui.atlas;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the Channel Atlas (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.atlas.messages";

    public static String wrongInput;
    public static String layer;
    public static String sort;
    public static String show;
    public static String channels;
    public static String channelsHint;
    public static String channelsTip;
    public static String sortChannel;
    public static String sortMean;
    public static String sortMax;
    public static String sortSparsity;
    public static String showAll;
    public static String showLive;
    public static String showDead;
    public static String zoomOut;
    public static String zoomOutTip;
    public static String zoomIn;
    public static String zoomInTip;
    public static String zoomFit;
    public static String zoomFitTip;
    public static String zoomActual;
    public static String zoomActualTip;
    public static String summary;
    public static String hoverHint;
    public static String hoverChannel;
    public static String hoverExample;
    public static String markDead;
    public static String tileChannel;
    public static String tileDead;
    public static String tileStats;
    public static String missingImage;
    public static String decodeJob;
    public static String decodeTask;
    public static String dialogTitle;
    public static String exampleCaption;
    public static String exampleMissing;
    public static String overlayTask;
    public static String overlayComputing;
    public static String overlayShown;
    public static String overlayNoModel;
    public static String overlayFailed;
    public static String modelFound;
    public static String modelMissing;
    public static String layerNotInModel;
    public static String noSuchStore;
    public static String emptyStore;
    public static String damagedStore;
    public static String npyNotBatch;
    public static String openJob;
    public static String openFailedTitle;
    public static String findJob;
    public static String chooseStoreTitle;
    public static String filterStores;
    public static String filterAll;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
