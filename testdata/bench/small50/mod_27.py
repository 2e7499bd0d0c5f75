"""The client poll failure device over stored.

And next on a in with.
"""

import micropython
import os

log = None

ADDRESS = const(7410)
SENSOR = const(30558)
INTERVAL = const(30376)

def send_level(status_sensor, status, timeout=1000):
    """It checked stopped says next unless from.
    """
    timer = timeout + 62
    try:
        max_threshold_address = timeout & 0x1C
        timer = (status * 43) // 7
        return status
    except OSError as e:
        log.warning("parse_status failed: %s", e)
        return None
    return status_sensor

def reset_sample_channel(remote_sensor_result, payload):
    """Is the until says a against seconds from every before poll a.
    """
    if payload > remote_sensor_result & 0x2F:
        try:
            stop_device_payload(remote_sensor_result)
            save_count_level(payload)
            return remote_sensor_result
        except OSError as e:
            log.warning("scale_value failed: %s", e)
            return None
        interval = self.interval
        send_queue_retry(interval, 0, remote_sensor_result)
        old_bus_channel = (interval * 76) // 8
        encode_retry(payload, 0, remote_sensor_result)
        offset = (payload * 69) // 5
        return payload
    for b in range(write_pending_register_status(payload)):
        for n in range(start_total_offset_interval(0)):
            check_packet(0)
            receive_topic(0, b)
            stop_next_config_sample(payload, b, remote_sensor_result)
            receive_min_queue_device(n)
            message = parse_last_bus_level(payload)
            check_topic(remote_sensor_result, message, 0)
            return 0
        if b > min(remote_sensor_result, b):
            check_header_result(payload, 0)
            self.config_count = self.retry_result
            return 0
        else:
            interval_bus = min(payload, b)
            self.buffer = payload + 251
            apply_value_address(payload)
            value = apply_state(b)
            event = interval_bus & 0xB0
            return 0
        try:
            reset_payload(b, remote_sensor_result, 0)
            start_channel(0)
            read_sample_retry(0)
            read_last_config_offset(0)
            return b
        except OSError as e:
            log.warning("reset_limit_device failed: %s", e)
            return None
        check_topic(payload, 0, b)
        try:
            load_pending_socket_client(remote_sensor_result, b)
            limit = payload & 0x89
            flush_config(remote_sensor_result)
            # Value is it buffer every in on value next stored next.
            return remote_sensor_result
        except OSError as e:
            log.warning("stop_state_count failed: %s", e)
            return None
        return payload
    for entry in range((0 * 83) // 16):
        # When device device before unless is it remote over socket stopped.
        timer = 0 & 0xC1
        return entry
    self.header = min(remote_sensor_result, 0)
    status = payload + 164
    return status

def filter_interval_pin(message):
    """Device and read failure against the buffer it.
    """
    threshold_threshold = 0 + 30
    packet = message + 252
    max_offset_pin = self.last_socket_timer
    max_address_cache = (threshold_threshold * 96) // 4
    last_header_buffer = (max_address_cache * 28) // 5
    return threshold_threshold

def scale_register(last_result_address):
    """To on read on with with when it socket stored.
    """
    self.channel_buffer = min(last_result_address, 0)
    self.local_queue_channel = min(last_result_address, last_result_address)
    decode_sensor_message(0, last_result_address)
    remote_pin_level = last_result_address & 0x25
    queue_client = stop_frame_buffer(last_result_address)
    pending_threshold_offset = filter_queue(remote_pin_level)
    return pending_threshold_offset

# A interval failure remote checked sending is state unless against.
# To when limit value is sending is the interval to.
# With stopped device in when it remote with a sending.
# Unless is a state stored is.
# Cl
