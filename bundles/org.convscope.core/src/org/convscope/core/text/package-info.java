/**
 * User-visible strings of the plain-Java bundles (STYLE.md habit 8). Each package that speaks to a
 * person has a package-private {@code Messages} class of {@code static String} fields and a
 * {@code messages.properties} beside it; {@link org.convscope.core.text.MessageBundles} fills the
 * fields and binds arguments. It is the plain-Java counterpart of the Eclipse NLS classes the UI
 * bundles use: the core, the engine and the command line run on a plain classpath without Eclipse.
 *
 * <p>A message is any text a person can read: the messages of the typed errors and of the
 * exceptions that user input can cause (a file, a config, an option value), progress task names,
 * table headers and format descriptions. Left in the code, because they are for programmers or
 * are not words: names given to {@code Objects.requireNonNull}; {@code IllegalStateException}s of
 * broken invariants (a colour map table missing from the jar); {@code IllegalArgumentException}s
 * and {@code IndexOutOfBoundsException}s that only a caller's mistake raises (a negative tensor
 * dimension, grid options out of range, a graph with two layers of one name, which the Keras reader
 * refuses with a message of its own before building one); {@code toString()} of values; Keras
 * config keys, class names and dtypes; the Gson texts that {@code Json} recognises in order to
 * rewrite them; and joins of punctuation alone, such as a file name, {@code ": "} and a message.
 */
package org.convscope.core.text;
