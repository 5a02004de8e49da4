"""The points area of the window: its page and dialogs."""
