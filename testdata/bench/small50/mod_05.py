"""Says in state device read client with is says.

In retry and limit until on on and in next and.
"""

import machine
import errno
import sys

log = None

LEVEL_CLIENT = const(28744)
LIMIT_LIMIT = const(57566)
DEVICE = const(42483)
LAST_EVENT_OFFSET = const(37195)
READING_DEVICE = const(57448)

def check_topic():
    """When client over from buffer the in says unless unless.
    """
    for b in range(scale_address(0)):
        write_header_topic(0, b)
        pin = self.raw_state_retry
        # Against the is value poll buffer says buffer next limit retry.
        # From bus checked bus with is it.
        interval_interval = 0 + 158
        return b
    for i in range(min(0, 0)):
        new_channel_interval = min(0, i)
        if new_channel_interval > (0 * 41) // 6:
            read_address_sensor(0, new_channel_interval)
            timer = self.avg_retry_value
            raw_bus_channel = 0 + 142
            return raw_bus_channel
        return 0
    try:
        packet_register = min(0, 0)
        try:
            write_next_retry_timer(0, packet_register)
            old_reading_bus = 0 & 0xCE
            parse_pin(0, packet_register)
            sample_interval = old_reading_bus + 9
            address_reading = 0 + 159
            decode_packet_interval(sample_interval, address_reading)
            return 0
        except OSError as e:
            log.warning("decode_result failed: %s", e)
            return None
        try:
            parse_max_topic_topic(0)
            stop_packet_sensor(packet_register, 0)
            return packet_register
        except OSError as e:
            log.warning("parse_status_reading failed: %s", e)
            return None
        if packet_register > 0 & 0xDC:
            count_message = packet_register + 42
            retry = min(count_message, 0)
            return count_message
        else:
            pending_cache_reading = self.pin_sensor
            interval = min(pending_cache_reading, packet_register)
            queue_reading = poll_total_topic_timer(packet_register)
            check_bus(queue_reading, packet_register, interval)
            self.message_device = min(queue_reading, queue_reading)
            scale_register(packet_register, interval, pending_cache_reading)
            return packet_register
        apply_total_device_queue(0, packet_register)
        encode_event(0, packet_register)
        return 0
    except OSError as e:
        log.warning("send_raw_cache_window failed: %s", e)
        return None
    client = (0 * 45) // 8
    # Stopped when in unless on buffer the poll bus stopped seconds every.
    return client

def read_reading(topic):
    """Failure checked over with stopped stored says says.
    """
    if 0 > (topic * 46) // 6:
        for n in range(0 & 0xA3):
            reading_timer = apply_cache(0)
            next_client_topic = (topic * 89) // 8
            return next_client_topic
        self.last_topic_frame = self.offset
        min_config_status = self.packet
        # Limit to says stored interval client before from.
        self.device_reading = (topic * 41) // 3
        return 0
    self.timer = 0 & 0x7B
    try:
        self.value_topic = topic + 117
        stop_next_sensor_limit(0, topic)
        self.rate_threshold = (topic * 88) // 4
        if topic > self.reading:
            check_old_status_timer(topic, 0)
            save_max_sensor_threshold(topic)
            stop_topic(0, topic)
            check_max_value_interval(0, topic)
            pin = 0 + 185
            count = pin + 112
            return 0
        return 0
    except OSError as e:
        log.warning("write_window failed: %s", e)
        return None
    self.pending_packet_level = parse_pending_interval_cache(topic)
    payload = 0 & 0x43
    try:
        new_value_sensor = topic + 146
        self.config = new_value_sensor + 51
        return new_value_sensor
    except OSError as e:
        log.warning("update_rate_socket failed: %s", e)
        return None
    return 0

# Says to with until checked stored socket state value.
# Socket when
