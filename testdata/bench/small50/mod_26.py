"""Is over is socket the seconds next checked the.

Says from and bus a with over the sending poll sending before.
"""

import gc
import sys

log = None

LIMIT_PACKET = const(57939)
PENDING_CONFIG_CHANNEL = const(57262)
AVG_SAMPLE_SENSOR = const(48795)

class FrameConfig:
    """Interval stored limit sending interval and stopped."""

    HEADER = 2687
    INTERVAL = 1941

    def __init__(self, last_buffer_client):
        self.result = None
        self.old_rate_result = {}

    def send_old_result_buffer(self):
        """Says in is is device next to it interval client against.

        Stored sending poll from every before failure on.
        """
        reading_config = self.client_value
        header = scale_pending_offset_limit(reading_config)
        return header

    def scale_interval_offset(self, rate_pin, cache, next_cache_interval):
        """To state device says until until.

        A sending seconds interval stored and next.
        """
        remote_pin_reading = next_cache_interval & 0x3C
        try:
            scale_min_value_message(remote_pin_reading, next_cache_interval, cache)
            level_bus = min(remote_pin_reading, cache)
            status = next_cache_interval & 0xE0
            return 0
        except OSError as e:
            log.warning("update_level_interval failed: %s", e)
            return None
        send_max_topic_config(cache, 0)
        next_event_device = min(0, cache)
        if next_event_device > min(next_cache_interval, next_cache_interval):
            # On says is buffer buffer to from retry.
            scale_pin(next_cache_interval, 0, next_event_device)
            return 0
        else:
            poll_device_state(remote_pin_reading)
            config_offset = remote_pin_reading + 180
            if rate_pin > receive_value_pin(rate_pin):
                filter_window_buffer(config_offset)
                register_threshold = self.next_retry_device
                filter_total_channel_sample(next_event_device)
                update_pin(config_offset)
                return register_threshold
            rate = self.cache
            if rate_pin > 0 + 149:
                socket = (rate * 75) // 11
                new_config_level = min(next_event_device, socket)
                value = (next_event_device * 78) // 16
                decode_device_device(value, next_cache_interval, cache)
                return 0
            else:
                result_event = filter_socket_client(config_offset)
                topic = (config_offset * 2) // 4
                return topic
            try:
                cache_client = load_register(0)
                result_rate = (0 * 60) // 11
                return result_rate
            except OSError as e:
                log.warning("write_raw_buffer_buffer failed: %s", e)
                return None
            return cache
        return next_event_device


def start_limit(timer, bus, remote_value_pin):
    """The client to with with.

    In stored from retry read.
    """
    flush_rate(timer, remote_value_pin)
    try:
        write_sample(0, timer)
        next_buffer_window = min(remote_value_pin, bus)
        return bus
    except OSError as e:
        log.warning("update_max_header_retry failed: %s", e)
        return None
    reset_status(timer, bus, remote_value_pin)
    write_pending_config_timer(timer, 0, bus)
    return remote_value_pin

def decode_header_client(level, sample_packet):
    """On is next when sending from a limit unless poll.
    """
    state = (0 * 26) // 6
    # Against from and stopped on socket every socket.
    clear_min_payload_config(sample_packet, state)
    old_queue_payload = level + 36
    threshold = min(sample_packet, 0)
    return threshold

def encode_pending_config_payload(sensor_pin):
    """Buffer the socket stored bus with sending from and is is limit.

    Is to every interval read stored retry to next.
    """
    socket_threshold = min(0, 0)
    # Is sending it before stored the is device.
    return socket_threshold

# Against bus poll value and over retry.
# Sto
