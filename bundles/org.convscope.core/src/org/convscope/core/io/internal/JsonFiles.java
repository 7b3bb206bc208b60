package org.convscope.core.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.json.Json;
import org.convscope.core.json.JsonException;
import org.convscope.core.text.MessageBundles;

/** Reads JSON documents from model files with a size bound and file-naming errors. */
public final class JsonFiles {

    private JsonFiles() {
    }

    /**
     * @param file     the JSON file
     * @param maxBytes the largest file accepted
     * @return the parsed value
     */
    public static Object read(Path file, long maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.jsonTooLarge, size, maxBytes));
        }
        return parse(file, null, text(file, null, ByteBuffer.wrap(Files.readAllBytes(file))));
    }

    /**
     * @param where what inside the file held the bytes, or null
     * @return the bytes decoded as UTF-8
     * @throws ModelFormatException if they are not UTF-8
     */
    public static String text(Path file, String where, ByteBuffer bytes) throws ModelFormatException {
        ByteBuffer in = bytes;
        if (!bytes.hasArray()) {
            // The decoder's fast loop needs an array behind the buffer; a mapped zip entry has
            // none, and decoding it in place took three times as long as copying it first.
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            in = ByteBuffer.wrap(copy);
        }
        int start = in.position();
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(in).toString();
        } catch (CharacterCodingException e) {
            String prefix = where == null ? "" : where + ": ";
            throw new ModelFormatException(file,
                    prefix + MessageBundles.bind(Messages.notUtf8, in.position() - start), e);
        }
    }

    /**
     * @param file  the file shown in messages
     * @param where what inside the file held the text (an attribute or zip entry), or null
     * @param text  the JSON text
     * @return the parsed value
     */
    public static Object parse(Path file, String where, String text) throws ModelFormatException {
        try {
            return Json.parse(stripBom(text));
        } catch (JsonException e) {
            String prefix = where == null ? "" : where + ": ";
            throw new ModelFormatException(file, prefix + MessageBundles.bind(Messages.malformedJson, e.getMessage()),
                    e);
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
