package org.convscope.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.convscope.core.text.MessageBundles;

/**
 * {@code JobTraining JOB_FOLDER}: records the Spark job's class-data-sharing archive when the job
 * is built ({@link JobArchive#recordBuilt}; the job module's pom runs it after packaging the job),
 * so that a machine's first {@code scan --spark} maps an archive instead of recording one. The
 * archive only makes the job start sooner: when it cannot be recorded the build goes on, says why,
 * and the job's first run records its own as it did before.
 */
public final class JobTraining {

    private JobTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println(Messages.builtArchiveUsage);
            System.exit(2);
        }
        Path job = Path.of(args[0]);
        try {
            if (SparkJob.jobJar(job) == null) {
                throw new IOException(
                        MessageBundles.bind(Messages.sparkJobNotInEnv, "JOB_FOLDER", job, SparkJob.ARTIFACT));
            }
            int code = JobArchive.recordBuilt(job, System.out);
            if (code != 0) {
                System.err.println(MessageBundles.bind(Messages.builtArchiveFailed, job,
                        MessageBundles.bind(Messages.builtArchiveWarmUp, code)));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println(MessageBundles.bind(Messages.builtArchiveFailed, job, e.getMessage()));
        }
    }
}
