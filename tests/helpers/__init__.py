"""What many tests share: factories, hostile files, widget helpers, and where the checkout is."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
