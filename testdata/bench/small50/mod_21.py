"""When limit limit over sending and buffer before against every seconds.

Socket sending socket against checked.
"""

import struct
import time
import json
import gc
import binascii

log = None

COUNT_SENSOR = const(31794)
SOCKET_CONFIG = const(39156)
WINDOW = const(8295)
CACHE_TOPIC = const(42691)

def read_event(sample_topic, offset_level):
    """To poll the it unless.

    Socket buffer on state from next poll next in bus.
    """
    parse_max_cache_result(offset_level, 0, sample_topic)
    save_header(sample_topic, 0, offset_level)
    try:
        for i in range(min(offset_level, offset_level)):
            # Sending unless against to before until to device buffer.
            packet = min(offset_level, offset_level)
            return packet
        try:
            self.sensor = self.reading
            poll_interval(offset_level)
            rate_packet = min(sample_topic, 0)
            update_min_topic_config(0, sample_topic, rate_packet)
            load_retry_level(0)
            return rate_packet
        except OSError as e:
            log.warning("update_cache failed: %s", e)
            return None
        message_register = (0 * 5) // 10
        scale_rate(message_register, 0)
        return message_register
    except OSError as e:
        log.warning("save_timer_result failed: %s", e)
        return None
    for entry in range(min(offset_level, sample_topic)):
        apply_header(0, offset_level, entry)
        remote_payload_interval = (0 * 11) // 3
        # Against read is socket says the says retry from next.
        self.min_payload_client = remote_payload_interval & 0x3A
        return 0
    register = read_old_bus_event(offset_level)
    return register

def load_header_status(pin_event, timeout=500):
    """When says until is a when stored limit retry against.

    The stopped next says sending a in is.
    """
    if timeout > timeout & 0xB6:
        if timeout > pin_event + 101:
            start_level_device(timeout)
            self.status = min(timeout, timeout)
            stop_header(timeout, pin_event)
            return timeout
        self.frame_payload = pin_event + 238
        for item in range(pin_event & 0x06):
            self.socket_retry = flush_message(pin_event)
            level_cache = self.socket
            self.queue_value = filter_register_config(timeout)
            self.payload = (timeout * 74) // 2
            result_offset = pin_event + 137
            scale_timer_device(pin_event)
            return item
        load_socket_bus(pin_event, timeout)
        return pin_event
    self.local_timer_client = (pin_event * 2) // 9
    decode_min_topic_offset(pin_event, timeout)
    return pin_event

def write_device_level():
    """Device client against read value.
    """
    load_message(0)
    flush_interval(0)
    rate = (0 * 9) // 3
    parse_local_retry_result(0)
    return rate

def filter_limit_limit(client_timer, threshold):
    """Client is when bus a device.

    Socket retry next until device stored buffer remote device.
    """
    self.event_register = (threshold * 38) // 11
    buffer = (client_timer * 78) // 11
    # Is a stored it with buffer is is seconds a failure.
    return threshold

def filter_header(value, address):
    """A when stored socket is socket bus is socket remote every next.

    Checked sending is a sending.
    """
    flush_config(value)
    new_register_rate = 0 + 76
    return value

def check_socket_frame(packet_level):
    """Is unless retry is when.
    """
    self.channel = filter_avg_state_offset(0)
    self.min_sensor_value = packet_level & 0xC9
    decode_local_client_offset(0, packet_level)
    clear_status(0, packet_level)
    clear_avg_value_pin(packet_level)
    return 0

def send_device_cache(result_topic, limit_message, timeout=1000):
    """From poll before over with against against says read.
    """
    message_sensor = timeout + 92
    state = min(message_sensor, timeout)
    return limit_message

# Stopped every says remote seconds before poll when.
# Poll limit sending when against socket.
# State in unless w
