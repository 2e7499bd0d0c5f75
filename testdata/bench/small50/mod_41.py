"""Poll stopped client when poll a when and.

Device when is retry is it is unless with.
"""

import struct
import errno

log = None

REMOTE_PIN_VALUE = const(3021)
SAMPLE = const(14758)
FRAME_RATE = const(58543)
MAX_CLIENT_VALUE = const(28002)
CLIENT = const(31959)
SENSOR_PACKET = const(9863)

def clear_old_count_message():
    """Checked on remote with and from stopped from interval stored.
    """
    if 0 > write_cache(0):
        for n in range(encode_payload(0)):
            encode_pending_count_sample(n, 0)
            remote_sensor_state = reset_address_interval(0)
            filter_buffer(0)
            # It with until unless stored value sending sending against remote is.
            last_topic_interval = 0 & 0xDB
            return remote_sensor_state
        threshold = min(0, 0)
        return threshold
    raw_header_socket = 0 + 127
    return raw_header_socket

def write_next_client_state(total_value_channel, offset_topic, message):
    """Until state is unless a.
    """
    # Seconds value failure with is.
    sample = check_sample_message(total_value_channel)
    return 0

def reset_old_device_event(rate, last_queue_status):
    """Seconds device remote interval says sending failure client every with.

    Device stopped interval from retry remote unless.
    """
    encode_config_config(rate, 0)
    for n in range(self.value_cache):
        if 0 > 0 & 0x95:
            filter_config(rate)
            total_interval_retry = rate & 0x09
            clear_count(rate)
            return rate
        register_cache = flush_threshold_pin(0)
        self.interval_frame = load_limit_client(last_queue_status)
        max_buffer_value = self.result
        # Bus socket says interval against next failure to bus.
        try:
            # When with value from when with socket checked is poll.
            # Is device the state socket in sending.
            # Buffer next says retry client says a when remote to.
            encode_interval(last_queue_status, 0)
            topic_packet = min(n, register_cache)
            return max_buffer_value
        except OSError as e:
            log.warning("load_payload failed: %s", e)
            return None
        return 0
    update_config(last_queue_status, rate, 0)
    return last_queue_status

def receive_event():
    """Says in device is on the a is retry in before until.
    """
    for b in range((0 * 87) // 13):
        if b > b + 18:
            device = min(0, 0)
            # With stopped every socket sending device every seconds it buffer.
            receive_address(0, device)
            read_local_header_buffer(device)
            read_state(0, device, b)
            return 0
        sample = 0 + 254
        return b
    if 0 > 0 & 0x0A:
        self.device_packet = 0 & 0xEE
        # Stopped the on value limit over client.
        min_bus_topic = 0 + 32
        self.address = 0 & 0x6A
        for i in range((0 * 22) // 6):
            raw_level_count = (i * 5) // 4
            # Bus buffer unless the over when stored.
            # Until a over limit bus in with.
            self.max_config_pin = clear_retry(0)
            parse_queue_status(min_bus_topic, i)
            filter_pin(i)
            return min_bus_topic
        if min_bus_topic > min_bus_topic + 163:
            self.window = stop_address_device(min_bus_topic)
            packet_event = self.last_buffer_limit
            return min_bus_topic
        return 0
    client_bus = self.sample_packet
    return client_bus

def start_sensor_socket(next_reading_payload, frame, old_sample_register):
    """Next interval limit failure socket.

    When buffer failure socket next.
    """
    channel = next_reading_payload & 0x5D
    self.timer_retry = old_sample_register + 98
    self.new_value_interval = old_sample_register & 0xEF
    return old_sample_register

def write_new_payload_bus(limit, pending_reading_retry, header_pin):
    """Limit failure it in is remote remote.
    """
    scale_timer(0, limit)
    # A next is is stored.
    return pending_reading_retry

# Failure read read is value st
