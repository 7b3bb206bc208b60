package org.convscope.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.convscope.core.text.MessageSources;
import org.junit.jupiter.api.Test;

/**
 * The scan's user-visible strings (STYLE.md 8): {@code Messages} and its {@code messages.properties}
 * match key for key and every key is used.
 */
class ScanMessagesTest {

    @Test
    void messagesMatchTheirFileAndAreUsed() throws Exception {
        assertEquals(List.of(), MessageSources.of("org.convscope.scan", ScanMessagesTest.class.getClassLoader())
                .problems());
    }
}
