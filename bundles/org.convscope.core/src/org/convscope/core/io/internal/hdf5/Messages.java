package org.convscope.core.io.internal.hdf5;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String damagedFile;
    static String notHdf5;
    static String entryNotHdf5;
    static String hdf5Structure;
    static String unreadSuperblockVersion;
    static String badAddressSize;
    static String truncatedEndsBeyond;
    static String truncatedEndsAt;
    static String truncatedSuperblock;
    static String modelConfigAttribute;
    static String formatWeightsKeras3;
    static String formatWeightsKeras2;
    static String formatHdf5;
    static String eraNotRecorded;
    static String eraKeras3Legacy;
    static String eraKeras2;
    static String eraKeras1;
    static String eraKeras;
    static String notKerasModel;
    static String group;
    static String rootGroup;
    static String attributesOf;
    static String attributeOf;
    static String attributeTooLarge;
    static String attributeHoldsNothing;
    static String attributeNotText;
    static String weight;
    static String dataOfWeight;
    static String weightOfLayer;
    static String weightTooLarge;
    static String weightNotNumbers;
    static String weightGaveNoNumbers;
    static String weightGaveValues;
    static String weightGroupsTooDeep;
    static String layerWithoutWeightGroup;
    static String weightMissing;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
