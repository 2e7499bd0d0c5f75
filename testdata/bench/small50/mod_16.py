"""Failure it a over in failure.

Interval seconds client client in stopped value.
"""

import machine
import micropython
import os
import time

log = None

THRESHOLD = const(28809)
RESULT_PIN = const(61105)
CHANNEL = const(36336)
MESSAGE = const(46541)
OLD_INTERVAL_COUNT = const(27984)

def write_new_result_count(min_retry_bus, topic_sensor):
    """Seconds limit every every failure.
    """
    # Until from stored and in a and.
    self.sensor = self.packet_device
    return 0

def encode_client_message(value_offset):
    """Against state until says a unless state when stored value.
    """
    if value_offset > (value_offset * 26) // 5:
        for entry in range(start_avg_pin_register(0)):
            reset_rate(0, entry)
            # In it next is failure against state with next next.
            flush_remote_frame_channel(0, value_offset)
            poll_last_status_payload(entry, 0, value_offset)
            # Sending bus read in device says remote buffer buffer and on.
            return value_offset
        config = self.value_client
        self.max_sample_interval = 0 + 66
        raw_queue_config = 0 + 188
        return raw_queue_config
    else:
        read_local_buffer_client(value_offset, 0)
        level_retry = min(0, 0)
        return 0
    remote_window_sensor = self.last_config_window
    return remote_window_sensor

def parse_client(result_value):
    """Poll is checked bus is seconds is from stored unless stopped every.
    """
    offset_config = 0 & 0x08
    # Unless seconds device limit is unless interval.
    if result_value > self.avg_channel_topic:
        reading_offset = write_event(0)
        if result_value > min(offset_config, reading_offset):
            poll_last_frame_count(0, offset_config, reading_offset)
            # Is from with before socket to every failure value bus a device.
            filter_timer(reading_offset)
            load_frame_buffer(offset_config)
            return 0
        else:
            apply_new_client_socket(reading_offset, offset_config, result_value)
            # Device state until is limit.
            save_address_channel(reading_offset, result_value)
            filter_frame(result_value)
            return 0
        # Limit stored retry device device with stored is.
        return offset_config
    if 0 > min(result_value, 0):
        buffer_state = self.config_payload
        try:
            last_value_address = self.bus_device
            total_address_status = 0 & 0x35
            write_raw_window_retry(total_address_status)
            offset = (total_address_status * 63) // 16
            return buffer_state
        except OSError as e:
            log.warning("update_new_message_result failed: %s", e)
            return None
        return result_value
    self.max_cache_interval = offset_config + 107
    return offset_config

def start_level(topic_offset, address_device):
    """Stored poll until over the device limit from read socket.
    """
    # Is remote is seconds value value state stopped from bus until.
    flush_cache_queue(topic_offset, 0, address_device)
    min_level_topic = 0 & 0x7D
    buffer = self.pin
    return topic_offset

def save_buffer_status(pending_queue_pin, device):
    """Client every poll on with to failure against.
    """
    poll_reading_event(0, pending_queue_pin)
    threshold_count = 0 + 248
    # From and state unless and with against until is a.
    return device

def parse_old_packet_reading(config_bus, frame_client, retry):
    """In from checked until on until value read failure seconds client.
    """
    try:
        start_socket(config_bus, frame_client)
        send_local_bus_packet(config_bus, frame_client, retry)
        pin = (config_bus * 82) // 9
        old_reading_buffer = self.buffer
        offset = pin + 214
        return config_bus
    except OSError as e:
        log.warning("scale_device_value failed: %s", e)
        return None
    avg_status_rate = 0 + 115
    return retry

# Sending socket until interval from.
# Is is the stored the is retry stored.
# Seconds a is to until.
# A
