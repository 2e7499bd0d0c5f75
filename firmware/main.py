# otapush-agent main.py: owned by otapush, replaced only by an agent upgrade.
# It runs your own main.py (kept as /_app_main.py) and, after an update,
# counts the trial boot and rolls back a version that fails to come up.
try:
    import ota_agent
except Exception as e:  # a broken agent must not stop the app
    ota_agent = None
    print("OTA: agent not importable:", repr(e))
if ota_agent:
    ota_agent.main()
else:
    try:
        f = open("/_app_main.py")
    except OSError:
        f = None
    if f:
        exec(f.read())
        f.close()
    del f
