package org.convscope.ui.editor;

/**
 * An editor whose main content is a model's graph (a model editor, the compare-models editor):
 * results open beside such editors, and such editors open among each other
 * ({@link EditorPlacement}).
 */
public interface GraphEditorPart {
}
