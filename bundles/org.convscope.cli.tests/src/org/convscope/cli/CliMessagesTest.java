package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.convscope.core.text.MessageSources;
import org.junit.jupiter.api.Test;

/**
 * The command line's user-visible strings (STYLE.md 8): each package's {@code Messages} class and its
 * {@code messages.properties} as the bundle ships them match key for key, the package's code uses
 * every key, and no other properties file holds strings ({@link org.convscope.core.text.MessageSources}).
 */
class CliMessagesTest {

    private final MessageSources sources = MessageSources.of("org.convscope.cli",
            CliMessagesTest.class.getClassLoader());

    @Test
    void theMessagesClassesAreFound() throws Exception {
        assertTrue(sources.messagesClasses().size() >= 1, "Messages classes: " + sources.messagesClasses());
    }

    @Test
    void messagesMatchTheirFilesAndAreUsed() throws Exception {
        assertEquals(List.of(), sources.problems());
    }
}
