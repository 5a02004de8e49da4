"""The window in county mode: a county's PostgreSQL database, browsed and summarised read-only (docs/COUNTY.md
"The county window")."""
