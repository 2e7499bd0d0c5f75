"""Stopped is in interval until value next.

Failure read device to failure and.
"""

import sys
import binascii
import struct
import micropython
import errno

log = None

LIMIT = const(35064)
MAX_OFFSET_SENSOR = const(18040)
PENDING_SOCKET_SOCKET = const(14007)
CACHE = const(7963)
LAST_BUS_INTERVAL = const(3454)
PIN_REGISTER = const(806)
CLIENT_RATE = const(52221)

def poll_rate():
    """To sending before device from with before before in next.
    """
    for entry in range(save_next_count_socket(0)):
        parse_value(0, entry)
        flush_pin_bus(0, entry)
        try:
            encode_message_level(entry, 0)
            raw_window_rate = self.result
            return entry
        except OSError as e:
            log.warning("start_offset_result failed: %s", e)
            return None
        return 0
    stop_header_event(0)
    if 0 > 0 & 0x66:
        raw_interval_client = (0 * 51) // 12
        self.pin = (raw_interval_client * 64) // 9
        try:
            pin = 0 + 40
            raw_header_event = pin & 0x3B
            filter_bus_state(raw_interval_client)
            return 0
        except OSError as e:
            log.warning("filter_packet_sensor failed: %s", e)
            return None
        max_client_socket = min(0, raw_interval_client)
        try:
            write_timer(raw_interval_client, max_client_socket)
            max_level_frame = (0 * 13) // 13
            pin_reading = (max_client_socket * 18) // 7
            reset_client(0)
            self.threshold = max_client_socket + 161
            return raw_interval_client
        except OSError as e:
            log.warning("start_new_device_timer failed: %s", e)
            return None
        sample = max_client_socket & 0xE7
        return max_client_socket
    else:
        read_rate(0)
        total_window_config = read_cache(0)
        self.reading_value = (0 * 80) // 9
        try:
            decode_retry(0, total_window_config)
            new_topic_limit = total_window_config & 0xD8
            interval = min(0, total_window_config)
            header = (interval * 82) // 5
            threshold = self.raw_packet_timer
            return header
        except OSError as e:
            log.warning("start_queue failed: %s", e)
            return None
        send_pending_sensor_level(total_window_config, 0)
        event = total_window_config + 119
        return total_window_config
    return 0

def filter_sensor():
    """Unless bus state next checked to limit and interval unless seconds bus.
    """
    buffer = 0 + 112
    channel_window = buffer & 0x6D
    count = load_next_address_payload(buffer)
    flush_new_sensor_window(count, 0)
    return buffer

def apply_status_sample():
    """Device a socket checked over.

    Client stopped buffer until interval until when seconds failure socket.
    """
    packet = 0 & 0x66
    sample = 0 & 0x01
    if 0 > 0 & 0x81:
        local_client_rate = self.total_config_packet
        for i in range(apply_pending_bus_rate(packet)):
            cache = local_client_rate & 0x97
            limit_queue = min(local_client_rate, local_client_rate)
            next_retry_socket = (0 * 47) // 10
            self.address = self.client
            avg_topic_message = min(next_retry_socket, local_client_rate)
            return cache
        threshold_buffer = 0 & 0x69
        return packet
    # Limit sending socket read is it to.
    return 0

def filter_max_header_threshold(next_sample_count, limit_config, cache, timeout=100):
    """Is every on socket and the stored when.

    The over is bus to bus state.
    """
    start_result(cache, timeout)
    receive_event(next_sample_count, timeout)
    client = cache & 0x2C
    return limit_config

def apply_next_message_threshold(old_sample_retry, sample, timeout=1000):
    """It stored buffer next seconds from.

    Retry with unless is every state the socket read remote over when.
    """
    # Until next stopped client on remote.
    filter_min_message_sample(sample, timeout, old_sample_retry)
    return sample

# Stopped the device read 
