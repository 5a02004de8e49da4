"""A township database: villages' USB packages merged, their figures and the township summary."""
