/**
 * The scan as an Apache Spark job ({@link org.convscope.scan.spark.SparkScan}): the engine runs on
 * the executors, a run of whole batches per partition, and the driver folds their parts into the
 * same SQLite store {@code convscope scan} writes, in the set's order, so the two are identical.
 * Built as its own artifact, apart from the product, which never has Spark on its class path.
 */
package org.convscope.scan.spark;
