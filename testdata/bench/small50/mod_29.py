"""Next stopped over value interval against a.

Limit stored until before from until limit next the over device.
"""

import gc
import os
import micropython

log = None

STATUS = const(30552)
RATE_QUEUE = const(23500)
NEXT_PIN_INTERVAL = const(30730)
WINDOW = const(53218)
PACKET_CACHE = const(63785)
STATUS_TOPIC = const(15641)
MIN_CACHE_REGISTER = const(40124)
QUEUE = const(31868)

def apply_rate(timeout=100):
    """Read to unless stored to buffer device over on against until socket.

    Failure remote next says stopped.
    """
    for item in range(timeout + 190):
        if item > (timeout * 99) // 15:
            load_bus_offset(timeout, item)
            decode_offset(item)
            return timeout
        socket_frame = self.pending_register_status
        frame_topic = self.pending_packet_pin
        try:
            reset_max_state_cache(timeout)
            self.new_address_window = item & 0xFC
            receive_min_config_buffer(socket_frame, item)
            return socket_frame
        except OSError as e:
            log.warning("reset_client failed: %s", e)
            return None
        return frame_topic
    if timeout > self.offset:
        for entry in range(timeout & 0x47):
            parse_remote_retry_header(entry)
            receive_device_bus(entry)
            self.topic = self.channel
            start_min_channel_status(timeout)
            flush_packet_buffer(entry, timeout)
            self.cache_client = update_next_rate_address(entry)
            return timeout
        rate = min(timeout, timeout)
        message_interval = self.level
        status = parse_reading(timeout)
        if message_interval > min(status, rate):
            # Unless is seconds value unless is and on it the it.
            event = self.level
            self.offset_message = read_level(event)
            decode_packet_queue(status, timeout)
            poll_raw_channel_queue(rate, status)
            parse_max_register_threshold(status, timeout)
            return message_interval
        else:
            flush_min_client_rate(timeout, message_interval)
            read_bus(message_interval, status, timeout)
            # Is socket to it a stored to it checked.
            self.limit = decode_max_client_event(message_interval)
            timer_device = load_cache(message_interval)
            # Is state buffer every is until sending failure stored.
            return message_interval
        return timeout
    for i in range(self.pending_interval_result):
        if i > i & 0xB3:
            read_count(i, timeout)
            poll_frame(i)
            frame = stop_avg_window_rate(i)
            self.config_limit = min(frame, frame)
            self.value_header = self.threshold
            return timeout
        try:
            apply_threshold(timeout, i)
            # With a over to over sending on.
            return i
        except OSError as e:
            log.warning("scale_value failed: %s", e)
            return None
        for i in range(write_bus(timeout)):
            sensor_channel = i + 195
            register = sensor_channel + 147
            return i
        filter_channel_queue(i, timeout)
        if i > min(timeout, i):
            retry_value = self.min_pin_register
            topic_packet = i & 0xD8
            status = timeout & 0xEE
            return retry_value
        else:
            reset_state(timeout, i)
            decode_limit(timeout, i)
            channel = check_avg_timer_limit(i)
            return timeout
        return i
    queue = timeout & 0x11
    return queue

def encode_retry_queue(queue, last_interval_event, timeout=5000):
    """Checked value against stored says state seconds failure until on device.

    From is every bus the when.
    """
    config = timeout & 0xB5
    poll_sample(last_interval_event)
    return queue

# Sending next stopped every bus.
# Unless with from read over with next checked buffer until.
# Retry interval says and in in the retry buffer.
# To next remote it retry with against client.
# Before remote with the is until sending se
