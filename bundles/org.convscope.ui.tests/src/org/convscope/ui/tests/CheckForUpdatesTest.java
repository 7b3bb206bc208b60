package org.convscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.commands.Command;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product's Help menu offers p2's self-update (org.eclipse.equinox.p2.ui.sdk, in the platform
 * feature): Check for Updates and Install New Software, with their commands defined and enabled.
 * That the update it finds is installed is the build's update test (releng/org.convscope.update.test).
 */
@ExtendWith(InWorkbench.class)
class CheckForUpdatesTest {

    private static final String UPDATE_COMMAND = "org.eclipse.equinox.p2.ui.sdk.update";
    private static final String INSTALL_COMMAND = "org.eclipse.equinox.p2.ui.sdk.install";

    @Test
    void helpMenuHoldsCheckForUpdates() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        List<String> items = helpMenuItems(window);
        assertTrue(items.contains("Check for Updates"), "Help menu items: " + items);
        assertTrue(items.contains("Install New Software..."), "Help menu items: " + items);
        // p2's entries sit before About, in the menu's additions group
        int about = items.stream().filter(t -> t.startsWith("About")).findFirst().map(items::indexOf).orElse(-1);
        assertTrue(about > items.indexOf("Check for Updates"), "Help menu items: " + items);
    }

    @Test
    void checkForUpdatesCommandIsEnabled() {
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        for (String id : List.of(UPDATE_COMMAND, INSTALL_COMMAND)) {
            Command command = commands.getCommand(id);
            assertTrue(command.isDefined(), id + " is defined");
            assertTrue(command.isHandled(), id + " has a handler");
            assertTrue(command.isEnabled(), id + " is enabled");
        }
        MenuItem item = helpMenuItem(PlatformUI.getWorkbench().getActiveWorkbenchWindow(), "Check for Updates")
                .orElse(null);
        assertNotNull(item, "Check for Updates in the Help menu");
        assertTrue(item.isEnabled(), "the menu item is enabled");
    }

    @Test
    void updateCommandIsNamedForTheMenu() throws Exception {
        // the name a person finds it by in the key preferences and Quick Access, too
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        assertEquals("Check for Updates", commands.getCommand(UPDATE_COMMAND).getName());
    }

    /** The Help menu's items as a person reads them (no mnemonic marks, no key binding). */
    private static List<String> helpMenuItems(IWorkbenchWindow window) {
        List<String> texts = new ArrayList<>();
        for (MenuItem item : showHelpMenu(window).getItems()) {
            texts.add(plain(item.getText()));
        }
        return texts;
    }

    private static Optional<MenuItem> helpMenuItem(IWorkbenchWindow window, String text) {
        for (MenuItem item : showHelpMenu(window).getItems()) {
            if (plain(item.getText()).equals(text)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** The menu bar's Help menu, filled as when a person opens it (its contributions come then). */
    private static Menu showHelpMenu(IWorkbenchWindow window) {
        for (MenuItem top : window.getShell().getMenuBar().getItems()) {
            if (plain(top.getText()).equals("Help") && top.getMenu() != null) {
                Menu menu = top.getMenu();
                menu.notifyListeners(SWT.Show, new Event());
                menu.notifyListeners(SWT.Hide, new Event());
                return menu;
            }
        }
        throw new AssertionError("no Help menu in the menu bar");
    }

    private static String plain(String text) {
        int tab = text.indexOf('\t');
        return (tab < 0 ? text : text.substring(0, tab)).replace("&", "");
    }
}
