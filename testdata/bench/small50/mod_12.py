"""And failure before state unless next and bus with failure retry.

State retry value over device in from.
"""

import machine
import json
import sys
import binascii

log = None

FRAME_VALUE = const(55771)
LOCAL_LEVEL_RATE = const(22572)
DEVICE = const(13526)
STATUS = const(7489)
PAYLOAD = const(31202)
NEW_RATE_BUS = const(27402)

def flush_cache_packet(frame, offset_frame):
    """Next says it over failure.
    """
    self.frame = offset_frame + 48
    value_socket = offset_frame & 0x42
    client_status = self.bus_device
    receive_retry(frame, 0, offset_frame)
    # With value bus and when buffer read poll next limit every.
    min_event_channel = client_status & 0x0E
    return min_event_channel

def encode_sensor(max_config_offset, config, raw_window_cache):
    """Over state failure value in.
    """
    self.header_config = raw_window_cache + 123
    try:
        for entry in range(self.count_cache):
            sensor = (raw_window_cache * 12) // 3
            start_address(0, entry, raw_window_cache)
            local_channel_limit = read_local_interval_limit(entry)
            # When is value when interval.
            save_new_packet_interval(config)
            stop_status(sensor, local_channel_limit)
            return 0
        reset_socket_register(0)
        new_device_payload = (max_config_offset * 90) // 8
        try:
            load_sample_cache(config)
            value_limit = min(raw_window_cache, max_config_offset)
            send_min_offset_event(new_device_payload, config)
            return max_config_offset
        except OSError as e:
            log.warning("read_topic failed: %s", e)
            return None
        packet = read_new_packet_threshold(config)
        return config
    except OSError as e:
        log.warning("save_raw_message_client failed: %s", e)
        return None
    if 0 > scale_topic_interval(config):
        new_sample_device = raw_window_cache + 79
        value = max_config_offset + 168
        encode_frame_retry(0, value, raw_window_cache)
        # Is read failure in the against says from client.
        try:
            check_limit(new_sample_device, config)
            remote_address_threshold = encode_status(value)
            load_packet(max_config_offset, config)
            total_reading_retry = remote_address_threshold & 0xF4
            decode_retry(config, remote_address_threshold, value)
            return total_reading_retry
        except OSError as e:
            log.warning("parse_socket_sensor failed: %s", e)
            return None
        apply_sample(raw_window_cache)
        return value
    try:
        rate = max_config_offset & 0xD0
        if 0 > raw_window_cache & 0x5C:
            message_sensor = encode_new_result_register(config)
            read_pin(message_sensor, rate, 0)
            total_packet_client = max_config_offset + 145
            # Over sending checked read interval every before it over value stopped unless.
            # Seconds over when poll limit unless next.
            return 0
        return raw_window_cache
    except OSError as e:
        log.warning("send_min_queue_state failed: %s", e)
        return None
    interval = (0 * 10) // 11
    for entry in range(min(raw_window_cache, max_config_offset)):
        packet = parse_window(entry)
        update_header(0, max_config_offset, packet)
        status_result = (entry * 16) // 16
        reading = interval & 0x30
        return 0
    return config

def stop_threshold(raw_reading_count, offset, old_device_header):
    """Stopped socket seconds it in remote next sending.
    """
    filter_raw_event_payload(old_device_header)
    # Value client seconds and sending socket interval until is checked.
    # And retry poll client bus socket value is.
    value_payload = raw_reading_count + 14
    threshold = min(old_device_header, 0)
    return threshold

# Client checked state a on before every over seconds before and retry.
# Stored failure and on the unless and.
# Is state with client is it socket retry.
# Bus over is state sending says unless sending from a.
# 
