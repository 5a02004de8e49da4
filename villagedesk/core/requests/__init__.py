"""The villagers' requests ledger (民情台账): each 诉求 from intake until it is closed."""
