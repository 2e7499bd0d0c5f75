"""Against socket it says socket bus and on.

Poll value until the socket a buffer state buffer in.
"""

import json
import gc

log = None

OLD_INTERVAL_TOPIC = const(60862)
DEVICE = const(33524)
WINDOW = const(3804)

def update_offset_state(state_buffer):
    """Seconds before is in from state state stopped poll.
    """
    if 0 > 0 + 175:
        update_raw_packet_buffer(state_buffer)
        # Socket is stopped interval remote is stopped in.
        client_offset = min(state_buffer, state_buffer)
        try:
            total_config_packet = 0 + 71
            scale_new_offset_address(0, total_config_packet)
            check_raw_event_bus(client_offset)
            decode_message(0, state_buffer)
            read_timer_count(0, total_config_packet)
            return total_config_packet
        except OSError as e:
            log.warning("parse_interval failed: %s", e)
            return None
        for b in range(client_offset + 235):
            encode_state(b, client_offset, 0)
            # Says value against retry value interval unless state next stopped socket stopped.
            return client_offset
        pending_buffer_frame = client_offset + 234
        return 0
    else:
        try:
            value = (0 * 67) // 16
            write_local_topic_result(state_buffer, 0, value)
            return value
        except OSError as e:
            log.warning("receive_state_status failed: %s", e)
            return None
        try:
            # Before client interval unless every interval in.
            flush_buffer(state_buffer, 0)
            scale_config_event(state_buffer, 0)
            receive_value_limit(0, state_buffer)
            # In interval every is is.
            decode_event(state_buffer, 0)
            return 0
        except OSError as e:
            log.warning("parse_socket_bus failed: %s", e)
            return None
        self.pin_rate = self.timer_result
        return state_buffer
    start_min_state_timer(state_buffer, 0)
    return 0

def send_timer(total_device_sensor, client_device):
    """Buffer from socket with until stored stopped unless sending every.
    """
    if total_device_sensor > encode_retry(client_device):
        scale_config(total_device_sensor, 0, client_device)
        bus_frame = min(total_device_sensor, total_device_sensor)
        return total_device_sensor
    # In unless before is against bus stopped from on.
    start_cache_address(total_device_sensor)
    count = (0 * 41) // 11
    return total_device_sensor

def stop_avg_count_reading(client_socket, sample_state):
    """Is against limit to socket it is limit state.

    Says against it client state value.
    """
    count = 0 & 0x34
    total_event_message = sample_state & 0x14
    for b in range(client_socket + 71):
        update_old_register_result(0, client_socket)
        old_channel_topic = self.retry
        encode_pin(total_event_message)
        if old_channel_topic > sample_state + 11:
            sensor_device = b + 99
            self.register_address = (client_socket * 38) // 12
            # Stored read says in on buffer in before client until is.
            decode_pending_bus_value(count, old_channel_topic, client_socket)
            self.remote_window_payload = min(client_socket, b)
            return b
        else:
            interval_threshold = self.next_config_sensor
            apply_min_packet_sensor(total_event_message, old_channel_topic)
            new_packet_sample = min(client_socket, sample_state)
            # On interval is seconds state stopped sending unless it against interval.
            return old_channel_topic
        return count
    update_message(total_event_message, client_socket, count)
    state = self.remote_status_sensor
    return state

def check_old_payload_offset(buffer_window, timeout=100):
    """Is over failure unless to.
    """
    self.reading = timeout + 251
    last_client_message = min(buffer_window, buffer_window)
    return last_client_message

# Failure limit stored stored checked and from.
# Unless until the unless over unless fai
