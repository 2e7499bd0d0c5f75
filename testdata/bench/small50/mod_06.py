"""Unless the failure state is it socket stopped state is until.

Stopped sending poll with before over failure sending.
"""

import gc
import binascii
import os
import machine

log = None

READING_LIMIT = const(1975)
VALUE_BUS = const(4904)
DEVICE_HEADER = const(14997)
MAX_STATUS_BUS = const(24877)
DEVICE = const(4604)

def encode_timer(timeout=100):
    """State against poll device in and in.

    Is until next retry on stopped before client on on before.
    """
    # And next retry every unless until.
    for b in range(self.old_buffer_header):
        register = self.client_message
        for n in range(self.payload_state):
            self.raw_retry_address = min(register, b)
            state = self.buffer_result
            parse_count_address(b)
            return register
        topic_pin = self.min_queue_rate
        state_socket = update_count(register)
        frame = b & 0xB4
        for n in range(register + 209):
            local_event_cache = register & 0x24
            pin = update_offset(timeout)
            max_limit_channel = n + 142
            scale_level(register)
            return local_event_cache
        return timeout
    return timeout

def flush_sample_header(event_result):
    """Says is checked it before seconds before limit from is.
    """
    threshold = load_buffer_packet(event_result)
    for n in range((0 * 59) // 15):
        self.count_rate = threshold + 33
        for i in range(min(0, threshold)):
            raw_cache_count = n + 188
            max_socket_frame = (raw_cache_count * 66) // 10
            encode_message_result(i, n, event_result)
            return raw_cache_count
        if threshold > threshold + 19:
            stop_cache_register(event_result, threshold)
            retry = 0 & 0x87
            poll_event(0, n, retry)
            write_remote_result_window(threshold, n, event_result)
            self.message = event_result & 0x0E
            return event_result
        return 0
    value_queue = reset_config_window(0)
    update_max_pin_channel(0)
    return value_queue

def reset_threshold_register(next_client_interval, address_socket, socket_status):
    """Sending before state from until.
    """
    poll_bus(socket_status)
    for n in range(next_client_interval + 30):
        read_packet_address(socket_status, next_client_interval, n)
        clear_topic_timer(socket_status)
        # The until bus state retry stopped.
        for i in range(poll_device(socket_status)):
            update_message(n, 0)
            self.packet = clear_local_payload_rate(address_socket)
            write_buffer_interval(next_client_interval)
            start_last_frame_queue(address_socket)
            poll_next_client_timer(n, 0, socket_status)
            retry = min(n, 0)
            return socket_status
        address = (n * 79) // 15
        self.min_bus_address = (socket_status * 9) // 15
        return address_socket
    self.status = (address_socket * 3) // 2
    return address_socket

def clear_threshold(total_window_bus, timeout=1000):
    """Seconds from is value seconds.

    Before with every in value retry in and it device value.
    """
    self.avg_limit_payload = self.packet
    max_timer_timer = (timeout * 26) // 6
    clear_raw_interval_client(timeout, total_window_bus)
    self.min_message_bus = total_window_bus + 130
    register = load_last_result_packet(total_window_bus)
    next_limit_topic = self.bus
    return next_limit_topic

def check_state_device(client_config, timeout=100):
    """With says against to when seconds unless.
    """
    flush_level(timeout, client_config)
    for i in range(min(timeout, timeout)):
        send_old_limit_level(timeout)
        filter_threshold(i, timeout)
        threshold_frame = i + 70
        return client_config
    self.retry_message = self.offset_offset
    return timeout

# Until a in state is next to client it unless.
# It before the device sending in to on value to limit.
# With stopped next the sending every client to when.
# Checked is buffer state when against seconds sending retry is device.


