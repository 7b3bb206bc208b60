#!/usr/bin/env bash
# The README's screenshot of Convscope in the Eclipse IDE's dark theme: the IDE the build's install
# test assembled and installed Convscope into (releng/org.convscope.ide.install/target/ide-under-test,
# left by a full build with tests), started under Xvfb (a 1366 x 768 screen; the IDE opens its window
# at 1024 x 768) on a new workspace whose
# preferences select the platform's dark theme (org.eclipse.ui.themes) with the styling engine on,
# as Window > Preferences > General > Appearance would leave them. The install test's own check
# bundle (org.convscope.ide.installcheck) then does what a person does first: imports a project
# holding the sample model, double-clicks the model in the Project Explorer, computes the
# activations, and takes the screenshot of the window.
#
#   releng/readme/ide_dark_screenshot.sh [OUT.png]   # default releng/screenshots/ide-dark.png
#
# The PNG is reduced to a 256-colour palette (ImageMagick, no dithering) for the repository.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$(realpath -m "${1:-$repo/releng/screenshots/ide-dark.png}")"
ide="$repo/releng/org.convscope.ide.install/target/ide-under-test/eclipse"
work="${WORK:-/tmp/convscope-ide-dark}"
if [ ! -d "$ide/plugins" ]; then
  echo "no IDE with Convscope at $ide: run the full build with tests first" >&2
  exit 1
fi
ls "$ide"/plugins/org.eclipse.ui.themes_* >/dev/null 2>&1 || { echo "the IDE has no org.eclipse.ui.themes" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/keras-models" "$work/workspace/.metadata/.plugins/org.eclipse.core.runtime/.settings"
cp "$repo/bundles/org.convscope.samples/models/mnist_convnet.h5" "$work/keras-models/"
cat > "$work/keras-models/.project" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<projectDescription>
	<name>keras-models</name>
	<comment></comment>
	<projects>
	</projects>
	<buildSpec>
	</buildSpec>
	<natures>
	</natures>
</projectDescription>
XML
settings="$work/workspace/.metadata/.plugins/org.eclipse.core.runtime/.settings"
printf 'eclipse.preferences.version=1\nthemeid=org.eclipse.e4.ui.css.theme.e4_dark\n' \
  > "$settings/org.eclipse.e4.ui.css.swt.theme.prefs"
printf 'eclipse.preferences.version=1\nthemeEnabled=true\n' \
  > "$settings/org.eclipse.e4.ui.workbench.renderers.swt.prefs"

launcher="$(ls "$ide"/plugins/org.eclipse.equinox.launcher_*.jar | head -n 1)"
xvfb-run -a -s "-screen 0 1366x768x24" java -Xmx2g \
  -Dconvscope.installcheck="$work" -Dconvscope.installcheck.project="$work/keras-models" \
  -jar "$launcher" -nosplash -consoleLog -data "$work/workspace"
cat "$work/result.txt"
grep -q "RESULT OK" "$work/result.txt"
convert "$work/ide.png" +dither -colors 256 "PNG8:$out"
echo "$out: $(du -k "$out" | cut -f1) KB"
