# otapush-agent boot.py: owned by otapush, replaced only by an agent upgrade.
# It finishes or undoes an interrupted update (ota_agent.boot), then runs
# your own boot.py, which otapush keeps as /_app_boot.py. It never raises
# for the agent's sake, so main.py and the REPL always come up. Ctrl-C is
# off from the first line: a host taking the REPL while the agent imports
# (it compiles for a while) would otherwise skip this boot's recovery;
# ota_agent.boot() turns it on again once recovery is done, before the
# app's own boot.py.
import micropython
micropython.kbd_intr(-1)
try:
    import ota_agent
except Exception as e:
    ota_agent = None
    print("OTA: agent not importable:", repr(e))
if ota_agent:
    ota_agent.boot()
else:
    micropython.kbd_intr(3)
    try:
        f = open("/_app_boot.py")
    except OSError:
        f = None
    if f:
        exec(f.read())
        f.close()
    del f
