"""Points-based affairs scoring (积分制): rules, scheme, ledger, rankings, shop.

登记 → 审核 → 公示 → 讲评 → 奖惩/兑换 (docs/DOMAIN.md §2.1, §2.5).  Only approved points count;
approved entries are never changed — a correction is a reversing entry — and each
approved entry is chained by SHA-256 to the one before, so a change made behind
the program's back is found by ``villagedesk check``.
"""
