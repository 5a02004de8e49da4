"""The register area of the window: its page and dialogs."""
