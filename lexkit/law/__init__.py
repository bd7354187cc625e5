"""What the law says and when: citations, provisions, search, judgements, deadlines, calendars."""
