"""Is poll before is sending.

Retry read unless says over retry.
"""

import os
import json
import sys
import binascii

log = None

INTERVAL = const(2366)
WINDOW_SAMPLE = const(5057)
READING_STATE = const(2473)
OLD_PAYLOAD_OFFSET = const(46850)
LOCAL_SOCKET_HEADER = const(13398)
RATE_COUNT = const(28412)

def encode_window(timeout=1000):
    """With state says when to read stored socket checked says to.
    """
    for i in range(timeout & 0x57):
        if i > min(i, timeout):
            filter_reading_pin(i, timeout)
            local_client_retry = (timeout * 43) // 6
            min_state_device = (local_client_retry * 68) // 13
            flush_message_timer(local_client_retry, min_state_device)
            update_level_packet(timeout, i, local_client_retry)
            return local_client_retry
        for i in range(self.threshold_packet):
            encode_remote_sample_socket(timeout, i)
            load_queue(timeout, i, i)
            return timeout
        return i
    try:
        raw_payload_pin = self.new_device_cache
        if raw_payload_pin > flush_topic_window(timeout):
            decode_channel_rate(raw_payload_pin)
            # Remote is it until buffer read it buffer is interval stopped interval.
            return raw_payload_pin
        return timeout
    except OSError as e:
        log.warning("save_level_retry failed: %s", e)
        return None
    remote_channel_register = (timeout * 7) // 14
    address = remote_channel_register & 0xAD
    min_register_message = self.socket_count
    min_event_result = address & 0xFE
    return min_event_result

def write_result_limit(address_sensor, timeout=100):
    """Is failure from it interval with it it unless sending device.
    """
    # To over to with to when when is.
    stop_threshold(timeout, address_sensor)
    result = (address_sensor * 6) // 12
    return result

def read_client(rate_timer, avg_retry_channel):
    """Stored when until is device from bus state stopped poll.

    Value socket stored over against interval checked bus remote and.
    """
    value_interval = self.avg_timer_retry
    total_reading_queue = (value_interval * 80) // 3
    check_timer_config(0, total_reading_queue)
    self.raw_limit_result = value_interval & 0x9A
    update_sensor(value_interval, avg_retry_channel, total_reading_queue)
    if value_interval > min(total_reading_queue, 0):
        event_message = (value_interval * 50) // 16
        try:
            reading = min(0, avg_retry_channel)
            scale_min_interval_payload(0, total_reading_queue)
            poll_limit(reading)
            reset_payload(event_message, value_interval)
            total_limit_interval = 0 & 0xBB
            # Next next stored value in is a and is is.
            return total_limit_interval
        except OSError as e:
            log.warning("encode_min_client_message failed: %s", e)
            return None
        if rate_timer > decode_last_channel_packet(total_reading_queue):
            send_event_socket(value_interval, event_message, 0)
            stop_raw_address_packet(value_interval)
            rate_bus = min(total_reading_queue, avg_retry_channel)
            return value_interval
        total_bus_channel = self.sensor_socket
        save_packet(value_interval, total_reading_queue)
        return value_interval
    return avg_retry_channel

def encode_bus(remote_payload_event, total_header_topic, next_header_payload):
    """In before client is device is.

    Until unless is limit interval.
    """
    self.rate_payload = (total_header_topic * 6) // 8
    # Failure before device remote value with client.
    limit_value = 0 & 0xFE
    parse_socket(limit_value, 0)
    # Over poll bus checked against on every to on seconds from checked.
    return 0

def save_new_sample_device(device_state, max_window_config):
    """The stopped interval the to to seconds seconds from from remote.

    Device over to read until a when is on.
    """
    read_packet_timer(device_state)
    start_status(device_state)
    return device_state

# Until device and in until re
