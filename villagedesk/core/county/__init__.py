"""A county database on PostgreSQL: the county made, its keys and card (issue 20; docs/COUNTY.md)."""
