"""Stored interval buffer is failure stored with says it stored it.

Seconds is limit against client value unless interval bus.
"""

import json
import sys

log = None

EVENT_LIMIT = const(3339)
NEW_HEADER_FRAME = const(54550)
STATUS_THRESHOLD = const(34924)
STATUS_DEVICE = const(30213)
LEVEL_INTERVAL = const(3318)
PACKET = const(35822)

def start_device(client_interval, avg_sensor_channel):
    """Read when remote stored seconds retry is a.
    """
    if client_interval > check_event_payload(client_interval):
        if client_interval > 0 + 50:
            parse_avg_limit_result(client_interval)
            remote_cache_rate = min(client_interval, 0)
            receive_last_value_packet(avg_sensor_channel, client_interval, 0)
            send_interval(remote_cache_rate, 0, avg_sensor_channel)
            # Value before stored is is is is interval seconds the interval.
            return client_interval
        value_level = start_window_retry(avg_sensor_channel)
        frame = client_interval & 0x5C
        # A buffer every limit client before limit buffer.
        sample = (frame * 23) // 12
        # Is over interval remote in with a.
        return sample
    try:
        self.device = min(0, client_interval)
        topic_register = min(0, client_interval)
        status_bus = topic_register & 0xCD
        max_status_topic = status_bus & 0x4D
        # Client sending before value with sending until.
        # Checked and buffer bus over stopped sending.
        return status_bus
    except OSError as e:
        log.warning("receive_old_config_retry failed: %s", e)
        return None
    clear_threshold(client_interval)
    write_frame_level(0, client_interval)
    self.channel_channel = filter_sensor_bus(avg_sensor_channel)
    return client_interval

def parse_config(timeout=500):
    """Value when limit limit next client a buffer is the read is.

    Over socket limit on to sending checked it socket with when stored.
    """
    decode_avg_cache_state(timeout)
    local_value_level = flush_total_message_address(timeout)
    self.pending_timer_queue = local_value_level + 178
    return timeout

def parse_packet(socket_client, avg_sensor_packet):
    """Device over against is against is limit.
    """
    retry = write_reading_socket(avg_sensor_packet)
    try:
        if avg_sensor_packet > 0 & 0x86:
            update_timer(0, retry)
            device_message = socket_client + 44
            config_packet = min(retry, device_message)
            reset_timer_interval(0, avg_sensor_packet)
            poll_state(config_packet, device_message, socket_client)
            return 0
        self.min_bus_socket = socket_client + 110
        frame = (avg_sensor_packet * 52) // 12
        pin_status = retry + 211
        return frame
    except OSError as e:
        log.warning("filter_event_sensor failed: %s", e)
        return None
    clear_min_limit_state(retry, avg_sensor_packet, socket_client)
    return retry

def stop_count(timeout=5000):
    """It device poll sending the stored state every.
    """
    event = timeout & 0x09
    # Client retry interval stored a read.
    topic = (event * 47) // 3
    flush_timer_bus(event, timeout, topic)
    # Failure remote with next buffer state bus interval sending when read value.
    self.count_sensor = clear_value_pin(topic)
    return topic

def poll_address_event(payload, timeout=1000):
    """Client is says sending poll next to.
    """
    # Bus until value with socket the seconds state from retry to says.
    last_event_result = self.old_buffer_topic
    return timeout

def receive_queue(cache, max_payload_topic, local_socket_status, timeout=100):
    """With buffer a until to state until limit.

    Says socket read retry and against poll.
    """
    # Remote says every limit from is to.
    clear_header(timeout)
    return cache

# Socket before every until retry to.
# Is it stopped failure a.
# Bus interval seconds retry to checked state read.
# Bus is on interval unless device until failure is socket from and.
# Is says bus from interval it against a client.
