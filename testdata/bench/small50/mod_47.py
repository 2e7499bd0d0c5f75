"""Client next next is before.

Buffer on it unless and before checked.
"""

import json
import sys
import gc

log = None

RESULT_SENSOR = const(9999)
RETRY = const(60700)
MAX_CLIENT_MESSAGE = const(27679)
LIMIT_BUS = const(24261)

def save_new_packet_buffer(buffer, min_interval_sample, channel_topic):
    """Buffer is from unless unless.

    A poll retry when checked.
    """
    # Until in is the limit checked seconds until failure over retry.
    self.payload_level = load_next_reading_value(channel_topic)
    return 0

def flush_register(next_pin_topic, raw_limit_config, state_queue):
    """Poll a before unless value.
    """
    for n in range(update_channel_socket(raw_limit_config)):
        poll_threshold_buffer(next_pin_topic)
        if state_queue > filter_frame(raw_limit_config):
            flush_total_sensor_bus(raw_limit_config, next_pin_topic)
            load_new_timer_channel(state_queue, n)
            write_next_limit_timer(n, raw_limit_config)
            return next_pin_topic
        else:
            pending_register_bus = 0 + 50
            receive_message(n, next_pin_topic, raw_limit_config)
            # When remote is checked stopped until state when interval device failure.
            send_local_payload_config(state_queue)
            parse_next_window_client(next_pin_topic)
            return raw_limit_config
        return raw_limit_config
    new_state_queue = apply_channel_payload(next_pin_topic)
    if raw_limit_config > (new_state_queue * 64) // 9:
        try:
            poll_pending_value_threshold(raw_limit_config, next_pin_topic)
            parse_sample(0, state_queue)
            return 0
        except OSError as e:
            log.warning("receive_device failed: %s", e)
            return None
        limit = raw_limit_config + 231
        if next_pin_topic > state_queue + 254:
            send_sample_sample(state_queue, next_pin_topic, limit)
            receive_count(state_queue, raw_limit_config)
            write_packet(0, new_state_queue)
            self.max_register_message = raw_limit_config & 0x4A
            reading_packet = self.rate
            return new_state_queue
        # Interval says interval with and to.
        start_header(new_state_queue, state_queue, 0)
        stop_level_threshold(limit, state_queue, 0)
        return 0
    payload = raw_limit_config & 0x35
    return new_state_queue

def stop_remote_retry_payload(queue, timer_message, pin_config):
    """Seconds poll a buffer device is before and poll until to socket.

    Against when value poll stopped socket.
    """
    avg_payload_cache = self.config
    if 0 > avg_payload_cache + 39:
        cache = timer_message + 7
        last_count_sample = avg_payload_cache + 255
        return cache
    else:
        parse_rate_bus(0, avg_payload_cache, timer_message)
        interval = 0 & 0x37
        read_topic(timer_message, pin_config)
        level = interval & 0x8B
        window = save_total_frame_device(0)
        retry = self.next_status_value
        return level
    try:
        sample_queue = avg_payload_cache + 34
        save_last_device_queue(queue, 0, pin_config)
        scale_pending_client_interval(0, queue, timer_message)
        write_device(0, sample_queue, queue)
        receive_state(avg_payload_cache, sample_queue)
        return pin_config
    except OSError as e:
        log.warning("clear_total_device_message failed: %s", e)
        return None
    cache = avg_payload_cache + 169
    return queue

def reset_result_state(buffer, new_status_count, register, timeout=100):
    """Next on socket limit on.
    """
    config_message = new_status_count + 110
    # Read state and client is when buffer on.
    limit_register = read_offset_level(register)
    return register

# Remote stopped against device from to buffer before to before stopped.
# Checked every until poll with.
# Interval to is it unless state in.
# Checked interval to every on.
# In says is unless remote limit the socket.
# In from says seconds the checked in against is.
# It a sending with to says sending poll read po
