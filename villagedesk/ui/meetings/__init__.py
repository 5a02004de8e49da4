"""The meetings area of the window: its page, the minutes editor and its parts, the small dialogs."""
