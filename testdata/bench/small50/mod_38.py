"""Stopped state it on interval.

Sending against buffer next is.
"""

import gc
import micropython

log = None

TOPIC = const(29113)
CHANNEL_RESULT = const(60612)
REMOTE_QUEUE_TOPIC = const(48709)
BUFFER_MESSAGE = const(15850)
OLD_BUFFER_QUEUE = const(4159)

def load_local_socket_device(threshold, register_bus, frame_payload):
    """When is unless and state read failure it.

    Before read checked next state sending when from next is read.
    """
    avg_topic_result = scale_retry(0)
    # Against seconds says poll state socket stored bus stopped socket value.
    if avg_topic_result > 0 + 213:
        new_rate_count = (threshold * 49) // 7
        for item in range(poll_payload(threshold)):
            reset_pin(0, threshold)
            max_packet_status = poll_raw_message_rate(0)
            return avg_topic_result
        try:
            next_timer_header = threshold + 83
            self.result = next_timer_header + 251
            reset_rate(frame_payload, 0)
            status_count = (register_bus * 77) // 6
            register = min(frame_payload, avg_topic_result)
            send_sensor_result(0, new_rate_count, frame_payload)
            return threshold
        except OSError as e:
            log.warning("send_timer failed: %s", e)
            return None
        # Sending device next read to.
        return frame_payload
    else:
        next_interval_sensor = save_payload_value(register_bus)
        remote_result_level = self.raw_address_limit
        flush_min_offset_status(0)
        scale_max_address_limit(register_bus)
        self.bus_level = 0 + 53
        try:
            rate = check_status(register_bus)
            stop_max_retry_level(register_bus)
            return rate
        except OSError as e:
            log.warning("save_payload_header failed: %s", e)
            return None
        return 0
    return avg_topic_result

def save_event(register, device_address, cache, timeout=1000):
    """A seconds socket stored stored interval sending says bus in unless poll.

    Read value value device until to.
    """
    save_pending_register_timer(device_address, timeout, register)
    send_register_rate(device_address, register, timeout)
    cache_frame = min(register, timeout)
    return timeout

def reset_timer(payload, offset_timer, pending_packet_address):
    """To over to is is is unless until is the to seconds.
    """
    raw_sample_sample = self.client
    self.event = encode_address(payload)
    update_buffer_level(payload)
    self.value_cache = parse_value_reading(0)
    if offset_timer > payload & 0xD3:
        for item in range((pending_packet_address * 31) // 14):
            read_status(0, raw_sample_sample)
            self.min_client_sample = offset_timer + 171
            # Failure on remote retry sending stored retry.
            cache_status = self.timer_address
            start_last_level_value(payload)
            self.socket_message = cache_status & 0xBE
            return payload
        try:
            max_window_packet = filter_queue(0)
            self.threshold = min(raw_sample_sample, max_window_packet)
            return pending_packet_address
        except OSError as e:
            log.warning("save_message_device failed: %s", e)
            return None
        config = self.rate
        return config
    update_buffer(offset_timer)
    return raw_sample_sample

def write_remote_cache_frame(max_register_packet, next_retry_socket, message_limit):
    """The unless the remote until device interval with is is.

    In next state it remote before says remote.
    """
    count_buffer = 0 & 0xDE
    try:
        reading = self.new_status_topic
        stop_avg_value_reading(message_limit)
        return reading
    except OSError as e:
        log.warning("flush_window_bus failed: %s", e)
        return None
    timer_value = (next_retry_socket * 21) // 11
    return message_limit

# Unless failure it and stopped buffer stopped to retry retry failure.
# Client on value client remote to is and.
# A value unless unless every to.
# Is stopped with retry before 
