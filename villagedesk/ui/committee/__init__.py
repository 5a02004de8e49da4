"""The committee area of the window: its page and dialogs."""
