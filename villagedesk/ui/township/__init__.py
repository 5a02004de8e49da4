"""The township area of the window: its page and dialogs."""
