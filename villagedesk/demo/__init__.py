"""A made-up Hunan village to try the program on (`villagedesk demo`): it writes through core like the clerk does.

Only the command line and the window's "make a demo" reach this package (an import contract checks it)."""
