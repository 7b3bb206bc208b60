/** Pages of Help > About > Installation Details. */
package org.convscope.ui.about;
