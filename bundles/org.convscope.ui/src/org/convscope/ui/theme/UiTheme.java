package org.convscope.ui.theme;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.css.swt.theme.ITheme;
import org.eclipse.e4.ui.css.swt.theme.IThemeEngine;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.osgi.service.event.EventHandler;
import org.osgi.service.prefs.BackingStoreException;

/**
 * Which {@link Palette} is active, and the switch between light and dark. The truth is the
 * platform's: with the CSS theme engine running (the product in its dark theme, or an Eclipse IDE)
 * the engine's active theme decides, dark when its id says so as the platform's own GTK code reads
 * it; without one (the product's light default, which starts without the styling engine) the theme
 * preference the engine would restore decides. Painters call {@link #palette()} when they paint and
 * {@link #follow} to repaint when it changes; changes travel on the event broker, in the UI thread.
 */
public final class UiTheme {

    /** Convscope's light theme (org.convscope.app registers it with the CSS theme engine). */
    public static final String LIGHT_ID = "org.convscope.theme.light";
    /** Convscope's dark theme. */
    public static final String DARK_ID = "org.convscope.theme.dark";
    /** Event topic: the active palette changed; the event's {@code org.eclipse.e4.data} is the new one. */
    public static final String CHANGED = "org/convscope/ui/theme/changed";

    /** The theme engine's preference node and key, read by the engine when the workbench starts. */
    static final String THEME_NODE = "org.eclipse.e4.ui.css.swt.theme";
    static final String THEME_KEY = "themeid";
    /** Whether the workbench starts its CSS styling engine at all (the platform's preference). */
    static final String RENDERERS_NODE = "org.eclipse.e4.ui.workbench.renderers.swt";
    static final String ENABLED_KEY = "themeEnabled";

    private static volatile Palette current;
    private static boolean started;

    private UiTheme() {
    }

    /** @return the active palette; the light one where nothing says otherwise */
    public static Palette palette() {
        Palette p = current;
        if (p == null) {
            start();
            p = Palette.of(readDark());
            current = p;
        }
        return p;
    }

    /**
     * @param rgb a palette colour
     * @return it as an SWT colour (device-independent: nothing to dispose)
     */
    public static Color color(int rgb) {
        return new Color(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
    }

    /** @param themeId a CSS theme's id @return whether it is a dark theme (the platform's own test) */
    public static boolean isDarkTheme(String themeId) {
        return themeId != null && themeId.toLowerCase(Locale.ROOT).contains("dark");
    }

    /**
     * Calls {@code onChange} in the UI thread with the new palette each time it changes, until
     * {@code control} is disposed. Without a running workbench there is nothing to follow.
     *
     * @param control  the control whose life bounds the subscription
     * @param onChange what to do, typically re-read the palette and redraw
     */
    public static void follow(Control control, Consumer<Palette> onChange) {
        IEventBroker broker = broker();
        if (broker == null) {
            return;
        }
        start();
        EventHandler handler = e -> {
            if (!control.isDisposed()) {
                onChange.accept(palette());
            }
        };
        broker.subscribe(CHANGED, handler);
        control.addDisposeListener(e -> broker.unsubscribe(handler));
    }

    /**
     * Chooses the light or the dark theme: Convscope's own drawing follows at once, the theme engine
     * (if running) restyles the window, and the choice is saved for the next start. In the product the
     * styling engine starts only for the dark theme (the light one looks the same without it and
     * starts faster); in an Eclipse IDE, which has no Convscope themes, the IDE's first theme of the
     * chosen darkness is taken and its theming left as it is.
     *
     * @param dark dark or light
     * @return whether the window's frame (menus, tabs, native widgets) needs a restart to follow fully
     */
    public static boolean choose(boolean dark) {
        IThemeEngine engine = engine();
        String id = themeFor(engine, dark);
        boolean frameChanged = engine == null ? dark : !id.equals(activeId(engine));
        if (id.equals(DARK_ID) || id.equals(LIGHT_ID)) {
            IEclipsePreferences renderers = InstanceScope.INSTANCE.getNode(RENDERERS_NODE);
            renderers.putBoolean(ENABLED_KEY, dark);
            flush(renderers);
        }
        if (engine != null && registered(engine, id)) {
            // persists the choice itself and tells every listener through THEME_CHANGED
            engine.setTheme(id, true);
        } else {
            IEclipsePreferences themes = InstanceScope.INSTANCE.getNode(THEME_NODE);
            themes.put(THEME_KEY, id);
            flush(themes);
        }
        set(Palette.of(dark));
        return frameChanged;
    }

    private static String themeFor(IThemeEngine engine, boolean dark) {
        String ours = dark ? DARK_ID : LIGHT_ID;
        if (engine == null || registered(engine, ours)) {
            return ours;
        }
        return engine.getThemes().stream().map(ITheme::getId).filter(t -> isDarkTheme(t) == dark).findFirst()
                .orElse(ours);
    }

    private static boolean registered(IThemeEngine engine, String id) {
        return engine.getThemes().stream().anyMatch(t -> t.getId().equals(id));
    }

    /**
     * Starts following the platform's theme (idempotent); the product calls it before its first
     * window opens so that GTK's native widgets start in the theme's variant.
     */
    public static synchronized void start() {
        if (started || broker() == null) {
            return;
        }
        started = true;
        broker().subscribe(IThemeEngine.Events.THEME_CHANGED, e -> {
            Object theme = e.getProperty(IThemeEngine.Events.THEME);
            if (theme instanceof ITheme t) {
                boolean dark = isDarkTheme(t.getId());
                gtkDarkVariant(dark);
                set(Palette.of(dark));
            }
        });
        InstanceScope.INSTANCE.getNode(THEME_NODE).addPreferenceChangeListener(e -> {
            if (THEME_KEY.equals(e.getKey()) && engine() == null) {
                set(Palette.of(readDark()));
            }
        });
        if (stylingOnAtStart() && isDarkTheme(preferredId())) {
            gtkDarkVariant(true);
        }
    }

    private static void set(Palette p) {
        if (p == current) {
            return;
        }
        current = p;
        IEventBroker broker = broker();
        if (broker != null) {
            broker.post(CHANGED, p);
        }
    }

    private static boolean readDark() {
        IThemeEngine engine = engine();
        if (engine != null && engine.getActiveTheme() != null) {
            return isDarkTheme(engine.getActiveTheme().getId());
        }
        return isDarkTheme(preferredId());
    }

    private static String preferredId() {
        return InstanceScope.INSTANCE.getNode(THEME_NODE).get(THEME_KEY, null);
    }

    private static boolean stylingOnAtStart() {
        return Platform.getPreferencesService().getBoolean(RENDERERS_NODE, ENABLED_KEY,
                true, null);
    }

    private static String activeId(IThemeEngine engine) {
        return engine.getActiveTheme() == null ? null : engine.getActiveTheme().getId();
    }

    /** @return the workbench's CSS theme engine, or null when it runs without one */
    static IThemeEngine engine() {
        return PlatformUI.isWorkbenchRunning() ? PlatformUI.getWorkbench().getService(IThemeEngine.class) : null;
    }

    private static IEventBroker broker() {
        return PlatformUI.isWorkbenchRunning() ? PlatformUI.getWorkbench().getService(IEventBroker.class) : null;
    }

    /**
     * Asks GTK for its dark or light widget variant, as the platform's GTK fragment (not in
     * Convscope's Maven Central target) does on a theme change: CSS colours the panels, but buttons,
     * scroll bars and menus are drawn by GTK. The method is SWT's internal API, so it is looked up
     * and skipped where it does not exist (other window systems, another SWT).
     */
    private static void gtkDarkVariant(boolean dark) {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        display.asyncExec(() -> {
            try {
                Class<?> os = Class.forName("org.eclipse.swt.internal.gtk.OS", true, Display.class.getClassLoader());
                Method m = os.getMethod("setDarkThemePreferred", boolean.class);
                m.invoke(null, dark);
            } catch (ReflectiveOperationException | LinkageError e) {
                // not GTK, or an SWT without the method: native widgets keep the system's variant
                ILog.of(UiTheme.class).info("GTK dark variant not available: " + e);
            }
        });
    }

    private static void flush(IEclipsePreferences prefs) {
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // the choice holds for this session; only its survival over a restart is lost
            ILog.of(UiTheme.class).warn("cannot save the theme choice", e);
        }
    }
}
