/**
 * What every channel responds to across a whole image set: {@link org.convscope.scan.Scanner}
 * streams the images through the engine a batch at a time and keeps, per layer and channel, the
 * top-K images by the channel's maximum (with its position and the receptive field's crop of the
 * input), the sums behind mean, standard deviation and share of zeros, the maximum, and for a
 * classifier the sums per predicted class; {@link org.convscope.scan.ScanStore} writes them to a
 * SQLite file after every batch, in one transaction with the number of images done, so a scan
 * stopped at any moment resumes where it stopped. Every statistic is a sum or a bounded heap and
 * merges exactly.
 */
package org.convscope.scan;
