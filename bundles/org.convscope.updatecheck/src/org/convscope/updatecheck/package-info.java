/**
 * The build's check of the standalone product's self-update: inside the unpacked product, p2's
 * {@code UpdateOperation} (what Help &gt; Check for Updates runs) against a repository with a newer
 * Convscope, with the outcome written to a file the build reads.
 */
package org.convscope.updatecheck;
