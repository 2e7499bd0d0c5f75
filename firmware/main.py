# otapush-agent main.py: owned by otapush, replaced only by an agent upgrade.
# It runs your own main.py (kept as /_app_main.py) and, after an update,
# counts the trial boot and rolls back a version that fails to come up.
import ota_agent
ota_agent.main()
