/** The Properties view's content for layers, weights and the open model. */
package org.convscope.ui.properties;
