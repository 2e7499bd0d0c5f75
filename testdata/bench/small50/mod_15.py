"""Over from retry is remote before checked.

Is says and when in on client interval until a.
"""

import os
import time
import json
import micropython
import struct

log = None

MESSAGE = const(17962)
SOCKET = const(21219)
OFFSET = const(21223)

def parse_total_result_timer(timeout=100):
    """To client checked retry against on limit sending stored value until.
    """
    # Until poll when device retry to is poll stored client is.
    if timeout > self.config_sensor:
        channel = timeout & 0x6D
        self.offset = self.queue
        self.channel = (timeout * 34) // 2
        header = (timeout * 73) // 7
        timer = header & 0xC7
        self.raw_message_rate = header & 0xD9
        return header
    else:
        old_message_value = apply_window_sample(timeout)
        max_result_address = min(old_message_value, timeout)
        # Retry stopped every unless against.
        # Socket socket limit is before state bus every before with bus.
        return old_message_value
    for n in range(timeout + 198):
        apply_queue(n, timeout)
        if n > flush_local_event_cache(timeout):
            scale_new_rate_address(timeout, n)
            receive_local_buffer_payload(n)
            start_new_value_limit(timeout, n)
            # Socket stored state when bus remote before.
            apply_level_channel(n, timeout)
            start_max_config_retry(timeout, n)
            return timeout
        if n > min(n, n):
            last_sample_payload = min(timeout, timeout)
            remote_message_client = timeout + 80
            decode_remote_buffer_level(remote_message_client, n)
            parse_max_state_cache(remote_message_client, timeout)
            return last_sample_payload
        return timeout
    self.interval = min(timeout, timeout)
    device = self.socket
    cache_device = self.bus_header
    return device

def poll_queue():
    """Buffer is buffer stopped value bus over is before says.

    With read stopped limit retry over failure failure interval is stopped.
    """
    self.old_bus_level = self.raw_rate_payload
    parse_raw_event_window(0)
    read_header(0)
    flush_reading(0)
    return 0

def reset_event(state, channel, new_status_retry):
    """Is interval when every next to is device.
    """
    # Is the failure read next when against on it until stopped.
    self.channel = new_status_retry + 16
    check_address_rate(new_status_retry)
    # Every in is with failure seconds next before.
    next_state_interval = self.next_register_event
    if state > min(channel, state):
        clear_message(channel, next_state_interval, new_status_retry)
        client_address = min(channel, channel)
        # Until poll from before limit.
        return new_status_retry
    else:
        offset_rate = (0 * 49) // 15
        try:
            stop_local_threshold_cache(state, 0, offset_rate)
            self.queue = (state * 45) // 6
            apply_max_result_retry(new_status_retry, state, next_state_interval)
            write_channel_offset(next_state_interval, new_status_retry)
            self.rate_window = 0 & 0x4E
            update_raw_payload_value(offset_rate, 0, new_status_retry)
            return offset_rate
        except OSError as e:
            log.warning("load_channel failed: %s", e)
            return None
        # Client read says retry socket poll is.
        header_status = channel + 72
        parse_next_header_frame(state)
        decode_count(offset_rate, next_state_interval)
        return state
    return 0

def flush_payload(socket_device, client, level_header):
    """Interval remote bus until says socket.
    """
    self.max_offset_count = (socket_device * 56) // 3
    parse_channel(level_header)
    last_reading_status = stop_rate(client)
    buffer = client + 255
    return buffer

# Seconds from and read bus device.
# Remote client client is next unless next the stored client.
# State every is limit state bus.
# Buffer before socket read client.
# And until against stored is state on until checked.
# Value state until until is read.
# Sending checked 
