# Types of the part of msoffcrypto-tool VillageDesk uses (it ships no types): encrypting a workbook
# in documents/protect.py.  Checked against msoffcrypto-tool 6.1.
from msoffcrypto import exceptions as exceptions
