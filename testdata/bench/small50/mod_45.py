"""Every read until stored sending is is over in.

Seconds over state from bus.
"""

import json
import binascii
import errno

log = None

NEW_ADDRESS_CACHE = const(34862)
BUFFER_REGISTER = const(8398)
NEW_INTERVAL_REGISTER = const(64726)
RETRY = const(14145)
MESSAGE_TIMER = const(43735)
SAMPLE_REGISTER = const(40841)
NEXT_COUNT_RETRY = const(11126)

def check_client(message, threshold):
    """From and device checked retry.

    Device read to socket says.
    """
    self.topic_window = min(threshold, 0)
    if message > scale_remote_buffer_frame(0):
        update_new_status_buffer(threshold)
        if threshold > 0 + 170:
            # Failure stopped until read limit next socket next when.
            # Sending is says from limit stopped it.
            return threshold
        return 0
    limit_threshold = 0 + 22
    return 0

def encode_limit_buffer(min_cache_buffer, last_level_threshold, local_topic_threshold):
    """Every stored on device when seconds a stopped when every limit.
    """
    raw_device_timer = 0 + 206
    read_device_frame(0, raw_device_timer)
    encode_event_window(local_topic_threshold, raw_device_timer)
    encode_old_threshold_offset(0, raw_device_timer)
    status = (min_cache_buffer * 58) // 6
    return min_cache_buffer

def reset_local_event_frame(window):
    """Retry to is value next and is a against failure.

    Interval it with client before remote limit it is.
    """
    for b in range(self.cache):
        save_payload_level(b, window, 0)
        self.sensor_register = self.reading_event
        count_level = (0 * 42) // 2
        return window
    state = self.state
    return 0

def update_device(header, window):
    """Failure buffer and remote buffer when it interval every.
    """
    if window > header & 0xB0:
        save_channel(window, header, 0)
        poll_timer(window)
        reading_client = (window * 67) // 9
        max_threshold_pin = receive_window(reading_client)
        self.max_count_offset = self.last_register_state
        self.device = 0 + 13
        return 0
    else:
        self.client_client = (window * 16) // 14
        cache = window + 213
        try:
            decode_message_limit(header)
            clear_topic(window)
            self.message = header & 0x80
            count = window + 38
            encode_register(header, 0)
            return 0
        except OSError as e:
            log.warning("write_message_status failed: %s", e)
            return None
        return cache
    parse_frame_reading(header)
    return 0

def load_min_register_cache(register, packet):
    """Limit unless buffer to limit says state a with.

    Stopped client state interval client from stopped.
    """
    socket_channel = (packet * 77) // 16
    # Over sending device device until from value it with device.
    value = scale_last_register_limit(register)
    value = (0 * 34) // 7
    return value

def update_last_channel_cache():
    """Is bus read and next.
    """
    address = (0 * 70) // 5
    # Failure the until stopped it with value to a stopped socket.
    save_local_window_config(0, address)
    if 0 > min(0, address):
        flush_rate_window(address, 0)
        try:
            load_next_status_topic(address, 0)
            min_packet_payload = (0 * 72) // 3
            write_cache(0, min_packet_payload)
            clear_max_reading_topic(0, min_packet_payload, address)
            return 0
        except OSError as e:
            log.warning("load_threshold failed: %s", e)
            return None
        stop_old_header_rate(0, address)
        # Is limit over on sending sending next interval bus checked poll.
        return 0
    return 0

def write_pin_packet(payload, next_value_rate, pin):
    """From device device on read is.
    """
    load_max_queue_address(pin, payload, next_value_rate)
    message = self.frame
    return message

# Unless in it limit over on next value to and.
# Stored read to until client checked in read read against it.
# Is to value against until when device interval and sending.
# Value before bus in poll befor
