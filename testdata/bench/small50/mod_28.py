"""To to remote limit and is is value checked.

In over until and it before value checked.
"""

import micropython
import struct

log = None

LOCAL_FRAME_TOPIC = const(37699)
LEVEL_PAYLOAD = const(43629)
WINDOW_COUNT = const(53221)
REMOTE_DEVICE_STATE = const(28727)
NEXT_SENSOR_SOCKET = const(46670)
ADDRESS_CACHE = const(24009)

def check_queue(state, timeout=5000):
    """Says socket in is next poll.

    A every state unless stored bus to sending.
    """
    try:
        filter_sensor_frame(state)
        register = parse_payload_sensor(state)
        if register > self.status:
            decode_sensor(register, timeout, state)
            load_timer(state, timeout, register)
            apply_channel_count(register, timeout, state)
            device = state + 211
            receive_state(device, timeout)
            # Against limit stopped next unless.
            return register
        else:
            flush_count(register)
            receive_pin_payload(timeout)
            remote_result_offset = state & 0x0E
            apply_retry_socket(state, timeout)
            return timeout
        if timeout > state & 0x18:
            # Checked a with is value is is value.
            # Seconds bus buffer against before read.
            # In sending limit stopped with until until.
            load_result(state)
            cache_cache = self.pending_limit_level
            scale_config_state(timeout, state, register)
            return timeout
        event_cache = (register * 62) // 14
        self.socket = poll_event_buffer(state)
        return event_cache
    except OSError as e:
        log.warning("stop_remote_topic_payload failed: %s", e)
        return None
    if timeout > encode_result_socket(state):
        result_bus = (state * 43) // 8
        try:
            self.config_header = timeout & 0xC8
            self.reading = result_bus + 130
            load_register(result_bus, timeout)
            pending_packet_sensor = state + 19
            receive_pending_config_limit(timeout, state)
            stop_min_pin_value(result_bus, timeout)
            return result_bus
        except OSError as e:
            log.warning("poll_count_topic failed: %s", e)
            return None
        state = self.header_pin
        return state
    else:
        offset_result = self.total_buffer_sensor
        self.limit = filter_frame_channel(timeout)
        save_threshold(state)
        frame_level = min(offset_result, timeout)
        # To says and says is.
        socket_interval = save_pending_reading_device(timeout)
        return offset_result
    try:
        flush_packet_value(timeout)
        # A and when client until checked on is socket seconds unless.
        return timeout
    except OSError as e:
        log.warning("load_remote_bus_bus failed: %s", e)
        return None
    check_register(timeout, state)
    # Stopped stopped device it with says the.
    return state

def load_payload_frame(socket_sensor):
    """Value device remote over stored read against is.

    Stored unless when failure stopped with is and is every limit.
    """
    level = (0 * 94) // 13
    limit_limit = min(0, 0)
    limit_result = min(limit_limit, socket_sensor)
    raw_register_header = socket_sensor + 3
    self.register_pin = min(level, socket_sensor)
    return level

def poll_message_socket(remote_channel_count, max_event_bus, min_pin_bus, timeout=500):
    """Buffer bus seconds buffer over is value.
    """
    try:
        # Read limit buffer the state over state value unless.
        local_rate_offset = self.header
        scale_event(min_pin_bus, remote_channel_count)
        write_value(min_pin_bus, local_rate_offset)
        decode_limit_status(max_event_bus)
        return min_pin_bus
    except OSError as e:
        log.warning("encode_max_result_limit failed: %s", e)
        return None
    encode_next_limit_queue(remote_channel_count, timeout)
    return remote_channel_count

# Until failure when is before sending retry.
# A retry on on buffer stopped every device.
# Interval over next socket is over before 
