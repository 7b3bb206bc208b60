/**
 * Opening models: File &gt; Open…, the recent models list and where open errors are reported.
 * {@link org.convscope.ui.ModelOpener} reads the file in a job and announces the model.
 */
package org.convscope.ui.open;
