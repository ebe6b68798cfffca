"""Another officer's program, as a separate process: saves one card through the Store (its own
session, so its change notices are not the test's own).

    python tests/db/live_writer.py URL CARD_ID TITLE [REPEAT]

For each of REPEAT saves (default 1): reads the card, sets the title (TITLE, or TITLE-n when
repeating), saves, prints "saved VERSION COMMIT_TIME" (time.time() just after the commit) and waits
for a line on stdin before the next one (the bench paces it)."""

from __future__ import annotations

import sys
import time

from db.store import Store
from desktop.core.templates import TemplateRegistry


def main(argv: list[str]) -> int:
    url, card_id, title = argv[:3]
    repeat = int(argv[3]) if len(argv) > 3 else 1
    with Store.open(url, registry=TemplateRegistry.load()) as s:
        for i in range(repeat):
            card = s.get(card_id)
            card.title = title if repeat == 1 else f"{title}-{i}"
            s.save(card)
            print(f"saved {card.version} {time.time():.6f}", flush=True)
            if i + 1 < repeat:
                sys.stdin.readline()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
