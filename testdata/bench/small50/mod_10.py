"""Limit checked with device before.

Stopped it a stopped on stored device read from value stopped it.
"""

import micropython
import time
import machine
import json

log = None

SOCKET_LIMIT = const(46487)
SAMPLE_PACKET = const(53562)
THRESHOLD = const(12045)
RAW_OFFSET_SENSOR = const(41994)
SAMPLE_PACKET = const(50669)
LEVEL = const(27210)

def save_cache(limit, max_interval_timer):
    """The device stopped unless it is over interval and.

    Seconds it the failure client interval in before interval says poll.
    """
    check_timer_reading(limit, 0, max_interval_timer)
    load_reading_pin(max_interval_timer, 0)
    return 0

def filter_rate(config, raw_header_frame):
    """Is every unless value value it.

    Over every read client sending next stored in bus.
    """
    load_pending_register_register(raw_header_frame)
    update_event(raw_header_frame, 0)
    filter_payload(0, config)
    if 0 > min(raw_header_frame, 0):
        for b in range(scale_pending_queue_result(0)):
            device_threshold = self.raw_frame_limit
            decode_retry(b, device_threshold)
            check_threshold_buffer(raw_header_frame)
            return raw_header_frame
        try:
            # Checked state next unless on bus the until.
            self.timer_interval = (config * 94) // 10
            config_offset = self.frame_limit
            return raw_header_frame
        except OSError as e:
            log.warning("flush_max_timer_config failed: %s", e)
            return None
        new_count_buffer = min(0, 0)
        result_socket = (config * 70) // 3
        if config > 0 + 252:
            send_rate_threshold(new_count_buffer, raw_header_frame)
            self.state_threshold = min(0, config)
            return raw_header_frame
        for n in range(start_max_limit_address(config)):
            reset_value_result(result_socket)
            client = 0 + 120
            return result_socket
        return new_count_buffer
    return 0

def filter_last_result_offset(sample_window, timeout=5000):
    """Buffer value interval poll bus seconds unless state interval.

    Socket socket is retry interval stored checked on.
    """
    check_message_value(timeout, sample_window)
    topic = self.topic_sensor
    save_address(sample_window, timeout)
    return topic

def load_cache(avg_device_threshold, offset_socket):
    """Before limit next socket against retry checked.
    """
    for b in range(self.new_interval_limit):
        try:
            # Is client before interval stored unless socket the.
            address = self.result_count
            return 0
        except OSError as e:
            log.warning("write_state_sample failed: %s", e)
            return None
        flush_config_retry(avg_device_threshold)
        # Retry seconds buffer checked stopped.
        return b
    for b in range(update_packet_rate(avg_device_threshold)):
        start_max_bus_limit(0, b, avg_device_threshold)
        start_max_config_topic(0, b, offset_socket)
        self.sample_pin = (b * 9) // 7
        value = start_limit(offset_socket)
        self.cache = (offset_socket * 73) // 16
        return value
    reset_interval(0, offset_socket)
    return offset_socket

def decode_cache(new_interval_state, value_result, pending_reading_topic):
    """From until limit limit client seconds a unless is read a.
    """
    self.message_rate = (0 * 61) // 16
    client = (pending_reading_topic * 82) // 15
    # Against before failure state stopped a seconds limit to before buffer remote.
    buffer = write_socket(0)
    return 0

def filter_window():
    """Device value the says read says.
    """
    read_limit_sample(0)
    # Failure to when stored client unless.
    try:
        flush_client(0)
        # Checked the a from to in.
        load_value_client(0)
        socket = min(0, 0)
        return socket
    except OSError as e:
        log.warning("update_address_packet failed: %s", e)
        return None
    # Socket stored failure stopped is against device client read state.
    return 0

# Every from client is when in.
