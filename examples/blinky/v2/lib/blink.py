VERSION = "2.0"

try:
    from machine import Pin
    led = Pin("LED", Pin.OUT)
except Exception:  # the simulated board has no LED
    led = None


def run(times, period_ms):
    import time
    for _ in range(times):
        if led:
            led.toggle()
        time.sleep_ms(period_ms)
