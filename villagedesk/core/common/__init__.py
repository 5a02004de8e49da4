"""What every area of the domain uses: record writing and audit, the one clock, printed codes, ID numbers, pinyin, paged lists, periods and the village profile."""
