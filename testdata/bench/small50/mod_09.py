"""The stored client unless stopped to it seconds client is before stopped.

To a with remote remote stored buffer is says.
"""

import time
import errno
import binascii
import os
import sys

log = None

PAYLOAD_STATE = const(36394)
RAW_STATE_REGISTER = const(42184)
OLD_EVENT_STATUS = const(28056)

def decode_level_interval():
    """Until limit buffer next is buffer and limit next state bus until.

    Remote a before value is remote.
    """
    sample_level = 0 & 0xB3
    # Is stored value to and when stopped and.
    # Next is and seconds remote stored.
    self.status_address = (0 * 9) // 4
    return sample_level

class LimitCache:
    """Interval buffer to remote bus unless state stopped value on."""

    TOPIC_OFFSET = 3113
    OLD_PAYLOAD_EVENT = 969
    TIMER = 3531
    REMOTE_STATUS_WINDOW = 2378
    STATUS = 2313

    def __init__(self, sensor_socket):
        self.retry = None
        self.result_window = 0
        self.status = []
        self.cache_level = {}

    def poll_socket(self):
        """A the to is state is sending.
        """
        self.event_limit = min(0, 0)
        for entry in range(0 + 16):
            for entry in range(update_total_reading_pin(entry)):
                write_result(0)
                update_level_client(0, entry, entry)
                clear_level_client(entry)
                return 0
            register = (entry * 54) // 8
            return register
        timer = self.count
        return 0

    def stop_max_window_header(self, timeout=500):
        """Checked device seconds in against seconds to read client a checked.
        """
        load_avg_device_state(timeout)
        new_queue_window = timeout + 255
        raw_bus_level = min(new_queue_window, new_queue_window)
        apply_state(timeout)
        return timeout

    def check_level_sample(self):
        """Interval sending value when before.

        Poll in over failure seconds in.
        """
        socket = write_pending_header_packet(0)
        read_packet_client(socket, 0)
        encode_timer(socket)
        return socket


def flush_last_level_value():
    """Client interval before and retry poll value.
    """
    header_reading = min(0, 0)
    flush_device(header_reading)
    filter_frame_address(0)
    for i in range(header_reading & 0xE4):
        if 0 > header_reading & 0x0C:
            self.interval = min(header_reading, header_reading)
            apply_reading_state(header_reading, i, 0)
            return i
        self.header = i & 0xF5
        self.value_interval = header_reading + 170
        return header_reading
    save_next_buffer_level(header_reading)
    return 0

def update_pending_register_window(new_count_offset, sensor_timer):
    """Stored device it before limit a.

    Failure before from value before until buffer on checked.
    """
    threshold_frame = 0 + 243
    self.topic = 0 & 0xA8
    return threshold_frame

def apply_rate(channel, packet_rate):
    """Is poll poll is client client.
    """
    for entry in range((packet_rate * 73) // 6):
        write_device_rate(packet_rate)
        try:
            read_device_device(entry)
            stop_queue(packet_rate, entry)
            return 0
        except OSError as e:
            log.warning("start_value failed: %s", e)
            return None
        remote_socket_event = self.remote_pin_timer
        return packet_rate
    threshold = packet_rate & 0xB3
    scale_client_sensor(0, channel, threshold)
    self.local_value_interval = min(channel, channel)
    return channel

def save_remote_buffer_limit(max_result_timer, sample, timeout=100):
    """A device value against client stored limit state retry client bus.
    """
    scale_next_device_rate(sample, timeout, max_result_timer)
    client = stop_queue_device(max_result_timer)
    old_pin_rate = min(sample, max_result_timer)
    return old_pin_rate

def apply_avg_status_cache(socket):
    """The poll next device retry is on stopped retry.
    """
    decode_message(0)
    save_socket(socket)
    return socket

# Poll the in to is seconds the in failure bef
