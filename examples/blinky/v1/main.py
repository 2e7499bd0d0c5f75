# blinky v1: blinks the Pico W's LED a few times, then confirms the update.
import ota_agent
from lib import blink

blink.run(times=3, period_ms=200)
# Tell the otapush agent this version works; a no-op when nothing is on trial.
ota_agent.confirm()
print("blinky", blink.VERSION, "up")
