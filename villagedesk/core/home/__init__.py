"""The home page's domain: what needs the clerk today, the charts' numbers, and one search across areas."""
