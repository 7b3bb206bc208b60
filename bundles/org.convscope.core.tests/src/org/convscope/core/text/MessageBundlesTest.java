package org.convscope.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.convscope.core.text.fixture.Messages;
import org.junit.jupiter.api.Test;

/** The lookup behind every user-visible string of the plain-Java bundles. */
class MessageBundlesTest {

    @Test
    void bindWritesArgumentsAsTheyAre() {
        // no digit grouping, no quoting: what java.text.MessageFormat would change
        assertEquals("1234567 values in 'conv2d' (0.5)", MessageBundles.bind("{0} values in '{1}' ({2})", 1234567,
                "conv2d", 0.5));
        assertEquals("it's 3", MessageBundles.bind("it's {0}", 3L));
        assertEquals("null and [2, 3]", MessageBundles.bind("{0} and {1}", null, List.of(2, 3)));
    }

    @Test
    void bindLeavesOtherBracesAndArgumentTextAlone() {
        assertEquals("{'descr': x} {1} {} {a}", MessageBundles.bind("{'descr': {0}} {1} {} {a}", "x"));
        assertEquals("{1}b", MessageBundles.bind("{0}{1}", "{1}", "b"));
        assertEquals("b a b", MessageBundles.bind("{1} {0} {1}", "a", "b"));
        assertEquals("no arguments", MessageBundles.bind("no arguments"));
    }

    @Test
    void loadFillsFieldsFromTheRootFile() {
        assertEquals("Keras's {0} \u00d7 {1}", Messages.present);
        assertEquals("Keras's 2 \u00d7 3",
                MessageBundles.bind(Messages.present, 2, 3));
        assertEquals("!org.convscope.core.text.fixture/messages.properties: no notInFile!",
                Messages.notInFile);
    }

    @Test
    void problemsNameEveryMismatch() {
        assertEquals(List.of(
                "org.convscope.core.text.fixture/messages.properties has no key notInFile for the field of that name",
                "org.convscope.core.text.fixture/messages.properties: key notAscii has no field in "
                        + "org.convscope.core.text.fixture.Messages",
                "org.convscope.core.text.fixture/messages.properties: key notInCode has no field in "
                        + "org.convscope.core.text.fixture.Messages",
                "org.convscope.core.text.fixture/messages.properties: withGap has placeholders [0, 2], not {0} to {n-1}",
                "org.convscope.core.text.fixture/messages.properties: byte 101 is not ASCII; write \\uXXXX"),
                MessageBundles.problems(Messages.class));
    }
}
