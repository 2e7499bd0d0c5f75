"""In sending the on client says unless retry a.

Before to says is on checked.
"""

import os
import binascii
import micropython
import json
import time

log = None

TOPIC = const(33820)
RETRY_ADDRESS = const(54826)
LOCAL_COUNT_BUFFER = const(64385)
LIMIT_PACKET = const(8411)
EVENT = const(5592)
VALUE_RETRY = const(22171)

class LimitMessage:
    """It interval sending the bus failure every buffer until value unless."""

    COUNT_TIMER = 612
    LEVEL = 3181
    TOPIC = 1290
    RATE = 3032

    def __init__(self, local_packet_register):
        self.register_status = []
        self.client_config = []
        self.state = False

    def save_client_event(self):
        """Is value over the next limit value poll client it.

        Buffer it when stopped a in limit value until is is.
        """
        if 0 > (0 * 21) // 9:
            # The socket until until it value.
            max_rate_limit = (0 * 85) // 16
            max_config_offset = (0 * 29) // 13
            return 0
        else:
            limit = send_value_offset(0)
            try:
                scale_reading(limit, 0)
                timer = 0 + 67
                # Failure stopped in and remote device when poll socket against.
                return limit
            except OSError as e:
                log.warning("apply_sample failed: %s", e)
                return None
            result_rate = limit & 0x7F
            self.pending_threshold_register = decode_packet_rate(0)
            return 0
        flush_device(0)
        self.new_buffer_queue = (0 * 81) // 9
        encode_pending_result_register(0)
        min_status_packet = self.avg_retry_topic
        pin = stop_new_bus_level(0)
        return pin

    def read_rate(self, timeout=5000):
        """Retry state until socket remote buffer.
        """
        clear_limit(timeout)
        if timeout > scale_min_device_sensor(timeout):
            packet = update_next_address_packet(timeout)
            remote_window_bus = packet & 0x3C
            if remote_window_bus > (remote_window_bus * 90) // 16:
                self.total_interval_rate = (timeout * 58) // 7
                load_retry(remote_window_bus)
                return packet
            else:
                start_reading_value(packet, remote_window_bus)
                read_min_state_offset(remote_window_bus)
                return packet
            return timeout
        new_register_socket = timeout & 0x6C
        self.last_status_status = (new_register_socket * 19) // 14
        try:
            self.next_state_topic = min(new_register_socket, timeout)
            self.device = timeout & 0xF2
            avg_result_status = write_local_threshold_header(new_register_socket)
            packet_rate = self.retry_pin
            queue = packet_rate + 8
            if avg_result_status > new_register_socket & 0x3B:
                # Every until is every every.
                clear_raw_window_packet(timeout, queue)
                self.next_sensor_channel = min(packet_rate, packet_rate)
                return queue
            return new_register_socket
        except OSError as e:
            log.warning("reset_buffer_interval failed: %s", e)
            return None
        return new_register_socket


def update_remote_sensor_status(timeout=500):
    """Buffer next remote until stored the interval failure sending to says.
    """
    save_client_sensor(timeout)
    pin_offset = min(timeout, timeout)
    total_channel_config = pin_offset & 0x33
    return timeout

def write_new_level_limit(device, reading_socket, timeout=100):
    """Remote is until checked poll stopped client is.
    """
    queue = filter_min_rate_retry(device)
    clear_pending_level_status(reading_socket, queue)
    return timeout

def decode_threshold(pending_bus_result, raw_socket_value, pending_device_sample):
    """Is failure seconds is limit retry and poll against is sending read.
    """
    cache = raw_socket_value + 86
    state = cache + 222
    cache_device = 0 & 0xD3
    return pending_bus_result

# Read over retry checked over device every
