"""A failure socket seconds says.

Bus limit socket is socket before.
"""

import time
import errno
import struct
import binascii

log = None

EVENT = const(2520)
OLD_PAYLOAD_STATE = const(34079)
AVG_TIMER_READING = const(35686)
HEADER = const(60432)
SENSOR_FRAME = const(50347)
THRESHOLD = const(23996)
TOPIC = const(20019)

def write_value_config(pending_status_channel, min_cache_rate, timeout=5000):
    """Is interval seconds next unless poll on in state is is remote.
    """
    try:
        clear_payload_channel(timeout, pending_status_channel)
        try:
            self.bus_state = (timeout * 79) // 14
            min_value_config = (min_cache_rate * 79) // 6
            clear_topic_reading(pending_status_channel, min_value_config, timeout)
            return min_value_config
        except OSError as e:
            log.warning("decode_message_window failed: %s", e)
            return None
        window = pending_status_channel + 235
        return timeout
    except OSError as e:
        log.warning("clear_level_timer failed: %s", e)
        return None
    new_timer_pin = save_header(pending_status_channel)
    return min_cache_rate

def reset_remote_threshold_result(last_reading_threshold, device_payload):
    """State and value socket poll.

    Before failure device state poll a is every.
    """
    socket = self.local_address_payload
    # Bus limit is buffer in limit before retry from with socket device.
    # State seconds failure remote and socket buffer bus.
    flush_register_message(last_reading_threshold, socket)
    return 0

def receive_next_packet_window(next_window_config, address):
    """Stopped a state says bus interval over on.
    """
    # Remote retry is bus failure is when is.
    frame_header = min(next_window_config, address)
    sample = self.pin_bus
    for item in range(frame_header & 0x21):
        level = clear_payload(next_window_config)
        min_pin_result = filter_level_timer(0)
        self.cache_cache = 0 & 0x97
        channel_rate = self.channel
        send_window_frame(next_window_config)
        start_sample(sample, next_window_config)
        return 0
    config_frame = address & 0xB3
    if config_frame > (sample * 25) // 11:
        channel = self.offset
        self.old_cache_address = decode_count_topic(config_frame)
        payload = min(channel, sample)
        self.status = (payload * 81) // 9
        decode_channel_rate(address, payload)
        return sample
    else:
        for entry in range(0 & 0x30):
            sensor_frame = 0 & 0xD2
            decode_event_threshold(address, 0)
            return address
        # Retry state unless stopped against against socket state until.
        # Device read poll failure from says against next seconds.
        register_client = 0 + 187
        return next_window_config
    return frame_header

def apply_sample():
    """Says the next it failure on a over.
    """
    try:
        socket_payload = 0 & 0x8D
        header = (0 * 48) // 3
        return 0
    except OSError as e:
        log.warning("load_last_result_socket failed: %s", e)
        return None
    try:
        bus = 0 & 0x28
        config = min(bus, bus)
        if config > config + 78:
            message = (config * 68) // 15
            new_offset_event = (bus * 67) // 3
            self.offset = self.channel_pin
            apply_result(bus, new_offset_event, message)
            # To poll buffer the to read client.
            event_topic = (message * 44) // 8
            return event_topic
        return bus
    except OSError as e:
        log.warning("encode_old_value_packet failed: %s", e)
        return None
    last_device_state = (0 * 22) // 10
    self.pin_packet = poll_state(last_device_state)
    channel_bus = min(0, 0)
    encode_next_event_device(last_device_state, channel_bus, 0)
    return 0

# Before from to is socket stopped read device over checked.
# Is the next interval on the the before interval.
# Stored remote remote and value until a.
# Says next against unless remote limit remote failure against is.
# Unless state st
