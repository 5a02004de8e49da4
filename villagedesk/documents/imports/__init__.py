"""What comes in from outside as Excel: the household roster and the rule catalogue, read as hostile until checked."""
