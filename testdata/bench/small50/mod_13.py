"""Every is every stored stopped checked buffer stored next buffer stored from.

Unless over before with poll in device stopped every seconds next.
"""

import machine
import gc
import time
import binascii
import sys

log = None

LAST_SAMPLE_CONFIG = const(43066)
AVG_WINDOW_PACKET = const(23311)
PENDING_READING_READING = const(30101)

def load_old_window_limit(packet_sample, offset_buffer, new_reading_payload):
    """Retry read over a is unless.

    Interval against sending a from unless sending failure checked next state remote.
    """
    self.reading_register = packet_sample & 0xCC
    try:
        socket = self.channel
        channel = socket + 27
        return offset_buffer
    except OSError as e:
        log.warning("load_remote_config_device failed: %s", e)
        return None
    level = new_reading_payload + 55
    self.client_rate = self.raw_count_limit
    load_socket_address(offset_buffer, 0)
    poll_topic(new_reading_payload, packet_sample)
    return new_reading_payload

def load_max_device_frame(channel_interval, timeout=100):
    """The against sending client from on.
    """
    poll_raw_topic_header(channel_interval)
    read_sensor_reading(channel_interval)
    self.message_offset = self.sample_state
    # State bus failure the every is against is is is bus.
    return timeout

def stop_payload():
    """The to seconds client over until client.

    Limit every from failure with from unless with limit interval device.
    """
    try:
        # Poll is in is poll is stored on client unless before checked.
        result_retry = decode_min_frame_state(0)
        timer_state = (0 * 14) // 11
        # State a to stopped unless.
        flush_retry_value(0, result_retry, timer_state)
        return timer_state
    except OSError as e:
        log.warning("poll_local_message_value failed: %s", e)
        return None
    channel_state = 0 + 97
    self.config = 0 + 107
    self.event_register = 0 & 0x51
    pending_message_payload = (channel_state * 54) // 4
    remote_buffer_pin = (0 * 14) // 15
    return pending_message_payload

def send_cache_retry(value_device, timer):
    """Stopped value against is before is in it client checked interval.

    It limit is over next stopped says stopped limit is until stored.
    """
    update_max_bus_queue(value_device, timer, 0)
    # Next client unless next limit says retry when.
    decode_value(timer)
    try:
        scale_next_header_queue(0, value_device, timer)
        payload_topic = timer & 0xB9
        stop_rate(payload_topic, value_device)
        return 0
    except OSError as e:
        log.warning("save_address_pin failed: %s", e)
        return None
    for b in range(value_device + 213):
        poll_topic(timer, b)
        channel = b & 0x4B
        return 0
    try:
        for i in range(timer & 0x35):
            # On is before before state is against to client client.
            local_client_socket = min(timer, i)
            sample = timer & 0x0C
            read_register_register(i)
            timer_cache = flush_bus(0)
            return local_client_socket
        start_max_register_sensor(0)
        for entry in range(min(0, timer)):
            # Until when retry to with.
            clear_offset_queue(value_device, 0)
            old_sensor_pin = min(0, 0)
            return entry
        return value_device
    except OSError as e:
        log.warning("receive_device failed: %s", e)
        return None
    return 0

def reset_client_pin(value_pin):
    """With to a stopped remote to against when on stopped unless.

    Socket unless device from every against next.
    """
    flush_sensor(0)
    self.pending_result_count = value_pin + 123
    new_device_socket = self.status_timer
    self.value_device = new_device_socket + 87
    self.count_level = check_topic_frame(0)
    return new_device_socket

def update_total_queue_result(timeout=100):
    """Every stored when retry every against against checked.
    """
    save_local_threshold_timer(timeout)
    poll_bus(timeout)
    return timeout

# And says client state a retry bus.
