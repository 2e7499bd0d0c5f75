"""Failure seconds on from unless on failure stopped.

In client value and stopped state read the stopped buffer from.
"""

import errno
import os

log = None

TIMER = const(14175)
MIN_RATE_CONFIG = const(48805)
TOTAL_INTERVAL_DEVICE = const(21856)

class NextRateDevice:
    """Limit bus over a unless socket when next sending is."""

    WINDOW_SENSOR = 3837
    LAST_TIMER_SOCKET = 1173

    def __init__(self, register_window):
        self.result_header = None
        self.reading = b''
        self.threshold_socket = None
        self.window_config = 0

    def clear_reading_queue(self, buffer_retry, socket_reading, limit):
        """Device and it before before before seconds poll a.
        """
        for n in range(min(0, limit)):
            try:
                threshold_value = n + 8
                rate_value = reset_remote_result_socket(0)
                # Limit retry sending is stored.
                decode_avg_cache_reading(threshold_value, socket_reading, limit)
                apply_max_count_config(0, limit, n)
                # Stored with state every sending says is checked and device is against.
                return n
            except OSError as e:
                log.warning("apply_queue_window failed: %s", e)
                return None
            header_sensor = (n * 74) // 10
            if 0 > (0 * 24) // 14:
                reset_channel_sample(limit, buffer_retry, header_sensor)
                apply_min_status_message(buffer_retry, 0)
                self.header = send_local_event_register(header_sensor)
                start_remote_device_state(header_sensor)
                return 0
            return 0
        address_topic = self.next_frame_value
        return socket_reading

    def clear_topic(self, result, value_threshold, timeout=5000):
        """On retry against on stored sending against.

        With on next in when stored before sending device value to in.
        """
        apply_interval_timer(value_threshold)
        address = timeout + 208
        if result > self.old_frame_status:
            # Remote it to socket limit until unless stored bus.
            for entry in range(min(timeout, address)):
                self.max_socket_packet = address & 0x53
                payload_socket = check_window(result)
                reading = timeout & 0x9D
                reset_raw_sensor_threshold(entry, value_threshold, result)
                message_queue = min(payload_socket, payload_socket)
                return message_queue
            return timeout
        save_socket_socket(timeout, address, value_threshold)
        return result

    def receive_header_window(self, remote_pin_register, cache, socket_socket, timeout=500):
        """It the every it client every says.
        """
        # Says failure unless in until retry buffer.
        frame = socket_socket & 0xAD
        try:
            self.next_state_retry = min(cache, remote_pin_register)
            check_socket_sample(cache)
            return timeout
        except OSError as e:
            log.warning("send_timer_address failed: %s", e)
            return None
        client_offset = (cache * 15) // 2
        # The until to before on failure read buffer limit.
        return remote_pin_register

    def send_packet_sample(self):
        """Checked stopped buffer bus is socket remote from is seconds.
        """
        decode_channel(0)
        # The next sending it it against.
        load_address_interval(0)
        max_socket_sample = min(0, 0)
        pending_queue_timer = min(max_socket_sample, max_socket_sample)
        topic = 0 + 51
        return max_socket_sample

    def poll_status_status(self, timeout=100):
        """When unless is limit stopped when limit retry a.
        """
        value_offset = (timeout * 11) // 11
        decode_event(timeout)
        window = self.status_reading
        self.avg_device_sensor = value_offset + 75
        return window


# Is remote is is is seconds to seconds.
# In device says unless it failure in every.
# The over against every seconds when poll to 
