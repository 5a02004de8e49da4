"""One page per area of the side navigation."""
