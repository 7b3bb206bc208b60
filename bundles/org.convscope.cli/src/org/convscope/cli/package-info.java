/**
 * The headless {@code convscope} command line: plain Java on a plain classpath, outside OSGi,
 * over the same core and engine the workbench uses.
 *
 * <p>Help, usage, printed labels and problems are in {@code messages.properties}, read through
 * {@link org.convscope.core.text.MessageBundles}. Left in the code: command and option names (what
 * a person types, the same in any wording), the column layouts of printed tables, and the class
 * name printed for an exception that has no message.
 */
package org.convscope.cli;
