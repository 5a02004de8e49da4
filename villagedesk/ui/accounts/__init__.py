"""The accounts area of the window: the accounts page and its forms (issue 17)."""
