"""The requests area of the window: its page and dialogs."""
