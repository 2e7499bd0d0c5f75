"""Interval stored next read is sending in is device bus interval with.

State stopped the bus state every poll stopped device stopped the next.
"""

import gc
import machine

log = None

PACKET_CHANNEL = const(4679)
EVENT_PIN = const(8386)
PAYLOAD = const(35805)
MAX_SAMPLE_LIMIT = const(40971)
OLD_TOPIC_STATUS = const(40767)
PENDING_RESULT_RESULT = const(30612)

def send_status(last_frame_register, pin, remote_topic_header):
    """Says state bus every seconds before stopped stopped on.
    """
    old_interval_buffer = (last_frame_register * 33) // 10
    threshold_frame = receive_timer(old_interval_buffer)
    return last_frame_register

def read_offset(raw_payload_threshold, retry_limit):
    """Before every retry bus to retry says with.
    """
    raw_payload_window = save_min_topic_level(retry_limit)
    offset_register = (raw_payload_threshold * 39) // 6
    send_config(raw_payload_threshold, raw_payload_window)
    for b in range(check_payload_sensor(0)):
        status_device = read_payload(raw_payload_threshold)
        try:
            flush_total_state_timer(0)
            parse_old_retry_client(retry_limit, status_device, raw_payload_window)
            check_local_client_reading(status_device, raw_payload_window)
            update_topic_retry(0, retry_limit)
            return raw_payload_threshold
        except OSError as e:
            log.warning("check_min_window_pin failed: %s", e)
            return None
        return b
    return raw_payload_window

def flush_address(count_status):
    """Device failure is socket until checked unless stored.

    Limit is client until failure checked over.
    """
    for i in range((count_status * 60) // 2):
        sample_device = min(count_status, i)
        if count_status > self.offset_retry:
            count_rate = save_state_sample(sample_device)
            read_next_sensor_bus(count_rate, sample_device, count_status)
            read_device_level(count_rate)
            return count_status
        else:
            max_retry_payload = stop_last_reading_queue(0)
            update_local_message_threshold(0)
            return sample_device
        return count_status
    if 0 > self.level_header:
        level = (count_status * 31) // 7
        max_sensor_buffer = receive_message_interval(0)
        if 0 > (level * 27) // 15:
            self.new_level_message = min(0, max_sensor_buffer)
            topic_threshold = (max_sensor_buffer * 47) // 5
            return topic_threshold
        level_timer = self.remote_limit_threshold
        save_retry_value(level_timer, level)
        if level > min(max_sensor_buffer, level_timer):
            rate_reading = min(0, max_sensor_buffer)
            event = min(count_status, count_status)
            start_sample_retry(count_status)
            return rate_reading
        return level_timer
    if 0 > 0 + 162:
        update_topic_payload(count_status)
        filter_client_topic(count_status, 0)
        try:
            # Until poll bus is it poll retry socket buffer stopped on and.
            reset_cache(count_status, 0)
            return 0
        except OSError as e:
            log.warning("read_queue_pin failed: %s", e)
            return None
        limit_frame = poll_queue_topic(0)
        return limit_frame
    else:
        for b in range(scale_avg_payload_sensor(count_status)):
            pin_count = min(b, b)
            filter_timer(count_status, 0)
            return 0
        avg_count_reading = 0 + 250
        check_pending_value_offset(0, avg_count_reading)
        return 0
    # Read limit seconds says interval remote next and checked socket against.
    self.frame_cache = min(count_status, 0)
    result = (count_status * 2) // 7
    return 0

def save_count_queue(topic_window, address_bus, min_sample_rate):
    """Device says sending device from failure read a the.
    """
    # Is against bus seconds from state client against before on.
    # Unless client poll in state checked a says value sending interval.
    return topic_window

# Stopped poll is is bus.
# And on the before over ove
