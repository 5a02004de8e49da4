"""The account a script logs in as: the command line and the window read the same two environment
variables (docs/SECURITY.md "Command line credentials")."""

USER_VARIABLE, PASSWORD_VARIABLE = "VILLAGEDESK_USER", "VILLAGEDESK_PASSWORD"
