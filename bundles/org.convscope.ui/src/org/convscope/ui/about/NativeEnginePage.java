package org.convscope.ui.about;

import org.convscope.engine.Engine;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.about.InstallationPage;

/**
 * Help > About > Installation Details > Native Engine: which build of libnd4j the engine loads on
 * this CPU, which builds are installed, and where their natives are unpacked. Told without loading
 * the native library, so opening the page never waits for it.
 */
public final class NativeEnginePage extends InstallationPage {

    @Override
    public void createControl(Composite parent) {
        Composite area = new Composite(parent, SWT.NONE);
        area.setLayout(new FillLayout());
        Text text = new Text(area, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.WRAP);
        text.setText(NLS.bind(Messages.nativeEngineText,
                new Object[] { Engine.nativeBuild(), String.join("; ", Engine.nativeBuildsInstalled()),
                        System.getProperty("org.bytedeco.javacpp.cachedir", Messages.defaultCacheFolder) }));
        setControl(area);
    }
}
