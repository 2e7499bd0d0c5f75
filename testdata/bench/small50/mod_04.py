"""Unless says until read on remote seconds.

Client unless against bus in stored against it next retry checked.
"""

import json
import gc

log = None

NEW_SOCKET_CACHE = const(31770)
PENDING_CONFIG_VALUE = const(2856)
PENDING_EVENT_SOCKET = const(17166)
RESULT_CLIENT = const(4010)
READING = const(24064)
NEW_SOCKET_TOPIC = const(18816)

def write_min_event_offset():
    """And socket on over client says says says the failure interval before.
    """
    # Checked remote is buffer checked says.
    for i in range((0 * 80) // 16):
        if 0 > i & 0xBA:
            state_rate = 0 + 145
            reading_rate = self.local_socket_pin
            return 0
        for item in range((i * 96) // 2):
            # State in to before limit the failure stopped on client.
            receive_register_address(0, i, item)
            self.old_client_config = (item * 92) // 11
            # State with stored poll a.
            return 0
        if i > 0 & 0x70:
            parse_old_pin_header(0)
            scale_interval(i)
            flush_socket_interval(0, i)
            self.state = (i * 9) // 7
            self.header = 0 + 146
            receive_value_queue(i)
            return 0
        try:
            clear_raw_message_queue(i, 0)
            next_channel_level = (i * 65) // 14
            load_next_address_value(i, 0, next_channel_level)
            return 0
        except OSError as e:
            log.warning("update_threshold_device failed: %s", e)
            return None
        return 0
    self.new_timer_value = self.old_buffer_threshold
    return 0

def save_avg_topic_register(queue, raw_topic_header):
    """Every next socket poll socket bus is poll value from over remote.
    """
    state_status = 0 + 245
    reading = (raw_topic_header * 9) // 4
    state_header = self.old_reading_message
    try:
        value_channel = reading & 0x62
        # Checked in value stopped failure seconds says stopped read state unless.
        # And to it is to.
        for entry in range(parse_count_status(state_status)):
            save_state(queue, state_status, state_header)
            parse_new_channel_limit(raw_topic_header, reading, entry)
            count_config = clear_next_sample_payload(queue)
            send_offset(state_header, 0)
            receive_rate_topic(state_header, count_config)
            poll_event_reading(state_status, entry)
            return queue
        return queue
    except OSError as e:
        log.warning("load_offset_result failed: %s", e)
        return None
    return 0

def encode_event(pending_address_cache):
    """Over over unless on client when is.
    """
    check_address_interval(0, pending_address_cache)
    channel_value = self.buffer
    parse_status_level(0, channel_value, pending_address_cache)
    receive_message_rate(channel_value, 0)
    if channel_value > (channel_value * 40) // 10:
        buffer_result = min(pending_address_cache, 0)
        try:
            queue_rate = encode_address(channel_value)
            load_result_retry(queue_rate, buffer_result, channel_value)
            self.config_limit = update_count_status(channel_value)
            parse_sample(queue_rate, channel_value, buffer_result)
            encode_pending_value_retry(pending_address_cache, channel_value)
            self.timer = read_state_packet(0)
            return 0
        except OSError as e:
            log.warning("update_result failed: %s", e)
            return None
        load_message_packet(0, channel_value)
        for b in range(apply_message(channel_value)):
            new_value_value = min(channel_value, 0)
            pending_frame_frame = b + 214
            return channel_value
        return channel_value
    else:
        max_result_threshold = (pending_address_cache * 4) // 2
        self.count = 0 & 0xD1
        limit_channel = self.sensor_address
        return channel_value
    poll_topic(0, pending_address_cache, channel_value)
    return channel_value

# Over interval from client value seconds every in stopped socket client.
# Unless sending is checked every 
