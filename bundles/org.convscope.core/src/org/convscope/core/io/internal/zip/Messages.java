package org.convscope.core.io.internal.zip;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String damagedArchive;
    static String noEndRecord;
    static String zip64Record;
    static String badZip64Record;
    static String tooManyEntries;
    static String directoryClaims;
    static String directory;
    static String directoryEntryDamaged;
    static String entryBeyondFile;
    static String localHeaderOf;
    static String localHeaderDamaged;
    static String dataOf;
    static String unsafeEntry;
    static String beyondEnd;
    static String archiveEnds;
    static String noConfig;
    static String formatArchive;
    static String formatArchiveVersion;
    static String storedSizesDiffer;
    static String entryTooLarge;
    static String entryClaims;
    static String entry;
    static String unreadMethod;
    static String inflatesToMore;
    static String inflatesTo;
    static String corruptData;
    static String noEntries;
    static String andMore;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
