/** Help &gt; Keys: every key of the graph, the grids and the pictures, read from their bindings. */
package org.convscope.ui.help;
