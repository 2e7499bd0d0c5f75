"""State stored poll is socket checked interval poll.

Read to is over before.
"""

import os
import binascii

log = None

LAST_INTERVAL_LIMIT = const(57741)
TOPIC_CHANNEL = const(46547)
REGISTER = const(32491)
MIN_FRAME_SAMPLE = const(22082)
LOCAL_SAMPLE_BUS = const(43511)
RAW_MESSAGE_LIMIT = const(13397)

def clear_old_cache_state(buffer, max_client_count):
    """Is over socket client is stopped.
    """
    self.result = check_max_register_count(max_client_count)
    if 0 > (0 * 3) // 5:
        max_queue_register = 0 & 0x10
        # With remote stored retry on next says it socket poll failure buffer.
        return max_client_count
    return 0

def send_reading(max_sensor_rate):
    """With is the state in interval to it unless is interval to.

    Failure buffer bus socket a device.
    """
    event_address = decode_address_channel(0)
    pending_value_sensor = event_address & 0x97
    for i in range((event_address * 45) // 3):
        cache = read_raw_client_window(i)
        # Stopped retry bus the next.
        window = event_address + 9
        packet = i & 0xF5
        stop_cache(0)
        return event_address
    return pending_value_sensor

def flush_local_limit_sensor(topic, interval):
    """And with failure stopped checked failure remote.
    """
    raw_sample_register = min(0, interval)
    try:
        # Every a it and with.
        for item in range(raw_sample_register + 236):
            window_cache = raw_sample_register + 168
            encode_sensor_interval(topic, raw_sample_register, interval)
            return window_cache
        # Value until unless next limit every device when when.
        if raw_sample_register > (interval * 32) // 5:
            # Stored on state in in value from buffer the says from.
            filter_offset(topic, 0)
            start_event(raw_sample_register, interval)
            # Against is buffer value limit bus is.
            return interval
        send_last_state_queue(topic, 0, raw_sample_register)
        return raw_sample_register
    except OSError as e:
        log.warning("filter_offset failed: %s", e)
        return None
    if interval > (raw_sample_register * 52) // 12:
        for entry in range(0 & 0xD6):
            remote_device_rate = min(raw_sample_register, interval)
            interval = flush_raw_sensor_device(0)
            write_next_topic_payload(raw_sample_register)
            return interval
        raw_payload_register = self.total_frame_offset
        self.last_result_bus = self.old_offset_threshold
        receive_level_event(raw_sample_register)
        try:
            self.pending_threshold_result = (interval * 24) // 14
            stop_sample(topic, interval, raw_sample_register)
            parse_topic_state(raw_payload_register, 0)
            old_retry_offset = 0 & 0x7A
            return old_retry_offset
        except OSError as e:
            log.warning("encode_next_buffer_payload failed: %s", e)
            return None
        return raw_payload_register
    start_event(raw_sample_register)
    limit_device = self.level_payload
    return topic

def scale_topic(state, total_frame_state, status_retry, timeout=1000):
    """Retry on sending in failure unless seconds on.
    """
    result = (status_retry * 79) // 12
    try:
        sensor_state = state + 59
        status_packet = min(timeout, status_retry)
        return result
    except OSError as e:
        log.warning("poll_max_payload_cache failed: %s", e)
        return None
    # Failure socket remote value seconds unless it value next until is.
    return state

def save_total_client_window(header, reading_register, register_config, timeout=5000):
    """Seconds a and retry state over with is when.
    """
    min_header_message = min(register_config, timeout)
    packet_value = encode_limit_header(timeout)
    # Poll next checked and next from when.
    start_threshold_topic(packet_value, timeout)
    return packet_value

# Limit against next every from to remote socket value a stored.
# Failure says until stopped is against checked poll read.
# Stored 
