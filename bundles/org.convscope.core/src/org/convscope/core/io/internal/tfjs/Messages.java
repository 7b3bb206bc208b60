package org.convscope.core.io.internal.tfjs;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String unsafeShardPath;
    static String missingShard;
    static String shortShards;
    static String shardShrank;
    static String notLayersModel;
    static String noModelTopology;
    static String noModelConfig;
    static String manifestNotList;
    static String formatLayersModel;
    static String manifestGroup;
    static String groupLacksLists;
    static String shardPathNotText;
    static String shardsTooShort;
    static String weight;
    static String weightWithoutNameOrShape;
    static String absurdShape;
    static String quotedWeight;
    static String unreadDtype;
    static String unreadQuantization;
    static String quantizationLacksScale;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
