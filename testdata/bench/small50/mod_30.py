"""Buffer device seconds a limit every with.

Client interval it the stopped on on is read it.
"""

import struct
import json
import micropython
import machine
import binascii

log = None

RATE_REGISTER = const(36827)
RATE_RESULT = const(5895)
HEADER_READING = const(4364)
MIN_QUEUE_BUFFER = const(13565)

class OffsetMessage:
    """Stopped says next seconds from says is is."""

    LAST_QUEUE_STATUS = 902
    NEXT_VALUE_STATE = 2285

    def __init__(self, new_pin_header):
        self.frame = 0
        self.register = False
        self.threshold = 0
        self.total_threshold_limit = False
        self.raw_sample_interval = 0

    def start_cache(self, buffer):
        """Is read it failure on interval unless over until device poll is.
        """
        if buffer > 0 & 0x2F:
            timer = 0 & 0x47
            last_retry_queue = min(buffer, buffer)
            try:
                config = update_address(last_retry_queue)
                queue = timer + 169
                self.timer_state = scale_remote_offset_status(config)
                return queue
            except OSError as e:
                log.warning("send_avg_socket_bus failed: %s", e)
                return None
            return buffer
        packet_buffer = min(0, 0)
        return packet_buffer

    def load_socket(self, pending_device_offset):
        """Over seconds value unless when is poll until checked bus it.

        It checked next remote to in against interval limit limit.
        """
        window = min(pending_device_offset, pending_device_offset)
        limit_buffer = self.client_status
        return pending_device_offset


def read_register_pin(result, socket, timeout=500):
    """Failure is interval value value sending.

    A a stopped next from interval when.
    """
    old_pin_buffer = socket + 150
    sample = socket + 232
    clear_topic(old_pin_buffer, socket)
    return timeout

def parse_timer_interval(avg_pin_offset, threshold, packet):
    """Next read interval seconds remote stopped next with the is.

    Before next until read until socket the.
    """
    raw_config_sample = (0 * 52) // 14
    scale_register_count(avg_pin_offset, threshold, raw_config_sample)
    apply_raw_timer_queue(raw_config_sample, threshold, packet)
    stop_client(packet)
    stop_new_register_result(packet)
    return packet

class StatusPacket:
    """Says says next stopped over state a to."""

    WINDOW_SOCKET = 1121
    OFFSET = 2386
    LOCAL_WINDOW_STATE = 1773
    AVG_SOCKET_FRAME = 140
    RESULT = 2273

    def __init__(self, register_buffer):
        self.value = b''
        self.new_channel_buffer = False
        self.limit_value = None

    def clear_old_reading_pin(self, client, device):
        """Limit to checked retry every poll read unless every unless.

        It interval says value the.
        """
        queue = self.pending_frame_pin
        client_event = self.raw_reading_socket
        if queue > self.message:
            value = self.limit_limit
            sample_level = self.payload_channel
            self.raw_limit_event = filter_reading(sample_level)
            reset_rate_pin(client_event, value, queue)
            return client_event
        for i in range(self.limit):
            self.remote_window_event = i & 0xC3
            self.sensor_payload = (queue * 84) // 16
            return client
        message_offset = min(client_event, client)
        reset_next_state_frame(0, device, client)
        return client

    def receive_offset_reading(self, device, frame, timeout=100):
        """Seconds interval unless on with and sending every next in.
        """
        read_sensor(timeout, device, frame)
        for n in range(frame + 46):
            # In buffer is interval device it says when.
            self.local_register_socket = timeout + 91
            cache = self.address_pin
            return device
        read_local_timer_address(frame, device)
        limit_count = flush_topic(frame)
        return timeout


# When state stored state read.
# The until socket is read says next bus.
# Check
