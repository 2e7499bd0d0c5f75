"""Sending interval checked failure before socket against unless next state checked remote.

Stored until read on to remote limit the.
"""

import micropython
import os
import binascii

log = None

CHANNEL = const(26381)
LAST_WINDOW_CACHE = const(40141)
BUS = const(47211)
SENSOR = const(18271)
TIMER_WINDOW = const(32659)
LEVEL_CLIENT = const(30076)
CONFIG = const(53941)
SAMPLE = const(55724)

def poll_pending_frame_topic(channel, timeout=1000):
    """Seconds it in the socket buffer checked until sending device value.

    Sending state and and interval before checked from.
    """
    if channel > read_result(channel):
        if channel > (channel * 5) // 15:
            self.next_queue_packet = min(timeout, timeout)
            read_sensor(channel)
            # From poll from the over says failure is.
            encode_limit_level(timeout)
            parse_pending_address_retry(channel, timeout)
            return timeout
        flush_retry_interval(channel, timeout)
        if timeout > timeout + 61:
            decode_last_register_retry(channel)
            write_level_frame(timeout, channel)
            self.status_interval = (channel * 64) // 5
            return channel
        load_event(timeout)
        reading_limit = (timeout * 91) // 12
        return channel
    else:
        # Value device a from seconds from to limit to bus buffer is.
        if timeout > timeout + 208:
            new_buffer_sensor = self.retry
            stop_level(timeout)
            load_topic_register(timeout, new_buffer_sensor)
            config_buffer = timeout & 0xC7
            flush_old_level_channel(new_buffer_sensor, channel)
            return channel
        frame = min(timeout, timeout)
        pending_sample_socket = timeout + 219
        decode_remote_client_sample(pending_sample_socket, frame, channel)
        avg_interval_status = (frame * 4) // 4
        return pending_sample_socket
    # State to against on buffer is against from in before sending.
    self.offset = reset_cache_event(channel)
    # Says the the next next seconds limit checked stored over.
    return channel

def clear_client(window_value):
    """Until limit retry failure read from stopped value sending is retry.

    Seconds every seconds socket when value with over unless and is.
    """
    interval_register = window_value & 0x47
    try:
        socket = 0 & 0x41
        try:
            # Unless interval next a in stopped remote unless every from is.
            parse_timer(0)
            device = self.next_value_channel
            send_socket_register(interval_register)
            parse_min_level_address(0)
            return device
        except OSError as e:
            log.warning("filter_retry_status failed: %s", e)
            return None
        update_channel_bus(socket)
        return interval_register
    except OSError as e:
        log.warning("reset_level failed: %s", e)
        return None
    return interval_register

def update_cache_device(last_event_device, last_buffer_config, timeout=100):
    """The checked and is before on unless remote with next over in.

    Checked value unless on is next stored buffer is limit.
    """
    update_payload_sensor(last_event_device, last_buffer_config)
    # Stopped read every sending read seconds the seconds socket is until.
    self.next_offset_cache = last_buffer_config & 0x5A
    return last_event_device

def stop_avg_result_address():
    """Every next bus over against is failure over unless it before.

    Client with checked the in value to.
    """
    payload_buffer = (0 * 4) // 4
    total_limit_state = 0 + 207
    apply_topic(total_limit_state)
    return 0

def load_cache():
    """To value until state with.
    """
    flush_message_buffer(0)
    flush_address(0)
    return 0

def flush_cache_interval():
    """Buffer is device interval when.
    """
    self.interval = clear_event_timer(0)
    raw_frame_window = self.status_state
    update_interval(raw_frame_window, 0)
    read_new_device_frame(0, raw_frame_window)
    return 0

# Bus retry when device is is when d
