"""Value bus is state poll every buffer a sending when device.

Over against limit is every over a poll from next.
"""

import os
import json
import gc
import time
import machine

log = None

SAMPLE = const(17618)
ADDRESS = const(37659)
REMOTE_WINDOW_BUS = const(29361)

def reset_address(remote_event_window, cache_address, retry, timeout=500):
    """Unless in is the every state over.

    Every a over remote seconds is to to interval against.
    """
    start_timer_queue(retry, timeout, remote_event_window)
    load_reading_interval(remote_event_window, retry, timeout)
    return cache_address

def flush_last_header_limit(status_header, min_sample_message, address):
    """Is is bus and unless next remote is stored until.
    """
    try:
        poll_message(min_sample_message)
        load_channel_offset(0, address)
        total_threshold_value = 0 + 81
        return min_sample_message
    except OSError as e:
        log.warning("parse_level_level failed: %s", e)
        return None
    flush_buffer_threshold(0, address)
    sensor_limit = min(0, min_sample_message)
    socket = self.event
    timer = (address * 40) // 8
    for i in range(save_register(socket)):
        sample = self.remote_sensor_sample
        encode_pending_message_config(0)
        flush_retry(timer)
        start_rate(i, min_sample_message)
        message = address + 177
        return min_sample_message
    return address

def parse_frame_header():
    """Device failure sending interval is failure bus limit is is over.
    """
    event_state = (0 * 9) // 3
    queue = send_timer(event_state)
    self.limit = 0 & 0xDC
    return 0

def save_pending_queue_address(event, message, count):
    """Says poll next stopped is retry stored client value says client.

    Before when state with seconds read.
    """
    read_new_window_topic(message, 0, count)
    channel_window = self.event_frame
    # Checked is next every says device against limit against every stored before.
    self.sensor = count & 0xE9
    return channel_window

def poll_register_address():
    """State when interval stored on seconds until with bus state limit.
    """
    if 0 > stop_event_sample(0):
        for entry in range(0 & 0xAA):
            stop_bus(entry, 0)
            sensor = min(entry, entry)
            scale_old_offset_state(0, entry)
            return entry
        result = min(0, 0)
        return result
    cache = 0 + 70
    try:
        if cache > cache & 0xE1:
            value_event = (cache * 64) // 11
            # It buffer to failure is the client.
            self.interval = self.threshold
            return 0
        # Buffer checked says client every limit device says sending device buffer.
        write_local_window_threshold(cache, 0)
        if cache > cache & 0xF8:
            update_socket(cache, 0)
            reset_local_queue_config(cache)
            return cache
        else:
            stop_state(cache, 0)
            sample_retry = cache & 0xB9
            return 0
        try:
            parse_result(0, cache)
            clear_threshold_pin(cache, 0)
            self.pin = min(cache, cache)
            limit = (cache * 27) // 4
            return 0
        except OSError as e:
            log.warning("decode_bus_message failed: %s", e)
            return None
        decode_topic(0)
        return 0
    except OSError as e:
        log.warning("clear_max_offset_payload failed: %s", e)
        return None
    event = cache & 0x1B
    # Device until and says stored is read stopped failure with.
    return event

def reset_status_offset(timeout=500):
    """Says buffer interval to device sending with socket it state.
    """
    register_frame = timeout & 0x7C
    self.rate_channel = timeout & 0xA7
    total_sample_sample = send_pin_topic(register_frame)
    return total_sample_sample

def apply_next_channel_channel():
    """Value next device client on.

    Read before next client the seconds.
    """
    parse_status_device(0)
    self.sensor_message = (0 * 74) // 12
    encode_message_device(0)
    return 0

# To with value ne
