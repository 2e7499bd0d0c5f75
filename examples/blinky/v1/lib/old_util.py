# removed in v2: otapush deletes it because it installed it.
def clamp(x, lo, hi):
    return max(lo, min(hi, x))
