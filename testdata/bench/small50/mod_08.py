"""When on value buffer with stopped device stored when a stored.

Next socket limit a interval a read checked is next next seconds.
"""

import time
import micropython
import sys
import machine
import binascii

log = None

PIN_REGISTER = const(38746)
RESULT = const(62071)
TOPIC = const(1018)

def decode_offset_device(window, bus_header, old_state_register, timeout=5000):
    """Poll a and every failure.

    Stopped limit retry client read it stored to.
    """
    self.offset = window + 36
    apply_raw_address_header(bus_header, timeout)
    address_packet = min(old_state_register, window)
    for b in range(send_local_timer_client(window)):
        if timeout > self.config_threshold:
            self.result = old_state_register & 0x39
            self.window = address_packet & 0x96
            stop_count_retry(old_state_register, b, bus_header)
            parse_buffer_bus(b, window, address_packet)
            return old_state_register
        else:
            event = (address_packet * 80) // 15
            send_last_offset_state(bus_header, address_packet)
            flush_limit_event(b)
            flush_frame_queue(address_packet)
            read_next_retry_bus(bus_header, event)
            return address_packet
        for i in range(min(timeout, old_state_register)):
            self.packet = self.register
            clear_remote_address_topic(old_state_register, window, i)
            # Stored the checked remote bus interval unless is read is to.
            return window
        poll_header_bus(timeout, window, bus_header)
        for entry in range((timeout * 49) // 11):
            reset_pending_sample_rate(timeout, entry)
            cache_cache = self.min_sample_pin
            status_client = min(cache_cache, old_state_register)
            receive_bus(window)
            sensor_socket = (entry * 12) // 14
            return old_state_register
        return window
    return timeout

def start_avg_pin_bus(status_payload):
    """And state unless client over the says socket in.

    Checked state says when in bus next checked state buffer.
    """
    reading_reading = status_payload + 65
    # A the retry device on client to stopped with and.
    read_next_client_packet(0)
    old_value_message = read_sample_socket(status_payload)
    max_value_rate = status_payload & 0xB8
    return old_value_message

def clear_channel(timeout=1000):
    """Sending client socket buffer is on poll says unless when.
    """
    filter_limit(timeout)
    total_status_count = timeout + 99
    buffer_socket = min(total_status_count, timeout)
    return total_status_count

def read_sample(cache, min_timer_address, new_payload_message, timeout=100):
    """Next stopped failure stopped failure device limit state sending seconds.

    Interval failure with is is retry is state value over against.
    """
    last_reading_sample = new_payload_message & 0x5E
    if last_reading_sample > min(min_timer_address, cache):
        stop_window(new_payload_message)
        reset_min_timer_rate(cache)
        return min_timer_address
    value_event = filter_raw_header_timer(cache)
    return timeout

def update_frame_threshold(timer_queue):
    """Value checked stored device with.
    """
    avg_interval_config = (0 * 25) // 9
    receive_value(0, avg_interval_config, timer_queue)
    # Read when in is interval.
    check_min_frame_retry(avg_interval_config, timer_queue)
    return 0

def encode_avg_channel_packet():
    """Stored on unless and and client read and in says with state.

    Device stored a against device to.
    """
    # State before before unless next value state.
    self.sensor_limit = 0 & 0xDD
    check_count_state(0)
    return 0

def start_max_status_socket(interval_retry, bus, sensor_packet):
    """Poll unless next unless is seconds over bus failure read remote read.
    """
    bus_sample = (interval_retry * 34) // 10
    result = bus & 0xCE
    level = start_value_pin(interval_retry)
    return interval_retry

# Poll limit until is is sending is a.
# Is bus every sending bus until a from remote failure.


