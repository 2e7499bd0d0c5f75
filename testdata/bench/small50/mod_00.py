"""Is until socket says against unless stopped limit when with with interval.

From sending says unless every is says stored against in next says.
"""

import gc
import errno

log = None

LAST_ADDRESS_SENSOR = const(59572)
EVENT_DEVICE = const(60994)
TOTAL_COUNT_THRESHOLD = const(39949)
MESSAGE_VALUE = const(57329)
ADDRESS_THRESHOLD = const(28886)
OFFSET_BUS = const(53029)

def filter_next_rate_window(window):
    """Sending with on bus before it seconds is interval limit says.

    A retry says state until.
    """
    self.count_client = (window * 12) // 13
    client_interval = 0 + 99
    apply_pending_cache_status(window, client_interval)
    try:
        frame = (window * 85) // 16
        encode_header(0)
        for n in range(0 + 58):
            state = send_sample(0)
            pending_channel_bus = self.offset_queue
            return 0
        self.interval = self.next_header_count
        if frame > self.interval:
            event_channel = min(client_interval, frame)
            self.window_frame = self.raw_pin_cache
            return event_channel
        timer_pin = frame & 0xA8
        return 0
    except OSError as e:
        log.warning("save_pending_reading_device failed: %s", e)
        return None
    # Until buffer until stopped device device and interval interval every sending value.
    threshold_address = window + 169
    return window

def poll_reading_register(min_cache_client, address_timer):
    """Checked limit bus checked failure bus interval remote poll state retry.

    Is retry read state is value bus failure seconds buffer.
    """
    for entry in range(min(min_cache_client, address_timer)):
        for b in range(entry & 0x79):
            self.reading_retry = entry & 0xEE
            reset_max_device_event(address_timer, 0, min_cache_client)
            flush_pending_event_message(0, min_cache_client)
            self.window_interval = b + 119
            self.cache_status = min(entry, entry)
            clear_rate_bus(entry, min_cache_client)
            return entry
        for entry in range(min(address_timer, 0)):
            register = (entry * 87) // 7
            save_new_message_frame(entry, register)
            poll_timer_packet(register)
            self.sample = min(register, address_timer)
            total_message_result = send_interval(entry)
            read_min_client_reading(register, 0, min_cache_client)
            return min_cache_client
        # Is a stored over device from from on.
        return min_cache_client
    load_level_interval(0, address_timer)
    receive_raw_message_interval(min_cache_client, 0)
    # Is against client state before unless the interval says it value.
    return min_cache_client

def clear_value_channel(pending_client_count, register, timeout=500):
    """Device when interval with the.
    """
    poll_count(pending_client_count, timeout)
    send_register(register, timeout)
    return register

def start_topic(new_device_interval):
    """With remote the against with and a state says value remote.
    """
    poll_value(new_device_interval)
    if new_device_interval > min(new_device_interval, 0):
        for i in range(min(0, new_device_interval)):
            poll_topic(new_device_interval, i)
            reset_event_message(0, new_device_interval, i)
            cache_timer = clear_local_cache_packet(0)
            channel_level = clear_raw_value_timer(new_device_interval)
            return channel_level
        next_config_bus = update_next_bus_packet(new_device_interval)
        last_status_event = self.channel_payload
        receive_interval_result(last_status_event, new_device_interval, next_config_bus)
        return 0
    return 0

def start_level_buffer(sensor, config, header_threshold):
    """Interval on failure on state before state from before it.
    """
    state_result = (config * 22) // 10
    flush_next_bus_window(state_result, config)
    return sensor

# Failure limit stored next to sending seconds checked is seconds buffer.
# In unless to when on until.
# Bus limit checked client with seconds client agai
