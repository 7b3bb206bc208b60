/** The Convscope workbench parts: views, editors and the handlers that open models. */
package org.convscope.ui;
