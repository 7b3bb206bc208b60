/** Views of the Convscope workbench; thin, over providers that tests call without a display. */
package org.convscope.ui.views;
