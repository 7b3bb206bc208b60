#!/usr/bin/env bash
# Rewrites META-INF/MANIFEST.MF from the jars that releng/nd4j-libraries fetched into lib/:
# every jar goes on the Bundle-ClassPath; the packages of the ND4J, JavaCPP and DL4J jars are
# exported (to org.convscope.engine, the only bundle that requires this one). Run it after a
# change of DL4J version: ./mvnw -pl releng/nd4j-libraries generate-resources && ./update-manifest.sh
set -euo pipefail
cd "$(dirname "$0")"
exported_jars="nd4j-api nd4j-common nd4j-native nd4j-native-api javacpp deeplearning4j-modelimport deeplearning4j-nn"
{
  echo "Manifest-Version: 1.0"
  echo "Bundle-ManifestVersion: 2"
  echo "Bundle-Name: DL4J and ND4J runtime for Convscope"
  echo "Bundle-SymbolicName: org.convscope.nd4j"
  echo "Bundle-Version: 0.1.0.qualifier"
  echo "Bundle-Vendor: Convscope"
  echo "Bundle-RequiredExecutionEnvironment: JavaSE-17"
  echo "Eclipse-BundleShape: dir"
  echo "DynamicImport-Package: *"
  printf 'Bundle-ClassPath: '
  ls lib/*.jar | sort | paste -sd, | sed 's/,/,\n /g'
  printf 'Export-Package: '
  for j in $exported_jars; do unzip -Z1 "lib/$j.jar" | grep '\.class$' | sed 's#/[^/]*$##; s#/#.#g'; done \
    | sort -u | paste -sd, | sed 's/,/,\n /g'
} > META-INF/MANIFEST.MF
echo "$(grep -c '' META-INF/MANIFEST.MF) manifest lines"
