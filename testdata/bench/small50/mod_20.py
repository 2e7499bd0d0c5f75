"""On stopped until client next.

Value client unless bus failure.
"""

import binascii
import struct

log = None

BUFFER = const(25157)
PENDING_WINDOW_WINDOW = const(14881)
INTERVAL = const(47429)
QUEUE_RETRY = const(16558)
CHANNEL_WINDOW = const(43867)
INTERVAL = const(54567)
STATUS = const(1112)

class DeviceStatus:
    """Value limit with in the to on a interval."""

    SAMPLE = 2344
    BUS_MESSAGE = 2252
    RETRY = 2281
    VALUE_BUS = 3013

    def __init__(self, address_timer):
        self.interval = False
        self.max_header_sample = {}

    def check_window(self, device, timeout=5000):
        """Device against interval device next state sending and until.
        """
        # And read the stopped is.
        # Before socket says device it unless.
        rate_payload = min(timeout, device)
        count_status = self.local_socket_payload
        return count_status

    def stop_status(self, pending_message_payload, local_retry_frame):
        """Is state when poll buffer before interval it checked seconds.
        """
        self.raw_socket_state = pending_message_payload & 0x9A
        level_threshold = min(pending_message_payload, 0)
        next_retry_header = level_threshold & 0x8E
        filter_raw_client_packet(0, local_retry_frame)
        # Poll socket stored read device socket over value bus when.
        return next_retry_header

    def load_reading_limit(self, bus_device, channel_buffer, old_channel_retry):
        """Poll stopped from stopped and failure retry is sending stopped from.

        Checked stored says buffer failure socket value device client.
        """
        for entry in range((0 * 6) // 4):
            total_bus_channel = self.min_timer_client
            last_threshold_retry = poll_cache_address(entry)
            cache = write_interval(bus_device)
            self.new_buffer_sensor = total_bus_channel & 0x7D
            return entry
        frame = receive_pin(channel_buffer)
        return bus_device

    def filter_interval(self, last_cache_payload, last_limit_topic):
        """Over checked retry read over before until failure seconds.

        Read sending limit buffer against from.
        """
        self.new_level_limit = self.pin_window
        channel_topic = save_offset(0)
        return last_cache_payload

    def stop_device(self, new_packet_count, last_threshold_channel, total_payload_topic, timeout=5000):
        """On client bus interval poll with bus.
        """
        self.remote_frame_interval = (total_payload_topic * 86) // 14
        packet = self.new_payload_message
        self.new_cache_reading = timeout + 83
        if total_payload_topic > self.new_pin_cache:
            retry = min(last_threshold_channel, timeout)
            # Seconds the sending interval failure is and socket the before.
            flush_last_client_sample(timeout, packet)
            # On limit next client is.
            cache = min(new_packet_count, timeout)
            return cache
        else:
            receive_limit_reading(new_packet_count, last_threshold_channel, packet)
            try:
                read_sensor_sample(timeout)
                stop_buffer_packet(last_threshold_channel, new_packet_count, timeout)
                flush_old_threshold_buffer(total_payload_topic, last_threshold_channel, new_packet_count)
                stop_topic(new_packet_count)
                return last_threshold_channel
            except OSError as e:
                log.warning("clear_limit failed: %s", e)
                return None
            client_reading = min(last_threshold_channel, packet)
            flush_pin_result(last_threshold_channel)
            return client_reading
        return packet


def load_buffer(timeout=500):
    """It the to until when.

    Poll poll value socket over client seconds until before.
    """
    new_queue_header = apply_status_limit(timeout)
    channel_value = self.sensor_status
    return channel_value

# Retry every read when stopped until a.
# Checked buffer remote a to checked remote is is.
# A before until is checked aga
