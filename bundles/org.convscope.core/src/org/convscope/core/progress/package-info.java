/** Progress reporting and cancellation, owned by the core so that it needs no Eclipse type. */
package org.convscope.core.progress;
