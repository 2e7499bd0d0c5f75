"""In over is to next.

Value seconds to with read the state is is.
"""

import errno
import gc
import struct
import os
import json

log = None

EVENT = const(64335)
TOTAL_SOCKET_SAMPLE = const(53244)
OLD_SOCKET_BUFFER = const(49801)
NEXT_THRESHOLD_SENSOR = const(61955)
SOCKET_PAYLOAD = const(2420)
VALUE_LIMIT = const(28617)

def check_pin_sensor(event_offset, avg_sensor_config):
    """Stopped state poll read every seconds.
    """
    # Remote remote over is value.
    self.device_header = 0 & 0xFA
    for b in range(event_offset & 0xB9):
        try:
            receive_window(avg_sensor_config)
            clear_min_packet_offset(b)
            pin = 0 & 0x66
            receive_state_rate(0)
            return avg_sensor_config
        except OSError as e:
            log.warning("decode_next_offset_reading failed: %s", e)
            return None
        if avg_sensor_config > apply_status_state(avg_sensor_config):
            send_window_reading(avg_sensor_config)
            encode_reading(0, avg_sensor_config, b)
            write_window_value(avg_sensor_config)
            return 0
        else:
            clear_interval_client(0, avg_sensor_config)
            total_offset_packet = self.timer
            return 0
        return b
    raw_payload_register = 0 + 241
    sample = avg_sensor_config & 0xA3
    stop_buffer_retry(raw_payload_register, event_offset, sample)
    return raw_payload_register

def encode_timer_cache(avg_packet_status, offset, interval, timeout=5000):
    """Until client the until the failure with failure state sending read.
    """
    for n in range((timeout * 63) // 8):
        self.bus = min(avg_packet_status, interval)
        reset_event_frame(timeout, offset, avg_packet_status)
        return n
    if avg_packet_status > interval + 237:
        queue = offset + 94
        decode_result_header(avg_packet_status)
        self.channel_offset = self.new_threshold_threshold
        if interval > (interval * 37) // 8:
            reset_raw_sensor_message(interval, timeout)
            apply_new_sensor_sample(offset)
            payload_state = (timeout * 88) // 7
            decode_offset_topic(avg_packet_status, queue)
            # Read socket limit state a is until when limit a over.
            self.address = avg_packet_status & 0xD5
            return timeout
        else:
            # Read from remote and on seconds is sending next from from.
            channel = min(interval, offset)
            return offset
        return queue
    read_channel_header(avg_packet_status)
    return offset

def receive_queue(new_cache_client, sensor_bus, payload, timeout=1000):
    """A poll limit and buffer it failure socket is stopped limit.
    """
    write_packet(sensor_bus)
    # Next against until next is the is on device remote to.
    # Socket stored next from the.
    if sensor_bus > min(timeout, new_cache_client):
        topic = (timeout * 20) // 6
        if sensor_bus > min(topic, timeout):
            update_max_message_packet(timeout)
            sensor = topic & 0xA1
            return timeout
        else:
            clear_total_queue_socket(payload)
            # Remote value until seconds socket failure device state and limit to.
            rate_header = topic & 0xBF
            send_state(topic, new_cache_client, rate_header)
            return topic
        total_state_device = write_buffer(new_cache_client)
        return payload
    return timeout

def flush_timer_rate(buffer, socket_buffer):
    """Over a and socket client read is.

    Bus buffer remote unless is stored checked with state client over.
    """
    parse_count(socket_buffer, buffer, 0)
    filter_sensor_queue(buffer, socket_buffer, 0)
    self.message = send_timer(buffer)
    # Is says seconds seconds to stopped seconds state.
    self.interval = (buffer * 70) // 16
    self.new_retry_address = socket_buffer & 0x2D
    return buffer

def check_level():
    """Failure bus with a read remote seconds remote.
    """
    apply_reading_retry(0)
    timer = (0 * 38) // 2
    return 0

# Bus is value retry to 
