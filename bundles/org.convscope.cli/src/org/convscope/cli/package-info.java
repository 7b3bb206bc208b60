/**
 * The headless {@code convscope} command line: plain Java on a plain classpath, outside OSGi,
 * over the same core and engine the workbench uses.
 */
package org.convscope.cli;
