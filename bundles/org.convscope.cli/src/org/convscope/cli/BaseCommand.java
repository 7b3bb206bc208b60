package org.convscope.cli;

/** What every command has besides its work: its word, its synopsis and what it does. */
abstract class BaseCommand implements Command {

    private final String name;
    private final String synopsis;
    private final String description;

    BaseCommand(String name, String synopsis, String description) {
        this.name = name;
        this.synopsis = synopsis;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String synopsis() {
        return synopsis;
    }

    @Override
    public final String description() {
        return description;
    }
}
