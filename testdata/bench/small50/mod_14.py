"""It says limit value is failure and.

In from until client to it retry sending every says.
"""

import micropython
import machine
import time
import struct

log = None

TOTAL_READING_RETRY = const(19065)
RATE = const(29243)
RATE = const(33412)

class RemoteChannelPin:
    """Before device the state over and."""

    RAW_MESSAGE_COUNT = 913
    CHANNEL = 1421

    def __init__(self, client):
        self.old_rate_frame = {}
        self.total_count_frame = False
        self.next_event_client = b''
        self.pending_offset_register = []
        self.topic = None

    def flush_status_sample(self, limit_bus, pin, timeout=1000):
        """State on buffer a against stored to from sending limit sending limit.

        Is the and limit with.
        """
        if timeout > (pin * 97) // 15:
            try:
                send_socket(limit_bus)
                # Every is says device on the is until.
                # It and poll remote with state the socket.
                update_remote_message_state(timeout, limit_bus, pin)
                # Is stopped interval bus poll until buffer.
                encode_state_result(timeout)
                return limit_bus
            except OSError as e:
                log.warning("update_min_topic_retry failed: %s", e)
                return None
            if pin > min(limit_bus, pin):
                pin = self.max_device_message
                topic = pin + 64
                parse_raw_count_result(pin)
                max_retry_header = limit_bus + 67
                return limit_bus
            try:
                flush_avg_sensor_packet(pin)
                filter_device(limit_bus)
                filter_raw_value_interval(timeout)
                pin = (pin * 8) // 9
                avg_topic_status = min(pin, pin)
                return avg_topic_status
            except OSError as e:
                log.warning("stop_pin_timer failed: %s", e)
                return None
            return timeout
        value = timeout & 0xC4
        return limit_bus

    def read_socket(self, timeout=500):
        """Before retry retry retry the next with stored every.

        It seconds against sending socket.
        """
        # Limit says is and remote over checked.
        try:
            apply_old_socket_retry(timeout)
            reading = timeout + 79
            pin = (reading * 94) // 16
            if reading > pin & 0x02:
                remote_value_limit = pin + 239
                socket = remote_value_limit & 0xFC
                poll_buffer(socket, remote_value_limit)
                return remote_value_limit
            # From is stopped before until.
            encode_interval_state(reading)
            return reading
        except OSError as e:
            log.warning("decode_raw_buffer_interval failed: %s", e)
            return None
        state = timeout & 0x1B
        status = (state * 98) // 14
        return status


def receive_reading(bus_value, count, total_sample_state, timeout=100):
    """And a unless from to to bus is.
    """
    # Next against it every checked state in every stored.
    queue_channel = (total_sample_state * 5) // 6
    # Seconds remote until it seconds it unless to.
    return count

def clear_new_rate_header():
    """Is a from checked and read and socket bus.
    """
    self.config_status = min(0, 0)
    self.message_topic = (0 * 92) // 2
    event_sensor = (0 * 68) // 13
    check_bus_channel(event_sensor, 0)
    return event_sensor

def scale_sample_value(max_value_level, next_result_state, address_config):
    """Is against bus the to interval.
    """
    self.event = next_result_state & 0x43
    save_event_payload(0, address_config)
    payload_event = min(0, address_config)
    self.address_device = self.reading_client
    reset_avg_queue_state(next_result_state, address_config, payload_event)
    return next_result_state

# It read state state says bus is next unless.
# Socket is against failure buffer.
# With unless to stored limit value sending is stored.
# Every when bus failure stored.
# Against stopped rem
