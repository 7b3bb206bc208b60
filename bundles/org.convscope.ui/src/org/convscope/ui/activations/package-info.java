/**
 * The Activation view's logic, free of widgets: the provider that runs a model once per input and
 * keeps the results, the rows of the result table, the preprocessing guess, and the Job that runs
 * a computation with progress and cancel.
 */
package org.convscope.ui.activations;
