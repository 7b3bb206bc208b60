package org.convscope.ui.tests.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.WorkspaceLog;
import org.eclipse.help.internal.base.BaseHelpSystem;
import org.eclipse.help.internal.server.WebappManager;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.internal.WorkbenchWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Help &gt; Help Contents in the standalone product: the menu item is there and enabled, and the
 * help system's web application, started as the item starts it, serves the help window, the table
 * of contents with the Convscope User Guide, and the guide's pages.
 */
@ExtendWith(InWorkbench.class)
class HelpContentsTest {

    private static final String GUIDE = "/help/topic/org.convscope.ui/help/guide/";

    @Test
    void helpMenuOffersHelpContentsAndSearch() {
        WorkbenchWindow window = (WorkbenchWindow) PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        for (ActionFactory factory : new ActionFactory[] { ActionFactory.HELP_CONTENTS, ActionFactory.HELP_SEARCH }) {
            IContributionItem item = window.getMenuBarManager().findUsingPath("help/" + factory.getId());
            assertTrue(item instanceof ActionContributionItem, "Help > " + factory.getId() + " in the menu");
            assertTrue(item.isVisible(), factory.getId() + " visible");
            assertTrue(((ActionContributionItem) item).getAction().isEnabled(), factory.getId() + " enabled");
        }
        assertTrue(PlatformUI.getWorkbench().getHelpSystem().hasHelpUI(), "the workbench has a help UI");
    }

    @Test
    void helpServerServesTheUserGuide() throws Exception {
        try (WorkspaceLog log = new WorkspaceLog()) {
            // what Help > Help Contents does before it opens a browser on the help window
            assertTrue(BaseHelpSystem.ensureWebappRunning(), "the help web application starts");
            String base = "http://" + WebappManager.getHost() + ":" + WebappManager.getPort();

            // the help window itself: a JSP, so Jasper and the JDT compiler run too
            String window = get(base + "/help/index.jsp");
            assertTrue(window.contains("<frameset") || window.contains("<iframe"), window);

            // the table of contents, as the help window's navigation reads it
            String toc = get(base + "/help/toc");
            assertTrue(toc.contains("label=\"Convscope User Guide\""), toc);
            for (String topic : new String[] { "Opening a model", "The views", "The command line", "Keys" }) {
                assertTrue(toc.contains("label=\"" + topic + "\""), topic + " in " + toc);
            }

            String opening = get(base + GUIDE + "opening.html");
            assertTrue(opening.contains("<title>Opening a model</title>"), opening);
            assertTrue(opening.contains("File &gt; Open Model"), opening);
            String keys = get(base + GUIDE + "keys.html");
            assertTrue(keys.contains("<h1>Keys</h1>") && keys.contains("Ctrl+Shift+E"), keys);

            // and a page the guide does not have gets the help's "not found" page, not the guide
            String missing = get(base + GUIDE + "no-such-page.html");
            assertTrue(missing.contains("<title>Page not found</title>") && !missing.contains("Convscope"), missing);

            assertEquals(List.of(), log.problems(), "workspace log while serving help");
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = request(url);
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return response.body();
    }

    private static HttpResponse<String> request(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
