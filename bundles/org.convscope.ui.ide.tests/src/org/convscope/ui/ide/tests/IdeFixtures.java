package org.convscope.ui.ide.tests;

import java.nio.file.Path;

/** The repository's model files the IDE tests use (tests run in their bundle's folder). */
final class IdeFixtures {

    private IdeFixtures() {
    }

    /** @param name a file of the bundled samples' models folder @return it */
    static Path sample(String name) {
        return Path.of("..", "org.convscope.samples", "models", name).toAbsolutePath().normalize();
    }

    /** @param relative a path under the core tests' fixtures @return it */
    static Path fixture(String relative) {
        return Path.of("..", "org.convscope.core.tests", "fixtures").resolve(relative).toAbsolutePath().normalize();
    }
}
