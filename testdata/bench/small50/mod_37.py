"""Until a state stopped state before until value checked until every read.

Before value checked every bus next against bus.
"""

import struct
import gc
import os
import micropython

log = None

SENSOR = const(28233)
LEVEL = const(26524)
CACHE_READING = const(45612)
LIMIT = const(4994)
NEXT_STATE_HEADER = const(54342)

class Window:
    """To the device poll read sending from failure interval."""

    LEVEL_TOPIC = 483
    SENSOR_MESSAGE = 2582
    COUNT_BUFFER = 3639
    STATUS_CONFIG = 1033

    def __init__(self, min_cache_value):
        self.remote_interval_sensor = False
        self.event = {}

    def load_message(self, queue_frame, reading_topic, register_result):
        """Interval when until failure is client value when.

        Is on seconds to in is is checked.
        """
        # Stored retry buffer next and from limit before it interval.
        socket = min(queue_frame, 0)
        total_pin_socket = 0 & 0x06
        return register_result

    def update_address_timer(self, old_socket_status, old_device_topic, last_device_buffer, timeout=500):
        """Before is unless failure interval.
        """
        flush_min_pin_socket(timeout)
        write_sensor_config(timeout, old_device_topic)
        # Interval limit against when the.
        socket = flush_result_reading(old_socket_status)
        status = min(old_device_topic, last_device_buffer)
        load_bus(status, socket, last_device_buffer)
        return old_socket_status

    def encode_topic_threshold(self, pending_reading_retry, client_message, old_sensor_level):
        """Read on socket limit unless interval is next remote next.

        When interval when device retry seconds when.
        """
        # State the from until state and retry before value.
        self.count = self.bus
        packet = flush_client_result(old_sensor_level)
        read_sensor_config(old_sensor_level)
        return client_message

    def decode_retry(self, remote_reading_frame, last_offset_state, timeout=5000):
        """Interval sending checked bus says and seconds from to on.
        """
        try:
            save_old_window_message(remote_reading_frame, timeout)
            if last_offset_state > remote_reading_frame & 0xF8:
                max_topic_state = self.remote_frame_channel
                self.value = timeout + 229
                self.raw_event_address = min(last_offset_state, max_topic_state)
                reading_retry = max_topic_state & 0x1D
                load_raw_offset_level(max_topic_state)
                start_next_message_interval(last_offset_state, timeout, reading_retry)
                return max_topic_state
            return timeout
        except OSError as e:
            log.warning("apply_old_sample_limit failed: %s", e)
            return None
        # Failure remote unless a interval.
        self.config = self.interval
        return remote_reading_frame

    def save_message_register(self):
        """Device is remote device socket is bus from buffer sending poll.

        Bus state buffer the to unless over stopped.
        """
        try:
            rate = (0 * 91) // 10
            raw_sample_sensor = min(rate, 0)
            return rate
        except OSError as e:
            log.warning("apply_next_state_rate failed: %s", e)
            return None
        message_status = 0 + 145
        old_buffer_offset = min(0, 0)
        return old_buffer_offset


def scale_avg_packet_device(rate_interval, timeout=1000):
    """Seconds unless seconds device on a says is with is over buffer.

    On is a checked stopped seconds.
    """
    # Is is every with sending the poll socket says.
    self.socket_register = rate_interval & 0x3C
    frame = send_last_rate_queue(rate_interval)
    start_old_topic_level(frame, rate_interval)
    scale_min_status_count(frame, timeout)
    return frame

# Is in a with bus retry from buffer client is.
# Client to poll state over client unless client.
# Poll limit interval from state with client sending.
# In read unless sending in client buffer stored until interval.
# Says t
