package org.convscope.ui.tests.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.convscope.ui.ModelOpener;
import org.convscope.ui.OpenModel;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.open.RecentModels;
import org.convscope.ui.open.RecentModelsMenu;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.ModelEditors;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.DropTargetListener;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Opening a model the other ways than File &gt; Open: File &gt; Recent Models, and a file dropped on a model editor. */
@ExtendWith(InWorkbench.class)
class OpeningTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @AfterEach
    void closeTheEditors() throws Exception {
        ModelEditors.closeAllBut(PlatformUI.getWorkbench().getActiveWorkbenchWindow(), TestModels.sample());
    }

    @Test
    void recentModelsMenuReopensAModel() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        Path first = TestModels.fixture("functional_branches.keras");
        Path second = TestModels.sample();
        openAndWait(window, first);
        openAndWait(window, second);
        assertEquals(second, RecentModels.list().get(0));
        assertEquals(first, RecentModels.list().get(1));

        Menu menu = new Menu(window.getShell(), SWT.DROP_DOWN);
        try {
            new RecentModelsMenu().fill(menu, 0);
            MenuItem item = Arrays.stream(menu.getItems())
                    .filter(i -> i.getText().contains(first.getFileName().toString()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no menu item for " + first + " among "
                            + Arrays.stream(menu.getItems()).map(MenuItem::getText).toList()));
            assertEquals("&2", item.getText().substring(0, 2), "numbered by recency: " + item.getText());
            item.notifyListeners(SWT.Selection, new Event());
            waitForModel(first);
        } finally {
            menu.dispose();
        }
    }

    @Test
    void aFileDroppedOnTheGraphOpens() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        openAndWait(window, TestModels.sample());
        ModelEditor view = ModelEditors.open(window, TestModels.sample());
        DropTarget target = (DropTarget) view.canvas().control().getData(DND.DROP_TARGET_KEY);
        assertNotNull(target, "the graph accepts drops");
        Path dropped = TestModels.fixture("functional_branches.keras");
        DropTargetEvent event = dropEvent(target, new String[] { dropped.toString() });
        for (DropTargetListener l : target.getDropListeners()) {
            l.dragEnter(event);
        }
        assertEquals(DND.DROP_COPY, event.detail, "a file is copied, never moved");
        for (DropTargetListener l : target.getDropListeners()) {
            l.drop(event);
        }
        waitForModel(dropped);
    }

    /**
     * The event SWT hands a drop listener. Its constructor takes SWT's internal DND event, so the
     * test makes one the way SWT does, by reflection; what the listener reads is public.
     */
    private static DropTargetEvent dropEvent(DropTarget target, String[] files) throws Exception {
        Class<?> internal = Class.forName("org.eclipse.swt.dnd.DNDEvent");
        Constructor<?> make = internal.getDeclaredConstructor();
        make.setAccessible(true);
        Event e = (Event) make.newInstance();
        e.widget = target;
        e.display = target.getDisplay();
        e.data = files;
        e.detail = DND.DROP_DEFAULT;
        e.doit = true;
        Constructor<DropTargetEvent> wrap = DropTargetEvent.class.getDeclaredConstructor(internal);
        return wrap.newInstance(e);
    }

    private static void openAndWait(IWorkbenchWindow window, Path file) {
        ModelOpener.open(window, file);
        waitForModel(file);
    }

    private static void waitForModel(Path file) {
        InWorkbench.waitUntil(() -> {
            OpenModel m = ModelOpener.current();
            return m != null && m.file().equals(file) && Job.getJobManager().find(ModelOpener.FAMILY).length == 0;
        }, TIMEOUT, file.getFileName() + " open");
    }
}
