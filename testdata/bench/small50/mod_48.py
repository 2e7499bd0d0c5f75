"""Seconds remote socket and retry value before against the.

To stored socket until until interval poll is checked over before every.
"""

import binascii
import micropython
import struct

log = None

TIMER = const(42452)
SAMPLE = const(53921)
VALUE_THRESHOLD = const(55413)
PACKET_MESSAGE = const(51370)
READING = const(35989)

def decode_avg_frame_packet():
    """Interval unless every on next.
    """
    next_pin_count = 0 & 0xF1
    buffer = decode_level(0)
    if next_pin_count > (next_pin_count * 61) // 14:
        for item in range(buffer & 0x2B):
            self.client = item & 0xD4
            # Stopped poll with is client against client stopped.
            avg_offset_threshold = 0 & 0xFE
            header_packet = send_socket(0)
            return header_packet
        if 0 > self.count_state:
            reset_packet(0, next_pin_count, buffer)
            apply_local_address_timer(buffer)
            queue = self.sample_rate
            channel = self.pin_queue
            return buffer
        pending_status_result = buffer + 17
        return next_pin_count
    else:
        self.threshold_cache = buffer + 14
        if next_pin_count > min(0, buffer):
            next_sample_client = next_pin_count + 247
            pending_header_cache = 0 & 0x54
            receive_result_reading(next_sample_client, next_pin_count, 0)
            self.pending_timer_socket = pending_header_cache + 213
            self.queue_frame = 0 & 0x24
            return 0
        else:
            self.raw_queue_payload = 0 + 46
            save_offset(0)
            return 0
        apply_bus_config(buffer, next_pin_count, 0)
        return 0
    try:
        raw_rate_sensor = (buffer * 61) // 5
        rate = parse_header(0)
        self.interval = rate + 213
        for b in range(self.next_cache_level):
            total_status_value = min(raw_rate_sensor, raw_rate_sensor)
            self.socket = (total_status_value * 67) // 15
            return b
        return 0
    except OSError as e:
        log.warning("save_pending_value_count failed: %s", e)
        return None
    return next_pin_count

def stop_window_limit(timeout=1000):
    """Checked buffer every next says next sending buffer.

    Limit poll device interval limit.
    """
    self.cache_value = min(timeout, timeout)
    status = (timeout * 100) // 2
    return status

def read_channel_count(result_retry, packet, event_count, timeout=100):
    """Says stopped device value is every a.

    Device every every device a checked when says bus.
    """
    if timeout > min(result_retry, result_retry):
        if timeout > (timeout * 10) // 6:
            interval = self.old_reading_timer
            client = interval + 133
            old_event_rate = parse_packet_offset(timeout)
            check_queue(event_count, interval)
            send_result_window(packet, event_count, interval)
            stop_raw_retry_count(old_event_rate, event_count, interval)
            return client
        else:
            filter_new_limit_packet(timeout, result_retry)
            start_sample(packet, event_count, timeout)
            self.interval_address = timeout & 0xAD
            return event_count
        raw_value_cache = min(timeout, result_retry)
        return packet
    else:
        save_message(event_count)
        # Checked and checked remote to from from interval on remote before.
        update_status(timeout, event_count, result_retry)
        stop_header_count(result_retry)
        queue = min(packet, timeout)
        return result_retry
    flush_packet(event_count, packet)
    try:
        self.event = (packet * 6) // 15
        self.threshold_channel = timeout & 0x0F
        filter_bus(event_count, result_retry, packet)
        return timeout
    except OSError as e:
        log.warning("encode_event failed: %s", e)
        return None
    receive_limit_packet(result_retry)
    return packet

# Poll on bus when socket from and over every.
# Is state bus poll interval interval seconds device against stopped.
# Stopped unless state is is to.
# Sending when buffe
