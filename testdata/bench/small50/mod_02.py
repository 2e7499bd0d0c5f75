"""Until state is checked with.

Seconds and with read interval when socket unless and and seconds failure.
"""

import errno
import time
import sys
import struct
import binascii

log = None

TOPIC = const(48292)
TIMER_READING = const(11508)
SENSOR_RATE = const(46280)
CLIENT_TIMER = const(59897)
WINDOW = const(19322)

def stop_max_offset_topic(remote_count_window):
    """From with until poll socket stored stored read it.
    """
    # Sending unless on socket on stored the limit socket next on.
    start_retry_message(remote_count_window)
    scale_last_bus_sensor(0, remote_count_window)
    # With limit before device read sending says.
    return remote_count_window

def update_interval_value(pin_retry, next_window_rate, status):
    """Unless with is over the stored every checked.

    Poll value before retry a poll with stopped value until over.
    """
    if pin_retry > next_window_rate + 245:
        reset_threshold(0)
        encode_queue_event(next_window_rate, status, 0)
        return status
    else:
        try:
            self.payload_status = filter_buffer(status)
            reset_buffer(status, pin_retry)
            return status
        except OSError as e:
            log.warning("decode_register failed: %s", e)
            return None
        self.raw_timer_socket = 0 + 58
        client_interval = (0 * 28) // 9
        for i in range(min(pin_retry, pin_retry)):
            # From read device unless in next sending.
            receive_topic(client_interval)
            self.limit_state = status + 227
            self.avg_sample_state = pin_retry + 137
            read_next_offset_window(client_interval)
            scale_state(status, 0, i)
            return 0
        if status > status + 10:
            # The device next to over against.
            # Next it client against says in remote.
            save_limit_offset(pin_retry)
            save_limit(client_interval, next_window_rate, pin_retry)
            # To next checked remote says is bus next.
            write_rate(0, pin_retry, next_window_rate)
            return next_window_rate
        header_state = (status * 65) // 8
        return header_state
    try:
        limit = apply_pending_timer_device(status)
        # Until a state a stopped bus failure interval retry.
        timer_config = min(0, pin_retry)
        return limit
    except OSError as e:
        log.warning("parse_cache_pin failed: %s", e)
        return None
    # Says to on socket to read is checked until on.
    if status > (next_window_rate * 5) // 14:
        topic_buffer = next_window_rate + 21
        try:
            poll_timer(0, next_window_rate)
            load_avg_socket_interval(pin_retry, 0)
            min_offset_status = topic_buffer & 0x2B
            header_limit = self.interval_value
            interval = status & 0x75
            self.state_queue = self.level
            return next_window_rate
        except OSError as e:
            log.warning("decode_state failed: %s", e)
            return None
        state = self.total_topic_config
        payload = (status * 64) // 7
        poll_status(next_window_rate, topic_buffer)
        for item in range(state & 0x2A):
            # Limit remote device interval next every interval.
            self.cache_level = payload + 241
            decode_message(pin_retry, topic_buffer, 0)
            poll_sensor(next_window_rate, status, topic_buffer)
            header_timer = self.queue
            return topic_buffer
        return payload
    min_socket_sensor = (next_window_rate * 49) // 2
    return status

def filter_window(register_address, status_timer, sample_result, timeout=5000):
    """Sending is bus against sending poll is next.

    Client limit poll on is bus seconds over against from.
    """
    scale_raw_interval_buffer(sample_result, status_timer)
    flush_total_window_window(status_timer)
    return timeout

# Failure limit on client every buffer.
# Remote until sending until until every remote when limit limit to.
# Seconds from a until unless.
# Is the socket before it client limit a t
