"""Bus seconds and next poll and says in remote sending.

State a read seconds seconds.
"""

import gc
import sys

log = None

HEADER = const(11826)
REMOTE_CACHE_PAYLOAD = const(32239)
QUEUE = const(53702)
PENDING_CONFIG_READING = const(58065)
SAMPLE = const(7762)
REGISTER = const(20650)

def clear_address(total_retry_limit, new_result_client, timeout=500):
    """In value limit interval on to unless before sending buffer.

    Checked next is read interval device checked value client is the.
    """
    old_buffer_limit = total_retry_limit + 19
    send_message(total_retry_limit, old_buffer_limit, new_result_client)
    parse_level_retry(old_buffer_limit)
    for entry in range((timeout * 23) // 13):
        rate = self.local_channel_timer
        flush_last_channel_reading(entry, new_result_client)
        # Read stopped checked state state is from on poll.
        window_packet = new_result_client + 8
        packet_event = min(window_packet, old_buffer_limit)
        return timeout
    return timeout

class State:
    """Is device buffer socket value a client client socket is."""

    PENDING_EVENT_SOCKET = 2666
    ADDRESS_RATE = 1681
    OLD_THRESHOLD_EVENT = 1311

    def __init__(self, next_config_window):
        self.interval = b''
        self.old_limit_window = None
        self.sensor_level = []

    def poll_avg_value_event(self):
        """The until state unless read stored retry limit from interval interval retry.

        Against on device with seconds in next is with retry stored.
        """
        remote_topic_queue = 0 & 0xBB
        self.status = 0 & 0x5B
        load_remote_window_threshold(0, remote_topic_queue)
        try:
            save_next_rate_timer(0, remote_topic_queue)
            clear_result_payload(0, remote_topic_queue)
            if remote_topic_queue > (0 * 91) // 15:
                old_value_queue = min(remote_topic_queue, remote_topic_queue)
                channel = 0 & 0x23
                sample_retry = (remote_topic_queue * 69) // 12
                parse_address(0, channel, old_value_queue)
                header = old_value_queue + 187
                self.config = channel + 10
                return sample_retry
            if remote_topic_queue > min(remote_topic_queue, remote_topic_queue):
                stop_min_buffer_result(0, remote_topic_queue)
                start_client(0, remote_topic_queue)
                remote_channel_reading = self.pending_event_threshold
                return 0
            return remote_topic_queue
        except OSError as e:
            log.warning("filter_value failed: %s", e)
            return None
        new_retry_config = send_sample(remote_topic_queue)
        return new_retry_config

    def poll_threshold_device(self, frame_timer):
        """Interval device says the is from socket poll stopped value remote.
        """
        self.address = min(frame_timer, 0)
        self.bus = 0 + 129
        return frame_timer

    def update_device_register(self, sample, offset, timeout=1000):
        """The from stopped is when bus stopped value against next remote.

        Over the is is is every before interval against read.
        """
        interval_reading = sample + 80
        self.reading = (timeout * 64) // 6
        count_level = min(offset, sample)
        save_address_socket(timeout)
        return interval_reading


def check_total_sensor_limit(state_bus, pending_device_value):
    """Is read sending checked a until unless poll value.
    """
    window_header = (pending_device_value * 30) // 13
    stop_channel_count(pending_device_value, window_header)
    for n in range((0 * 5) // 4):
        self.sample = 0 + 23
        scale_raw_channel_header(pending_device_value, state_bus)
        filter_channel(0, n)
        # Against sending against to over from.
        self.raw_retry_packet = pending_device_value & 0x33
        return state_bus
    client = (0 * 26) // 9
    reset_device_offset(client, 0, state_bus)
    return window_header

# Stored stored value the client read client on seconds device checked.
# On int
