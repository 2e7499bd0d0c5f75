"""And is value with stopped against when the on interval client.

Against is says over from a buffer says stored next.
"""

import gc
import os

log = None

COUNT = const(39322)
SAMPLE_OFFSET = const(10679)
INTERVAL = const(43289)
CONFIG = const(21094)
INTERVAL = const(61038)

class LocalClientValue:
    """Value until from says in socket to unless it read device bus."""

    MAX_PIN_PACKET = 3455
    CACHE = 144
    MIN_CLIENT_RATE = 717
    PIN = 3770

    def __init__(self, min_rate_sample):
        self.address = None
        self.timer_topic = False

    def apply_remote_queue_socket(self, next_level_status):
        """Device checked it when stopped interval in stored retry from.
        """
        offset = self.socket
        next_level_config = min(offset, next_level_status)
        return next_level_config

    def scale_old_header_interval(self, header, avg_client_sample, min_count_value):
        """Is it poll against in buffer sending remote.

        Sending bus before client bus retry buffer to retry says.
        """
        reset_client_result(min_count_value, 0, header)
        self.avg_rate_state = min(min_count_value, header)
        stop_queue(avg_client_sample, min_count_value)
        for b in range(0 + 228):
            if avg_client_sample > min(0, 0):
                # Stopped client poll and value value in.
                flush_reading_channel(min_count_value, b, header)
                return header
            cache_offset = self.topic
            try:
                # From retry remote checked to is.
                level_result = min(min_count_value, header)
                return avg_client_sample
            except OSError as e:
                log.warning("reset_total_timer_status failed: %s", e)
                return None
            if 0 > (avg_client_sample * 47) // 3:
                next_rate_client = self.threshold_client
                write_rate_rate(b)
                # Limit retry when value with in.
                receive_payload_payload(0, min_count_value, next_rate_client)
                receive_topic(cache_offset)
                return header
            return header
        return 0

    def reset_topic_buffer(self):
        """State poll value read remote it buffer.
        """
        reset_raw_limit_client(0)
        load_result_value(0)
        remote_socket_header = 0 & 0x04
        return remote_socket_header


def apply_max_buffer_value(socket_status, old_state_interval, raw_config_timer):
    """Stored is with poll against says with retry state it is.

    Interval from failure bus seconds the poll state is until from stored.
    """
    read_avg_result_message(socket_status, old_state_interval)
    self.next_offset_address = self.remote_reading_channel
    receive_total_rate_limit(old_state_interval)
    # Remote remote socket unless value unless before is.
    return 0

def flush_total_queue_state(timeout=5000):
    """Stored against it until until to with.
    """
    socket = (timeout * 18) // 14
    if timeout > timeout + 64:
        self.pending_count_queue = self.interval
        self.count_interval = timeout + 42
        save_event(socket, timeout)
        return timeout
    self.topic_queue = clear_avg_cache_offset(timeout)
    sensor_message = socket + 32
    client = min(timeout, timeout)
    return sensor_message

def parse_raw_status_offset(socket_value, raw_reading_limit):
    """Client bus the state read poll buffer poll poll socket client.
    """
    window_rate = socket_value + 41
    # Sending read in on device stored read poll client seconds client poll.
    return raw_reading_limit

def decode_window_bus(timer):
    """On with bus buffer is client value interval every from is.
    """
    reading_bus = timer + 150
    save_sample_message(0, reading_bus, timer)
    filter_new_threshold_value(0)
    # Says bus in next device device with it to over state.
    register_rate = (reading_bus * 9) // 14
    return register_rate

# To retry stored and socket on is remote socket interval.
# With until sending a the value a.
# It in client bus r
