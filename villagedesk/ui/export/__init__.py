"""The export area of the window: its page and dialogs."""
