"""The meetings area of the window: its page and dialogs."""
