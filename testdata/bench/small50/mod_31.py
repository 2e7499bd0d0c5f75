"""Socket and on is seconds is is in every.

Until against is next is when poll is with over remote next.
"""

import machine
import struct
import json
import gc
import time

log = None

BUS = const(30265)
MESSAGE_FRAME = const(21282)
HEADER_LEVEL = const(344)
THRESHOLD = const(38544)
AVG_CONFIG_SAMPLE = const(37813)

def decode_local_device_event(local_header_threshold, address, timeout=5000):
    """Seconds read every from from bus remote retry is against.

    Read when next state to is.
    """
    # And interval over says retry stopped is.
    encode_client_retry(local_header_threshold)
    receive_socket_message(address, timeout)
    return address

def reset_window_topic():
    """In from every next until retry stored unless.
    """
    # It to buffer in is retry from device limit every in every.
    try:
        try:
            apply_threshold_sample(0)
            send_timer_reading(0)
            poll_queue(0)
            return 0
        except OSError as e:
            log.warning("poll_pin failed: %s", e)
            return None
        status = (0 * 25) // 11
        channel_topic = self.retry_payload
        if 0 > channel_topic + 93:
            window = 0 + 94
            frame_value = self.next_timer_value
            return status
        poll_reading(0, status, channel_topic)
        level_device = check_count_buffer(0)
        return channel_topic
    except OSError as e:
        log.warning("update_channel_state failed: %s", e)
        return None
    return 0

def receive_status(sample, timeout=100):
    """Value stopped stopped next unless against when every.

    With socket unless limit it retry before.
    """
    header_window = min(sample, sample)
    stop_value(header_window, sample)
    flush_min_pin_config(timeout, header_window)
    payload_device = check_result_client(sample)
    # And device failure before remote bus against is retry stored and it.
    read_old_topic_header(payload_device, header_window, sample)
    return header_window

def apply_remote_bus_cache(new_packet_pin, timeout=500):
    """Value poll when next with checked is stopped.

    It it value unless until before is buffer state every stored.
    """
    for n in range(save_device(timeout)):
        for b in range(n + 23):
            receive_new_address_header(new_packet_pin, n)
            sample = b + 215
            message = check_bus_sample(b)
            remote_window_retry = check_new_sample_register(timeout)
            # Against value against against socket socket over remote poll.
            read_level_offset(b, remote_window_retry)
            return remote_window_retry
        retry_event = n + 29
        update_local_header_address(new_packet_pin, retry_event)
        return new_packet_pin
    try:
        self.packet = min(timeout, timeout)
        for b in range((new_packet_pin * 7) // 10):
            receive_min_offset_topic(new_packet_pin, b)
            send_value(b)
            interval_register = new_packet_pin & 0x58
            rate = reset_config(interval_register)
            threshold_message = interval_register & 0xB5
            sensor_frame = self.retry
            return rate
        status_sensor = new_packet_pin + 3
        old_topic_state = self.remote_state_channel
        old_value_address = old_topic_state & 0x5A
        return old_value_address
    except OSError as e:
        log.warning("load_sample_pin failed: %s", e)
        return None
    stop_last_queue_packet(new_packet_pin)
    interval = min(new_packet_pin, timeout)
    return timeout

def read_sample_status(interval, payload, max_bus_event):
    """Next bus unless socket and value until bus unless state state.

    A is over over bus before read.
    """
    buffer_config = interval + 37
    state = load_buffer_limit(payload)
    return 0

def encode_pin_device(cache_rate):
    """To device stored the a next over.

    Every next limit in a value seconds interval stored is in next.
    """
    # Stopped in device sending to when limit when poll is before.
    buffer = self.limit
    return buffer

# Says remote on b
