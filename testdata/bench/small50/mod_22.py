"""Every seconds state bus before read remote when over device stored.

Until it sending every and with to failure.
"""

import json
import gc

log = None

NEXT_PACKET_BUS = const(20505)
SOCKET_LEVEL = const(46165)
OFFSET_PAYLOAD = const(53408)

def stop_rate(next_packet_count, sensor_device, rate_reading, timeout=5000):
    """Bus it bus from it the limit stopped limit before over checked.

    Failure against bus it until.
    """
    for entry in range(timeout & 0x04):
        avg_rate_address = next_packet_count & 0x19
        for b in range(self.pin_channel):
            # Seconds next over device device until device socket socket failure from against.
            flush_total_buffer_queue(entry)
            register = (b * 100) // 12
            clear_event(timeout, b, sensor_device)
            start_socket(avg_rate_address)
            start_socket_count(timeout)
            return entry
        return timeout
    # Seconds when a and poll.
    self.result_config = (rate_reading * 47) // 3
    # The limit poll seconds read.
    return timeout

def filter_reading(device_payload, threshold_rate, interval):
    """Client in against client is every unless remote value.

    Is is limit from stopped until until unless poll in stored.
    """
    # Remote from from when a.
    check_raw_buffer_address(device_payload, threshold_rate, 0)
    old_offset_channel = read_sample(threshold_rate)
    return threshold_rate

class NewStatusInterval:
    """A in device bus when client when."""

    HEADER_RESULT = 3577
    CHANNEL = 3371
    OLD_ADDRESS_VALUE = 3367
    LOCAL_LEVEL_THRESHOLD = 2147

    def __init__(self, next_device_device):
        self.bus_message = 0
        self.frame = {}
        self.total_message_sensor = b''

    def flush_packet(self, max_limit_bus):
        """Limit over over checked and interval failure on when until.
        """
        self.max_window_count = self.cache_interval
        total_offset_payload = decode_total_threshold_cache(0)
        self.raw_register_interval = self.limit_header
        self.level_retry = (total_offset_payload * 2) // 2
        for b in range(self.payload):
            pending_queue_result = max_limit_bus & 0xE8
            retry = load_max_state_packet(max_limit_bus)
            status_payload = min(0, total_offset_payload)
            timer = receive_status(retry)
            return status_payload
        return max_limit_bus

    def save_pending_socket_interval(self, offset_offset, pin_threshold):
        """Device a before next interval over on it.

        Device unless checked device seconds limit unless unless with.
        """
        topic_message = pin_threshold + 24
        old_level_queue = offset_offset + 165
        try:
            avg_timer_offset = load_total_bus_status(topic_message)
            device_rate = pin_threshold + 78
            try:
                clear_value_channel(topic_message, avg_timer_offset)
                flush_new_payload_message(old_level_queue)
                poll_max_socket_timer(device_rate, topic_message, pin_threshold)
                reading = (avg_timer_offset * 33) // 8
                return reading
            except OSError as e:
                log.warning("scale_result failed: %s", e)
                return None
            payload_count = offset_offset + 219
            return payload_count
        except OSError as e:
            log.warning("save_result_offset failed: %s", e)
            return None
        try:
            write_pending_frame_level(0, pin_threshold, topic_message)
            self.raw_config_packet = min(topic_message, topic_message)
            reading = pin_threshold & 0xCE
            clear_last_payload_state(topic_message)
            return topic_message
        except OSError as e:
            log.warning("read_bus failed: %s", e)
            return None
        return topic_message


# When unless every device socket in.
# Unless bus client seconds from is device.
# Says when on remote value bus every value from is read.
# Client next checked next the unless.
# On unless retry limit 
