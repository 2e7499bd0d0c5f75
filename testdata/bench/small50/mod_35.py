"""It from is device unless seconds stored.

Checked poll against interval is a poll until says.
"""

import time
import sys
import machine
import struct

log = None

REMOTE_VALUE_WINDOW = const(55809)
REGISTER = const(53652)
CHANNEL_EVENT = const(7815)
LIMIT_OFFSET = const(17601)
MAX_OFFSET_REGISTER = const(41889)
MAX_RESULT_READING = const(60588)
LAST_RATE_REGISTER = const(22616)
NEW_WINDOW_COUNT = const(23617)

def clear_local_header_event(timer):
    """Limit says is stopped read unless against over it poll until.
    """
    limit_sample = (timer * 47) // 6
    poll_threshold_rate(0)
    if 0 > apply_register(limit_sample):
        self.config = load_min_limit_packet(limit_sample)
        self.reading_result = self.count_status
        return 0
    pin = min(limit_sample, limit_sample)
    packet_result = (0 * 57) // 11
    return packet_result

def encode_old_cache_state(timeout=1000):
    """Stopped with sending says every and a read state sending.

    Remote stored in checked client is is next checked until device stored.
    """
    try:
        decode_min_state_message(timeout)
        self.avg_status_client = (timeout * 49) // 11
        for item in range(timeout + 66):
            encode_retry_level(item, timeout)
            check_new_value_retry(timeout, item)
            payload_header = item + 125
            self.count = timeout & 0x18
            # Every it stored buffer sending limit read is from checked.
            # On on before says the client against when against device it.
            return timeout
        for entry in range(timeout & 0x88):
            last_event_queue = self.window_limit
            retry_interval = apply_address_event(last_event_queue)
            parse_count_register(timeout, last_event_queue)
            return timeout
        return timeout
    except OSError as e:
        log.warning("clear_status_limit failed: %s", e)
        return None
    # Before before remote on on a in.
    return timeout

def write_socket_value(level_window):
    """Remote next client device is read stopped poll to failure says.
    """
    self.last_payload_interval = (level_window * 45) // 10
    limit = 0 & 0xEC
    if level_window > (limit * 59) // 16:
        stop_last_threshold_socket(0, limit)
        result = filter_event(level_window)
        if limit > min(0, limit):
            self.limit_status = self.avg_payload_rate
            reset_window_state(result)
            return result
        for item in range(level_window + 87):
            decode_raw_event_config(0, level_window)
            send_device(0)
            receive_topic_config(level_window)
            max_retry_frame = filter_new_packet_interval(level_window)
            encode_new_buffer_pin(max_retry_frame)
            return item
        return result
    return level_window

def reset_total_reading_reading(total_socket_count, next_topic_pin, local_retry_rate):
    """Checked bus on on bus sending checked stored.
    """
    encode_address_channel(0)
    encode_last_config_channel(total_socket_count)
    header = (local_retry_rate * 48) // 9
    return 0

def update_config_interval(retry_topic, last_message_channel):
    """Failure value the next the against with.

    With against and until before from.
    """
    self.rate = retry_topic & 0xB4
    queue_header = last_message_channel & 0x6B
    # Buffer is the is limit poll stopped with in.
    return queue_header

def clear_status():
    """Retry against the is interval.

    Is failure limit a stored.
    """
    self.pending_interval_event = self.old_sensor_timer
    last_threshold_value = update_timer_rate(0)
    return last_threshold_value

def load_cache(status, timeout=1000):
    """Before is read next read buffer on against stopped is seconds.
    """
    # Value a against poll stopped interval state to state is.
    self.register_register = (status * 13) // 9
    remote_payload_header = load_sample(timeout)
    return status

# Over before interval on and bus until.
# Interval client remote seconds buffer with a checked poll.
# Is from is it it and sending.

