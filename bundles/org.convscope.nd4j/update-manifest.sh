#!/usr/bin/env bash
# Rewrites META-INF/MANIFEST.MF from the jars that releng/nd4j-libraries fetched into lib/:
# every jar goes on the Bundle-ClassPath (the natives are in the fragments org.convscope.nd4j.<os>.<arch>,
# whose manifests name their own jars); the packages of the ND4J, JavaCPP, oneDNN (presets) and
# DL4J jars are exported (to org.convscope.engine, the only bundle that requires this one). Run it after a
# change of DL4J version: ./mvnw -pl releng/nd4j-libraries generate-resources && ./update-manifest.sh
set -euo pipefail
cd "$(dirname "$0")"
exported_jars="nd4j-api nd4j-common nd4j-native nd4j-native-api javacpp dnnl deeplearning4j-modelimport deeplearning4j-nn"
{
  echo "Manifest-Version: 1.0"
  echo "Bundle-ManifestVersion: 2"
  echo "Bundle-Name: DL4J and ND4J runtime for Convscope"
  echo "Bundle-SymbolicName: org.convscope.nd4j"
  echo "Bundle-Version: 0.1.0.qualifier"
  echo "Bundle-Vendor: Convscope"
  echo "Bundle-RequiredExecutionEnvironment: JavaSE-17"
  echo "Eclipse-BundleShape: dir"
  # SLF4J from the slf4j.api bundle (with its binding fragment), never a private copy: two copies
  # of org.slf4j in one class space fail with a loader constraint violation.
  echo "Import-Package: org.slf4j;version=\"[1.7.0,2.0.0)\","
  echo " org.slf4j.helpers;version=\"[1.7.0,2.0.0)\","
  echo " org.slf4j.spi;version=\"[1.7.0,2.0.0)\""
  echo "DynamicImport-Package: *"
  printf 'Bundle-ClassPath: '
  ls lib/*.jar | sort | paste -sd, | sed 's/,/,\n /g'
  printf 'Export-Package: '
  for j in $exported_jars; do unzip -Z1 "lib/$j.jar" | grep '\.class$' | sed 's#/[^/]*$##; s#/#.#g'; done \
    | sort -u | paste -sd, | sed 's/,/,\n /g'
} > META-INF/MANIFEST.MF
echo "$(grep -c '' META-INF/MANIFEST.MF) manifest lines"
