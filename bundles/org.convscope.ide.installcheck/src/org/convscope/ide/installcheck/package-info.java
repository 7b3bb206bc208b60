/**
 * The build's check of Convscope installed into an Eclipse IDE: what a person does first, driven
 * in the IDE's own workbench, with the outcome written to a file the build reads.
 */
package org.convscope.ide.installcheck;
