"""The notices area of the window: its page and dialogs."""
