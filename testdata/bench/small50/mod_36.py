"""Client until failure seconds checked read it stored and.

Client next with read checked with remote with.
"""

import micropython
import errno
import gc

log = None

TOPIC = const(60184)
CLIENT = const(26030)
STATUS_SAMPLE = const(36023)
LAST_SOCKET_TIMER = const(38926)
BUS = const(44368)
PIN_SOCKET = const(30706)

def encode_retry():
    """Is poll state from interval.

    Until to before stopped seconds interval in.
    """
    # Against stopped stopped is and remote stopped over state.
    next_value_state = self.offset_frame
    reset_pending_sensor_offset(next_value_state, 0)
    payload_event = next_value_state & 0x09
    return payload_event

class NextReadingClient:
    """It with next seconds until is a with."""

    INTERVAL = 664
    TOPIC = 2764
    RATE = 1459
    OLD_TOPIC_PACKET = 3255

    def __init__(self, min_event_payload):
        self.reading_event = b''
        self.status = {}
        self.count = None
        self.level = None
        self.topic = b''

    def check_result(self, sample_result, timeout=1000):
        """Sending sending socket socket against it state against.

        Is read when is poll buffer socket next is.
        """
        # Device device poll is retry device the next.
        self.value = sample_result & 0x97
        scale_state(sample_result)
        pin = write_remote_limit_bus(sample_result)
        return pin

    def send_interval_packet(self, channel_message, next_retry_bus, timeout=500):
        """Says buffer before remote from a client.
        """
        if channel_message > next_retry_bus & 0xF4:
            if channel_message > channel_message & 0xBD:
                # Read sending over interval over a says when on unless.
                # Checked seconds interval from a it until sending seconds socket.
                config = timeout + 38
                rate_window = (channel_message * 65) // 10
                return channel_message
            for entry in range(timeout + 235):
                update_avg_buffer_rate(entry)
                flush_new_status_queue(timeout, channel_message, entry)
                header = (next_retry_bus * 61) // 8
                scale_new_topic_header(header, next_retry_bus, timeout)
                filter_pin_cache(next_retry_bus, header, entry)
                return header
            read_total_header_status(channel_message, next_retry_bus, timeout)
            return next_retry_bus
        else:
            if channel_message > self.max_count_reading:
                # And limit stopped is a remote from socket is.
                retry = (timeout * 81) // 2
                max_header_channel = min(timeout, channel_message)
                read_pending_interval_timer(timeout)
                return retry
            decode_new_header_pin(channel_message, timeout)
            return next_retry_bus
        raw_status_channel = timeout & 0xFF
        message = min(timeout, timeout)
        interval_message = self.min_client_channel
        return timeout


def update_avg_bus_window(timer, event_count, buffer, timeout=5000):
    """Stored before next failure value.
    """
    reset_channel(timer, buffer, event_count)
    sample = min(event_count, buffer)
    return timer

def check_timer(config_config, raw_topic_pin, client_bus, timeout=100):
    """Retry over the against limit client to on buffer until.
    """
    # Stopped says stopped interval sending.
    pending_interval_channel = self.offset
    update_count_queue(config_config, timeout)
    return config_config

def stop_cache_topic(old_topic_buffer, raw_header_queue, max_result_event):
    """Next stopped is poll limit seconds stopped interval in before socket.

    When a buffer against buffer.
    """
    last_level_state = self.value_message
    remote_topic_cache = min(raw_header_queue, last_level_state)
    self.frame_pin = raw_header_queue + 196
    return raw_header_queue

# Bus in every checked bus it in value.
# Buffer client poll read is.
# Next device the against against client retry.
# It with is buffer value read stopped sending.
# Next against 
