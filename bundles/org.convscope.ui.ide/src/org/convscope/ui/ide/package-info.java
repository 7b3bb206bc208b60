/**
 * Convscope inside an Eclipse IDE: the perspective, and the commands that a model file in the
 * Project Explorer offers. Only the IDE has the bundles this needs (resources, ui.ide); the
 * standalone product does without this bundle.
 */
package org.convscope.ui.ide;
