package org.convscope.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Work made of parts that each begin their own task reports one progress through child monitors. */
class ChildMonitorTest {

    /** Records what reaches the top. */
    private static final class Recording implements ProgressMonitor {

        final List<String> tasks = new ArrayList<>();
        final List<String> subTasks = new ArrayList<>();
        int total;
        int worked;
        boolean canceled;

        @Override
        public void begin(String task, int totalWork) {
            tasks.add(task);
            total = totalWork;
        }

        @Override
        public void worked(int work) {
            worked += work;
        }

        @Override
        public boolean isCanceled() {
            return canceled;
        }

        @Override
        public void subTask(String name) {
            subTasks.add(name);
        }
    }

    @Test
    void partsWithTasksOfTheirOwnAddUpToTheParentsTotal() {
        Recording top = new Recording();
        top.begin("Comparing", 3);
        for (int input = 0; input < 3; input++) {
            ProgressMonitor part = top.child(1);
            part.begin("input " + input, 40);
            for (int layer = 0; layer < 40; layer++) {
                part.worked(1);
            }
            assertEquals(input + 1, top.worked, "each input is one unit of the whole");
        }
        assertEquals(List.of("Comparing"), top.tasks, "one task, not one per input");
        assertEquals(List.of("input 0", "input 1", "input 2"), top.subTasks);
        assertEquals(3, top.total);
    }

    @Test
    void aChildReportsInProportionAndNeverMoreThanItsShare() {
        Recording top = new Recording();
        top.begin("all", 100);
        ProgressMonitor part = top.child(10);
        part.begin("part", 4);
        part.worked(1);
        assertEquals(2, top.worked, "a quarter of 10, rounded down");
        part.worked(1);
        assertEquals(5, top.worked);
        part.worked(7);
        assertEquals(10, top.worked, "more work than begun is capped at the share");
        part.done();
        assertEquals(10, top.worked);
    }

    @Test
    void doneHandsOverTheRestOfTheShare() {
        Recording top = new Recording();
        top.begin("all", 10);
        ProgressMonitor unknown = top.child(4);
        unknown.begin("how long?", 0);
        unknown.worked(3);
        assertEquals(0, top.worked, "an unknown total reports nothing on the way");
        unknown.done();
        assertEquals(4, top.worked);
        unknown.done();
        assertEquals(4, top.worked, "done twice reports once");
    }

    @Test
    void childrenOfChildrenReportToTheTop() {
        Recording top = new Recording();
        top.begin("all", 100);
        ProgressMonitor half = top.child(50);
        half.begin("half", 2);
        ProgressMonitor quarter = half.child(1);
        quarter.begin("quarter", 5);
        quarter.worked(5);
        assertEquals(25, top.worked);
        assertEquals(List.of("half", "quarter"), top.subTasks);
    }

    @Test
    void aCancelOfTheTopReachesEveryChild() {
        Recording top = new Recording();
        ProgressMonitor grandchild = top.child(1).child(1);
        assertTrue(!grandchild.isCanceled());
        top.canceled = true;
        assertTrue(grandchild.isCanceled());
        assertThrows(CancelledException.class, grandchild::checkCanceled);
    }
}
