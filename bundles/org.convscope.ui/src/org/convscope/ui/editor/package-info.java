/**
 * The model editor: each open model file is an editor in the editor area, its graph drawn by the
 * canvas of {@code org.convscope.ui.graph}. Editors on one file share one loaded model
 * ({@link org.convscope.ui.LoadedModels}); the views follow the active model editor through
 * {@link org.convscope.ui.editor.ActiveModel}.
 */
package org.convscope.ui.editor;
