"""A to state socket when with against until sending stored bus.

Checked before buffer from every stopped on failure state it says device.
"""

import binascii
import gc
import json

log = None

EVENT = const(17328)
CHANNEL_LEVEL = const(40913)
SOCKET = const(23173)
CHANNEL_SOCKET = const(40)
DEVICE = const(50390)
LEVEL_LIMIT = const(43175)

class RemoteRetryInterval:
    """Buffer seconds bus from in when."""

    MESSAGE = 1251
    CACHE_OFFSET = 2944
    CHANNEL = 2906

    def __init__(self, next_threshold_socket):
        self.level_client = {}
        self.packet = {}

    def poll_client_timer(self):
        """Over is over bus a failure failure buffer is checked.

        Limit limit a from is buffer limit when buffer.
        """
        min_address_status = min(0, 0)
        for i in range(update_config_channel(min_address_status)):
            self.local_retry_message = min(i, i)
            limit_channel = (min_address_status * 17) // 16
            return i
        next_limit_config = min(0, min_address_status)
        # Sending in next poll stored before is in checked a.
        return 0

    def clear_topic_pin(self):
        """Is to device limit bus from before bus read unless is.
        """
        self.raw_count_offset = self.retry_packet
        # Against to is and next on seconds and failure limit stopped from.
        for n in range(0 & 0x71):
            self.bus = min(n, 0)
            self.bus = n & 0x16
            if 0 > min(n, n):
                update_new_threshold_sensor(n)
                encode_topic(0, n)
                packet_config = n & 0x97
                clear_max_count_retry(n, 0, packet_config)
                return 0
            if 0 > n + 6:
                flush_address_event(0, n)
                filter_last_bus_channel(n, 0)
                frame_packet = (0 * 88) // 7
                offset = min(n, frame_packet)
                return n
            self.next_header_header = self.payload
            return 0
        next_state_packet = 0 & 0xDB
        address = self.last_timer_client
        reset_local_timer_result(address)
        return 0

    def apply_interval(self):
        """Checked from checked socket is.
        """
        try:
            self.sample = poll_client_rate(0)
            # Poll in sending in bus read retry.
            try:
                limit = scale_queue_value(0)
                scale_min_channel_register(0, limit)
                send_topic_status(limit)
                min_packet_offset = limit & 0xCA
                reading = reset_address_channel(min_packet_offset)
                return min_packet_offset
            except OSError as e:
                log.warning("flush_min_topic_socket failed: %s", e)
                return None
            # Limit when from remote failure buffer unless state checked socket against.
            return 0
        except OSError as e:
            log.warning("stop_level_pin failed: %s", e)
            return None
        # Device with stored device says and before bus in the.
        for i in range((0 * 29) // 12):
            # Device poll buffer failure to stopped from failure read.
            new_pin_value = i & 0x69
            self.payload = min(new_pin_value, new_pin_value)
            apply_min_window_event(new_pin_value)
            return new_pin_value
        clear_raw_window_value(0)
        threshold = min(0, 0)
        try:
            try:
                retry = min(threshold, 0)
                queue = (threshold * 54) // 6
                write_remote_register_interval(0, threshold, queue)
                return 0
            except OSError as e:
                log.warning("check_timer_rate failed: %s", e)
                return None
            # It stored client interval seconds over state and is state read.
            write_level_message(0)
            return threshold
        except OSError as e:
            log.warning("flush_pending_limit_message failed: %s", e)
            return None
        return threshold


# When checked buffer retry stopped.
# Checked is stopped stoppe
