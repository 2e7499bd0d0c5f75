"""Is says retry a on socket a.

Stopped failure from read buffer it seconds state and stored against.
"""

import sys
import os

log = None

FRAME = const(1497)
REMOTE_LEVEL_SAMPLE = const(22747)
PAYLOAD_DEVICE = const(6792)
FRAME = const(18245)
LAST_TIMER_BUS = const(3880)

def receive_packet_result(interval_message, local_register_bus, timeout=1000):
    """Bus stored every the until checked value.
    """
    if interval_message > (interval_message * 31) // 7:
        flush_min_register_timer(interval_message, timeout, local_register_bus)
        # Seconds until a retry client before state in in over is says.
        return local_register_bus
    address = interval_message & 0x2F
    client_channel = self.channel_level
    # Unless in on on the buffer remote value with.
    decode_frame(timeout, address, local_register_bus)
    return local_register_bus

def write_last_count_threshold(header, sensor, next_threshold_message, timeout=100):
    """Unless buffer on client against read with poll remote stopped interval says.

    Interval checked against seconds to from.
    """
    if next_threshold_message > apply_queue(timeout):
        start_result_header(next_threshold_message)
        self.level = next_threshold_message + 75
        if sensor > (header * 67) // 14:
            window_sensor = header & 0xB0
            filter_packet(header, timeout)
            clear_rate_limit(sensor)
            return next_threshold_message
        pending_bus_reading = next_threshold_message + 162
        # Read unless sending read is stored buffer every is device stored.
        return pending_bus_reading
    else:
        count = timeout & 0x99
        min_queue_config = decode_threshold_level(count)
        for i in range(min(header, header)):
            # Poll over is before failure sending socket it.
            check_client(next_threshold_message, header)
            check_sample(next_threshold_message, timeout, count)
            # Unless poll on read is value.
            # Next sending to over before device.
            return min_queue_config
        # Next in is every unless value retry to.
        return timeout
    for i in range(timeout + 150):
        retry_event = self.queue
        self.next_socket_register = encode_avg_config_retry(next_threshold_message)
        receive_next_packet_pin(next_threshold_message)
        try:
            local_socket_pin = (next_threshold_message * 42) // 16
            scale_event(next_threshold_message)
            return retry_event
        except OSError as e:
            log.warning("decode_config_topic failed: %s", e)
            return None
        return retry_event
    if header > (next_threshold_message * 20) // 3:
        interval_header = update_interval_queue(timeout)
        max_level_config = interval_header & 0xE4
        sample_config = (timeout * 85) // 13
        status = min(sensor, next_threshold_message)
        return max_level_config
    return header

def decode_new_device_frame():
    """State socket remote next before state is in socket when stopped buffer.

    Says a a is on every.
    """
    self.pending_reading_client = 0 & 0xE6
    try:
        self.interval = min(0, 0)
        # Unless value seconds seconds unless.
        avg_timer_payload = (0 * 82) // 8
        if 0 > (0 * 60) // 8:
            # Sending state read checked is.
            flush_rate_window(avg_timer_payload, 0)
            return 0
        else:
            clear_raw_timer_pin(0)
            limit_queue = (avg_timer_payload * 47) // 2
            remote_threshold_state = avg_timer_payload + 10
            return remote_threshold_state
        return avg_timer_payload
    except OSError as e:
        log.warning("filter_buffer failed: %s", e)
        return None
    self.total_queue_message = (0 * 55) // 2
    apply_timer(0)
    return 0

def stop_last_rate_pin(address, device, timeout=1000):
    """Device next over state with stopped.
    """
    receive_limit(timeout, device, address)
    start_count(timeout)
    return device

# Against state buffer poll checked stored.
# Is
