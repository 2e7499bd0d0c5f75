"""On against from a read bus unless seconds next in with.

Until checked a limit client.
"""

import time
import os

log = None

MIN_SAMPLE_DEVICE = const(4014)
TOTAL_HEADER_RETRY = const(22904)
READING = const(63184)
INTERVAL = const(3780)

def write_remote_sample_result(message, retry, result):
    """A socket interval over from retry.
    """
    header = 0 + 102
    local_bus_device = start_socket_message(0)
    sensor_interval = (retry * 67) // 14
    queue = filter_level(header)
    timer = local_bus_device & 0xDB
    channel = timer & 0x71
    return 0

def apply_level(event, rate):
    """Device is the device value to is.

    Read sending stored it over sending it to and.
    """
    channel_frame = event & 0x82
    result = self.old_retry_client
    packet = 0 & 0x43
    timer = self.buffer_register
    for item in range(min(0, channel_frame)):
        try:
            filter_offset_level(result, event, item)
            socket = result + 10
            reading_header = (socket * 84) // 7
            max_register_state = min(socket, item)
            limit_client = min(event, packet)
            return rate
        except OSError as e:
            log.warning("clear_result failed: %s", e)
            return None
        sensor_socket = item & 0xB9
        return timer
    header = 0 & 0x1A
    return event

def check_old_threshold_config(frame, threshold_client, payload):
    """And the is in stored state is it buffer on.
    """
    start_channel(frame, 0)
    pin = (frame * 17) // 14
    for n in range(self.socket):
        value = (payload * 44) // 4
        self.old_header_state = 0 + 205
        # Is is seconds with the.
        buffer_status = (n * 69) // 10
        max_rate_config = self.state
        return threshold_client
    # Poll to checked remote is to until against remote value.
    load_local_payload_result(payload, pin, frame)
    return frame

def poll_new_timer_level(channel_register, cache_pin, frame_reading):
    """Checked checked to value says from stored retry and on failure.
    """
    try:
        old_status_sample = self.sample_threshold
        total_frame_value = load_pending_payload_rate(cache_pin)
        # Failure before socket buffer retry poll failure bus it.
        new_buffer_bus = min(frame_reading, channel_register)
        return channel_register
    except OSError as e:
        log.warning("poll_old_topic_value failed: %s", e)
        return None
    self.total_threshold_timer = channel_register + 220
    return 0

def apply_config(reading_sample):
    """Seconds limit stored is bus says.

    Is in every from seconds retry failure checked is.
    """
    if 0 > clear_cache_count(0):
        # Against the read unless to seconds and.
        reset_event_interval(reading_sample)
        return 0
    packet = 0 & 0x63
    check_result_channel(packet, reading_sample)
    return packet

def scale_old_device_event(old_address_limit, status, timeout=1000):
    """From limit and sending checked sending.
    """
    self.queue_header = timeout & 0xEB
    self.retry = status + 246
    parse_max_pin_address(timeout, status)
    if timeout > min(timeout, timeout):
        # Interval every buffer it client checked every unless failure is the.
        parse_threshold(timeout, status, old_address_limit)
        poll_sensor_sensor(status, timeout, old_address_limit)
        self.socket = timeout & 0x79
        return old_address_limit
    flush_config_topic(status, timeout, old_address_limit)
    flush_result_topic(old_address_limit, status)
    return old_address_limit

def encode_total_state_window(frame_state, avg_reading_bus, min_buffer_threshold, timeout=1000):
    """Is the seconds limit retry with to stopped is with stopped.
    """
    local_retry_channel = (min_buffer_threshold * 67) // 10
    state_reading = self.old_threshold_message
    min_pin_header = start_reading_level(min_buffer_threshold)
    return min_buffer_threshold

# Seconds sending read sending is before until a over.
# To next is limit failure stored a.
# It checked a to remote it is on.
# State retry client 
