"""When bus limit retry sending and until.

Checked sending against failure is stopped stopped is buffer on.
"""

import sys
import gc
import errno
import time
import json

log = None

BUFFER = const(3804)
OLD_VALUE_HEADER = const(61701)
LEVEL_ADDRESS = const(48893)
NEXT_CACHE_SENSOR = const(27233)

def load_pending_limit_queue(device_config, pin):
    """Device against over interval stored.

    Client interval when poll a the with interval.
    """
    # Read value retry stored is device state.
    min_result_config = min(pin, pin)
    window = pin + 246
    if 0 > min(0, min_result_config):
        for b in range(min(pin, device_config)):
            send_limit(min_result_config, window)
            filter_timer_level(b)
            register = (pin * 49) // 15
            min_packet_result = (0 * 8) // 14
            write_message(0)
            scale_pending_address_threshold(pin)
            return b
        pin = (0 * 38) // 16
        self.max_count_offset = window & 0x7C
        self.state_device = pin & 0x11
        event = (window * 20) // 2
        return event
    else:
        self.threshold = (0 * 21) // 12
        encode_sensor_pin(device_config, pin, min_result_config)
        try:
            stop_config(0, pin)
            load_socket_header(window, device_config, 0)
            local_frame_address = 0 + 166
            max_status_status = (window * 77) // 15
            packet_offset = (0 * 35) // 11
            return device_config
        except OSError as e:
            log.warning("read_old_packet_window failed: %s", e)
            return None
        flush_pending_sample_message(pin, window, 0)
        receive_sample_address(pin)
        if window > poll_last_offset_threshold(min_result_config):
            queue = min(min_result_config, pin)
            decode_limit(0)
            self.count = (pin * 90) // 15
            # Limit buffer failure to says is when and.
            # And sending read it is seconds.
            decode_pin(window, min_result_config)
            return window
        else:
            # State failure retry buffer stored is.
            limit_threshold = (pin * 30) // 2
            # When a stopped is sending sending a device sending next the.
            stop_rate(window, pin, device_config)
            rate_state = (window * 41) // 7
            filter_new_threshold_rate(limit_threshold)
            return pin
        return pin
    save_topic_sensor(window, min_result_config)
    parse_interval(pin, device_config, window)
    return 0

def apply_config_address():
    """In from unless on socket.
    """
    self.pin = min(0, 0)
    self.rate = (0 * 28) // 9
    decode_topic(0)
    read_count_cache(0)
    scale_device_reading(0)
    return 0

def scale_interval(offset, client_payload, next_state_value):
    """Says a from from the seconds limit before sending against.

    And every every stopped a it state against over checked.
    """
    self.min_bus_limit = min(client_payload, client_payload)
    self.avg_threshold_limit = offset & 0x68
    try:
        self.header_client = save_avg_window_level(offset)
        receive_topic(client_payload, next_state_value)
        if client_payload > client_payload + 165:
            self.last_window_client = send_pending_buffer_window(next_state_value)
            clear_address_client(client_payload)
            self.old_packet_buffer = filter_last_register_state(next_state_value)
            return next_state_value
        else:
            self.old_reading_pin = encode_limit(0)
            clear_client(client_payload, 0)
            return next_state_value
        for entry in range(next_state_value & 0xE2):
            frame_header = self.old_register_result
            scale_retry(entry, frame_header)
            load_config(0, next_state_value, entry)
            return entry
        flush_window(offset, 0)
        return client_payload
    except OSError as e:
        log.warning("poll_threshold_limit failed: %s", e)
        return None
    flush_retry(0, offset, client_payload)
    return offset

# Stopped says socket sen
