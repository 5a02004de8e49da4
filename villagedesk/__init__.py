"""VillageDesk (村务通): offline village records for a village clerk."""

__version__ = "0.1.0"
APP_NAME = "VillageDesk"
