"""USB sync packages: what a village writes for the township, and how the township checks and takes it."""
