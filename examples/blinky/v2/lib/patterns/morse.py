# new in v2, in a nested folder.
CODE = {"O": "---", "K": "-.-"}


def send(text, blink):
    for ch in text:
        for sym in CODE.get(ch, ""):
            blink.run(times=2, period_ms=150 if sym == "-" else 50)
