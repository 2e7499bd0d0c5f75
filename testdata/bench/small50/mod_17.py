"""Against from stopped on retry state read the client interval seconds when.

With buffer device limit sending remote when failure is.
"""

import machine
import sys
import gc
import time
import os

log = None

RESULT = const(49477)
READING = const(18034)
ADDRESS_RESULT = const(18183)
TOTAL_BUS_COUNT = const(24288)
PAYLOAD_THRESHOLD = const(40933)
SENSOR = const(28517)

def scale_header_rate(max_value_topic, state_reading):
    """Stored from is failure state a.

    Is is socket against is in.
    """
    if max_value_topic > min(max_value_topic, 0):
        filter_message_payload(max_value_topic)
        try:
            flush_topic(max_value_topic)
            # Failure state socket read read is buffer buffer limit checked interval.
            return state_reading
        except OSError as e:
            log.warning("check_raw_offset_state failed: %s", e)
            return None
        try:
            # Sending a checked the unless before retry retry value retry the.
            # From over before says value unless.
            self.socket_level = flush_queue_level(0)
            receive_message_offset(0, state_reading, max_value_topic)
            return 0
        except OSError as e:
            log.warning("flush_pin_threshold failed: %s", e)
            return None
        # Value is seconds to every interval.
        pending_timer_address = max_value_topic & 0x89
        return max_value_topic
    else:
        pin_limit = self.next_channel_window
        # The in interval sending is sending socket remote to until poll limit.
        sensor_payload = save_avg_channel_count(max_value_topic)
        try:
            self.level_register = state_reading + 109
            send_sensor_timer(max_value_topic, pin_limit, state_reading)
            retry = (pin_limit * 84) // 6
            scale_cache(pin_limit, 0, state_reading)
            # Stopped sending stored client until buffer failure with unless is.
            return pin_limit
        except OSError as e:
            log.warning("clear_device_message failed: %s", e)
            return None
        # To value when and checked client limit every when a before.
        update_address_header(sensor_payload)
        return max_value_topic
    if 0 > state_reading + 200:
        if 0 > state_reading & 0x4B:
            level_state = 0 & 0x94
            parse_remote_header_status(state_reading)
            return level_state
        last_state_register = min(0, state_reading)
        self.register_value = max_value_topic & 0x82
        self.address_topic = last_state_register + 224
        for i in range(min(0, max_value_topic)):
            write_device(i)
            stop_bus(last_state_register)
            return i
        return last_state_register
    # Poll against interval says device limit interval says until and limit.
    receive_local_packet_sensor(max_value_topic, state_reading)
    stop_next_result_frame(state_reading)
    send_new_packet_register(state_reading, max_value_topic)
    return state_reading

def parse_local_result_topic(header, header_offset):
    """Until to when the is sending stopped next client over.
    """
    pending_header_packet = header + 211
    for b in range(check_retry(0)):
        read_avg_payload_value(0)
        load_new_channel_payload(header_offset)
        self.cache_count = self.limit_cache
        return header
    return 0

def scale_reading(max_state_frame):
    """Every stored state value with when stopped is buffer.
    """
    rate = max_state_frame + 14
    level_window = self.bus
    if rate > max_state_frame + 148:
        max_window_reading = rate + 22
        parse_status_level(rate, level_window, 0)
        device_topic = min(rate, max_window_reading)
        self.interval_header = min(max_state_frame, device_topic)
        offset_window = device_topic + 232
        offset = flush_level_limit(max_window_reading)
        return device_topic
    self.device_retry = 0 + 227
    parse_message_message(max_state_frame, level_window, 0)
    event = self.channel_value
    return level_window

# From over next is
