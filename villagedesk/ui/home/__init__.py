"""The home area of the window: its page and dialogs."""
