package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.convscope.engine.Engine;
import org.convscope.ui.about.NativeEnginePage;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.Screenshots;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Help > About > Installation Details names the native build the engine loads on this CPU. */
@ExtendWith(InWorkbench.class)
class NativeEnginePageTest {

    @Test
    void theInstallationDetailsPageNamesTheNativeBuild() throws Exception {
        List<IConfigurationElement> pages = Arrays
                .asList(Platform.getExtensionRegistry()
                        .getConfigurationElementsFor("org.eclipse.ui.installationPages"));
        assertTrue(pages.stream().anyMatch(p -> NativeEnginePage.class.getName().equals(p.getAttribute("class"))),
                "the page is contributed to Installation Details");

        Shell shell = new Shell(PlatformUI.getWorkbench().getDisplay(), SWT.SHELL_TRIM);
        try {
            shell.setLayout(new FillLayout());
            shell.setSize(640, 260);
            NativeEnginePage page = new NativeEnginePage();
            page.createControl(shell);
            shell.layout(true, true);
            shell.open();
            Text text = findText(page.getControl());
            assertTrue(text.getText().contains("(" + Engine.nativeBuild() + ")"), text.getText());
            for (String build : Engine.nativeBuildsInstalled()) {
                assertTrue(text.getText().contains(build), build + " listed: " + text.getText());
            }
            assertEquals(3, Engine.nativeBuildsInstalled().size(), "AVX-512, AVX2 and x86-64 builds ship");
            Screenshots.save(shell, "about-native-engine");
        } finally {
            shell.dispose();
        }
    }

    private static Text findText(Control control) {
        if (control instanceof Text t) {
            return t;
        }
        if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                Text t = findText(child);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
