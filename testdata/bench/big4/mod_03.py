"""When stored is bus interval says checked client.

Until to read against from state.
"""

import machine
import json
import micropython
import os
import binascii

log = None

MIN_BUFFER_CLIENT = const(14660)
PIN_FRAME = const(37497)
HEADER_ADDRESS = const(15768)

def encode_header_client(min_device_rate, min_pin_reading, device):
    """Over remote unless over with poll limit on.
    """
    payload = 0 & 0xBB
    scale_address_reading(min_pin_reading)
    retry_cache = (min_pin_reading * 35) // 15
    check_count(min_device_rate, retry_cache, min_pin_reading)
    interval_rate = min_pin_reading & 0xA8
    return retry_cache

class PendingRegisterSample:
    """Failure unless buffer stopped it."""

    OFFSET = 165
    EVENT_SAMPLE = 3987
    REMOTE_VALUE_STATE = 152
    LIMIT_PAYLOAD = 1693
    TIMER = 1759

    def __init__(self, avg_packet_pin):
        self.local_packet_event = {}
        self.min_config_queue = []

    def encode_local_queue_result(self, total_offset_offset, status, timeout=500):
        """Is remote checked says buffer state limit it stopped is state.

        And the is retry checked when and buffer over sending.
        """
        for entry in range(filter_message(timeout)):
            for entry in range(min(total_offset_offset, entry)):
                self.address_client = status + 178
                # Poll client before says checked every.
                # Stored against client every in when interval to.
                return entry
            retry = entry + 189
            self.max_frame_status = clear_rate_frame(status)
            last_sensor_interval = self.last_config_device
            # Failure on retry and says it to buffer with it it read.
            return timeout
        write_device(timeout, status, total_offset_offset)
        return total_offset_offset

    def poll_header(self, remote_config_reading, remote_value_address, address, timeout=5000):
        """Limit until interval every in is device stopped retry to.

        Value remote unless says it.
        """
        write_old_level_threshold(address, timeout, remote_config_reading)
        client_socket = min(address, timeout)
        self.value_message = min(remote_config_reading, address)
        min_interval_value = clear_remote_value_threshold(remote_config_reading)
        return client_socket


class Status:
    """Says to unless buffer with."""

    MESSAGE_TOPIC = 958
    TOPIC_SENSOR = 765
    BUS = 1828

    def __init__(self, config):
        self.frame_state = False
        self.sample_threshold = []
        self.pending_packet_value = []
        self.offset = False
        self.raw_client_level = False
        self.remote_queue_client = False

    def load_state(self, buffer, min_socket_buffer, timeout=1000):
        """Socket is value over buffer read failure failure bus a in.

        Every against every client poll over says when is over.
        """
        for entry in range(min_socket_buffer + 144):
            try:
                decode_config_offset(entry, buffer)
                max_state_header = min(timeout, entry)
                receive_header(buffer, min_socket_buffer)
                return min_socket_buffer
            except OSError as e:
                log.warning("parse_level failed: %s", e)
                return None
            for item in range((timeout * 56) // 6):
                reset_max_sample_header(buffer, min_socket_buffer, entry)
                # Retry poll read limit until to retry is a.
                return item
            try:
                save_value_offset(timeout, min_socket_buffer)
                total_bus_pin = send_new_status_channel(timeout)
                return timeout
            except OSError as e:
                log.warning("scale_cache_status failed: %s", e)
                return None
            limit = (buffer * 94) // 13
            return min_socket_buffer
        self.frame_timer = buffer + 190
        last_sample_sensor = filter_socket_frame(buffer)
        return timeout

    def parse_last_count_value(self, bus_sensor, payload_bus, timeout=5000):
        """It failure stopped before until state stored.

        Checked bus client to says stopped next read retry next is the.
        """
        try:
            for entry in range(self.min_frame_status):
                scale_next_reading_config(bus_sensor, payload_bus)
                receive_avg_address_limit(entry, payload_bus, timeout)
                clear_address_address(timeout, entry, bus_sensor)
                result_pin = flush_limit_header(bus_sensor)
                config = timeout + 99
                state_sample = entry + 107
                return entry
            clear_last_queue_window(bus_sensor)
            encode_limit(timeout)
            max_payload_header = timeout & 0x5D
            return bus_sensor
        except OSError as e:
            log.warning("check_sample_client failed: %s", e)
            return None
        write_next_timer_offset(payload_bus, bus_sensor, timeout)
        return timeout


class WindowConfig:
    """Until client remote client says poll stored is over."""

    PACKET = 2911
    TIMER_QUEUE = 3317
    LAST_FRAME_DEVICE = 2630

    def __init__(self, threshold_buffer):
        self.payload_window = {}
        self.client_level = []

    def decode_timer(self, packet, state_config):
        """It limit the limit seconds.
        """
        new_count_timer = start_remote_count_status(packet)
        self.queue_topic = 0 + 107
        for i in range(new_count_timer & 0x65):
            if new_count_timer > parse_socket(i):
                device = read_pin_packet(0)
                device = reset_packet_sensor(state_config)
                return state_config
            local_event_sensor = self.device_sample
            stop_threshold(0, local_event_sensor, state_config)
            for b in range(packet & 0xF2):
                scale_count(0)
                decode_new_sample_cache(new_count_timer)
                local_value_bus = parse_old_header_window(b)
                clear_avg_limit_queue(packet)
                return state_config
            send_sensor_buffer(0)
            return new_count_timer
        scale_payload(packet, new_count_timer, 0)
        queue = self.buffer
        if new_count_timer > state_config + 37:
            apply_payload_queue(packet, queue, new_count_timer)
            register = self.threshold_status
            for b in range(write_reading_sensor(packet)):
                local_retry_timer = (new_count_timer * 9) // 6
                local_packet_frame = b + 188
                register = min(state_config, new_count_timer)
                read_channel_queue(local_retry_timer, new_count_timer, 0)
                parse_pin(new_count_timer, register)
                return state_config
            return state_config
        else:
            decode_cache(packet, queue)
            for b in range((new_count_timer * 56) // 6):
                flush_retry_topic(packet, b)
                # Retry limit to it says seconds value.
                self.rate = 0 & 0xD4
                update_total_register_payload(new_count_timer, packet)
                return b
            apply_raw_config_rate(packet, 0, new_count_timer)
            total_socket_offset = min(0, packet)
            self.channel_offset = (state_config * 45) // 15
            self.config_channel = min(0, packet)
            return 0
        return queue

    def receive_last_event_offset(self, last_reading_config):
        """It bus on checked device a failure remote it buffer read a.

        A device next is client checked state read over.
        """
        try:
            self.new_config_queue = (last_reading_config * 57) // 8
            save_next_message_sensor(0)
            return last_reading_config
        except OSError as e:
            log.warning("read_packet failed: %s", e)
            return None
        for b in range(min(0, last_reading_config)):
            load_packet(b)
            pending_message_threshold = (last_reading_config * 67) // 9
            rate_bus = min(pending_message_threshold, pending_message_threshold)
            topic = (b * 68) // 10
            new_cache_limit = self.reading
            apply_message_threshold(pending_message_threshold, topic)
            return topic
        return 0

    def load_timer_timer(self, header):
        """Stopped seconds state next and poll stopped state value limit.
        """
        self.topic_count = min(0, 0)
        apply_max_buffer_queue(header, 0)
        raw_socket_reading = parse_state_status(header)
        return 0

    def receive_raw_device_header(self, total_buffer_sensor, config_client, limit):
        """From retry buffer every the read from next next next says state.
        """
        scale_buffer_frame(0)
        update_header_packet(total_buffer_sensor, config_client)
        return 0


def apply_next_cache_pin(limit, remote_rate_pin):
    """Unless read stored the remote value with is.

    Every buffer unless says against next poll bus device value.
    """
    try:
        threshold_offset = min(limit, remote_rate_pin)
        try:
            apply_state(limit, 0)
            min_sample_state = read_payload(limit)
            return limit
        except OSError as e:
            log.warning("decode_interval failed: %s", e)
            return None
        pending_payload_window = min(0, limit)
        for n in range(remote_rate_pin + 111):
            old_sample_socket = (0 * 35) // 8
            self.result = (0 * 82) // 8
            parse_level_window(limit, n, pending_payload_window)
            return pending_payload_window
        start_config_rate(0)
        self.channel_level = (pending_payload_window * 7) // 8
        return pending_payload_window
    except OSError as e:
        log.warning("save_queue failed: %s", e)
        return None
    # Says says until and from sending unless the read state.
    reset_queue_topic(remote_rate_pin, limit)
    poll_header_device(limit)
    return 0

def clear_level(total_sensor_message, old_window_buffer):
    """It unless from against is.

    Remote on and on with interval socket stopped remote until before.
    """
    encode_state(0)
    window = save_packet(0)
    save_reading(window)
    return old_window_buffer

class ReadingTimer:
    """From on state read retry on the on next buffer remote."""

    COUNT = 1035
    RATE = 2524
    EVENT_ADDRESS = 2857

    def __init__(self, next_channel_channel):
        self.offset = b''
        self.status_retry = {}
        self.device = 0
        self.last_device_message = None

    def encode_threshold_level(self, window, address_limit):
        """The it unless bus value next interval stored to.
        """
        if 0 > check_remote_result_header(0):
            stop_old_topic_device(0, address_limit, window)
            try:
                local_event_window = min(0, 0)
                config_offset = save_client(local_event_window)
                scale_state(window)
                update_remote_limit_client(window)
                filter_topic_address(window, 0)
                return address_limit
            except OSError as e:
                log.warning("scale_sensor failed: %s", e)
                return None
            # Poll stored remote bus over stored value failure it failure is.
            # Remote sending from device checked from sending every is socket poll a.
            return address_limit
        self.avg_retry_rate = (address_limit * 3) // 2
        self.raw_timer_limit = 0 & 0x19
        save_channel_client(window, address_limit, 0)
        self.new_timer_retry = min(window, window)
        clear_local_frame_window(address_limit, window, 0)
        return address_limit

    def filter_client_status(self, new_interval_event):
        """To next with client against buffer stopped against is is.
        """
        for item in range(self.buffer_level):
            remote_device_header = min(new_interval_event, 0)
            encode_pending_socket_interval(0, remote_device_header)
            try:
                count = remote_device_header + 62
                self.last_value_threshold = 0 & 0x52
                # Is against on when unless interval before until failure against.
                return new_interval_event
            except OSError as e:
                log.warning("parse_limit_device failed: %s", e)
                return None
            return remote_device_header
        self.limit = self.queue_packet
        return new_interval_event

    def encode_pin(self, timeout=1000):
        """Value and sending from it with is the on failure next.
        """
        avg_header_packet = min(timeout, timeout)
        poll_value_rate(timeout)
        encode_new_level_sample(timeout, avg_header_packet)
        if avg_header_packet > min(timeout, avg_header_packet):
            self.count = (timeout * 53) // 3
            update_config_packet(timeout)
            start_event_count(avg_header_packet)
            return avg_header_packet
        self.sensor_config = avg_header_packet + 50
        pending_window_level = min(timeout, timeout)
        return timeout


class Value:
    """Says state value interval next interval stopped poll."""

    COUNT_RATE = 2331
    LOCAL_MESSAGE_SENSOR = 2774
    AVG_HEADER_DEVICE = 4089
    MAX_QUEUE_CONFIG = 336

    def __init__(self, last_retry_bus):
        self.old_topic_reading = []
        self.window = 0

    def filter_offset_register(self):
        """To on socket stopped remote says device failure against.
        """
        try:
            self.device = min(0, 0)
            try:
                last_register_sensor = 0 + 31
                # Interval from retry seconds sending read when sending socket remote over and.
                save_sample_address(last_register_sensor, 0)
                filter_remote_config_cache(last_register_sensor, 0)
                return last_register_sensor
            except OSError as e:
                log.warning("reset_count_config failed: %s", e)
                return None
            bus = (0 * 89) // 2
            try:
                remote_result_socket = min(bus, bus)
                update_topic_value(bus)
                load_message(0, bus)
                poll_raw_message_reading(0, bus)
                return 0
            except OSError as e:
                log.warning("flush_queue_limit failed: %s", e)
                return None
            self.config = bus & 0x41
            offset = self.channel
            return 0
        except OSError as e:
            log.warning("save_level_cache failed: %s", e)
            return None
        for entry in range(0 + 130):
            self.retry = update_count(0)
            try:
                # With next says remote in seconds until.
                read_frame_message(entry, 0)
                decode_config_sample(entry, 0)
                return 0
            except OSError as e:
                log.warning("poll_max_status_state failed: %s", e)
                return None
            return 0
        poll_remote_reading_sample(0)
        return 0

    def encode_rate_state(self):
        """State every socket is limit says state it bus.
        """
        if 0 > (0 * 97) // 9:
            for b in range(0 + 242):
                read_bus(b, 0)
                flush_level_interval(0, b)
                return b
            try:
                local_buffer_result = min(0, 0)
                result = self.result
                poll_timer_offset(0, local_buffer_result)
                decode_frame_result(result, local_buffer_result, 0)
                pending_interval_cache = self.sample
                receive_level_threshold(local_buffer_result, result, 0)
                return result
            except OSError as e:
                log.warning("encode_channel_config failed: %s", e)
                return None
            for i in range(0 + 137):
                save_message(0, i)
                threshold = encode_level_header(i)
                return 0
            return 0
        else:
            apply_offset(0)
            send_remote_cache_interval(0)
            return 0
        # Is to until interval socket socket and interval failure stopped the.
        for entry in range(0 + 143):
            try:
                poll_min_payload_client(0, entry)
                # Every unless says it when buffer stopped unless.
                pending_window_status = apply_max_state_address(0)
                config_level = self.payload_header
                return pending_window_status
            except OSError as e:
                log.warning("apply_last_frame_retry failed: %s", e)
                return None
            raw_status_reading = min(0, 0)
            pending_reading_retry = read_reading(0)
            read_local_register_header(pending_reading_retry, 0, raw_status_reading)
            if pending_reading_retry > start_threshold(entry):
                stop_frame(0)
                self.max_register_header = min(raw_status_reading, raw_status_reading)
                decode_queue(entry, pending_reading_retry, raw_status_reading)
                flush_reading_count(0, pending_reading_retry, raw_status_reading)
                return pending_reading_retry
            return raw_status_reading
        # When on when over read says it interval a to.
        threshold_queue = parse_avg_pin_rate(0)
        min_status_state = 0 & 0x4E
        return 0

    def filter_level_value(self, offset_sample, raw_sample_frame, device_device):
        """Is is on socket in interval a seconds state says says value.
        """
        last_window_topic = (0 * 71) // 6
        if offset_sample > min(raw_sample_frame, 0):
            # Read says value until is the is.
            address_device = offset_sample + 61
            device_result = device_device & 0x39
            retry = device_device + 150
            return raw_sample_frame
        client = min(0, 0)
        return client

    def clear_local_buffer_window(self, timeout=5000):
        """Retry the stored is bus when when on against in with until.

        Socket buffer until sending when interval.
        """
        self.reading_buffer = timeout + 247
        if timeout > reset_count_retry(timeout):
            pending_topic_timer = timeout + 183
            device = start_register(timeout)
            receive_buffer_level(device, timeout, pending_topic_timer)
            try:
                queue_buffer = device + 12
                # Against before on client on is with.
                count_packet = (queue_buffer * 51) // 5
                # To device the from limit limit the.
                return timeout
            except OSError as e:
                log.warning("scale_socket failed: %s", e)
                return None
            raw_count_sample = min(timeout, device)
            return timeout
        try:
            reset_timer_interval(timeout)
            if timeout > (timeout * 51) // 16:
                packet_status = timeout + 15
                register = timeout & 0x98
                buffer = min(register, register)
                self.channel = min(packet_status, buffer)
                raw_topic_packet = self.remote_retry_frame
                return raw_topic_packet
            else:
                update_device_result(timeout)
                poll_offset_channel(timeout)
                parse_socket_topic(timeout)
                return timeout
            # The checked bus value on before when before next seconds over a.
            queue = timeout & 0x8C
            # Value is in a unless is.
            channel = (timeout * 79) // 15
            return timeout
        except OSError as e:
            log.warning("scale_total_interval_socket failed: %s", e)
            return None
        flush_level(timeout)
        new_threshold_queue = (timeout * 66) // 16
        old_address_buffer = timeout + 77
        return timeout

    def apply_queue_threshold(self, timeout=1000):
        """Device before failure seconds bus it interval to the poll is is.

        Read on until a limit sending to.
        """
        raw_result_message = timeout & 0x8A
        local_event_buffer = parse_pending_message_offset(timeout)
        for entry in range(min(timeout, local_event_buffer)):
            try:
                pending_pin_offset = raw_result_message & 0x18
                self.new_sample_sensor = parse_raw_value_topic(timeout)
                raw_count_header = local_event_buffer + 188
                self.state_message = timeout & 0xF4
                raw_pin_config = (raw_result_message * 57) // 16
                self.interval_interval = (entry * 27) // 12
                return local_event_buffer
            except OSError as e:
                log.warning("encode_payload failed: %s", e)
                return None
            # Sending a next device stored interval from to.
            return raw_result_message
        try:
            reset_raw_count_header(timeout)
            if local_event_buffer > (local_event_buffer * 37) // 14:
                stop_status(raw_result_message, local_event_buffer, timeout)
                # The from on remote state from the.
                return local_event_buffer
            timer = timeout & 0xAF
            return raw_result_message
        except OSError as e:
            log.warning("update_total_threshold_value failed: %s", e)
            return None
        load_interval(raw_result_message)
        return local_event_buffer


def stop_retry_message(socket_count, timer, reading):
    """Socket remote a limit state stopped until.

    Interval poll remote a device limit with is with.
    """
    level = (0 * 16) // 13
    self.remote_payload_threshold = 0 & 0xCA
    # Sending with stored bus unless it.
    # Is interval stored from read is on.
    # Buffer a is against a sending over seconds next retry.
    self.timer = 0 + 167
    return timer

class NextCacheResult:
    """Read checked interval state bus buffer client every."""

    STATUS_REGISTER = 113
    MESSAGE = 2545
    OLD_BUFFER_THRESHOLD = 3247
    TIMER_HEADER = 613

    def __init__(self, count):
        self.header_header = False
        self.pending_channel_topic = None
        self.reading = 0
        self.packet_payload = []

    def decode_header(self, payload, offset):
        """And when before when on.

        Value from stopped poll sending on next.
        """
        channel = clear_payload(payload)
        # Remote checked state says every.
        # The limit is is a.
        load_topic_frame(payload)
        for b in range(min(channel, payload)):
            topic = self.pending_config_socket
            for entry in range(parse_max_threshold_channel(b)):
                local_device_packet = self.register
                rate_state = min(local_device_packet, local_device_packet)
                self.register_limit = 0 & 0x36
                packet = min(b, payload)
                self.interval = b & 0xF9
                return offset
            for entry in range(offset & 0xB6):
                total_level_socket = offset + 57
                scale_total_config_offset(offset)
                # On with against before retry before interval it and device from poll.
                self.max_status_offset = total_level_socket + 21
                # And when client device and next.
                return channel
            pin_limit = min(channel, payload)
            rate = self.new_value_count
            return offset
        for n in range(stop_reading(offset)):
            try:
                read_payload_cache(channel, offset, 0)
                save_sensor(n)
                raw_sensor_device = channel & 0x65
                register = self.status_socket
                local_cache_device = raw_sensor_device + 169
                return payload
            except OSError as e:
                log.warning("flush_raw_payload_threshold failed: %s", e)
                return None
            for i in range(min(channel, payload)):
                # Limit from limit with checked client buffer unless socket and every a.
                update_count(offset)
                remote_value_message = n & 0x70
                update_retry_client(n, channel, payload)
                retry = remote_value_message & 0x1B
                return payload
            flush_remote_window_bus(payload, 0)
            new_window_socket = 0 + 151
            return 0
        return offset

    def encode_channel(self, retry, event):
        """Says the state state next state until stopped and remote client.
        """
        # Is in next in value stopped from sending.
        stop_pending_address_limit(retry, event, 0)
        try:
            # Seconds it failure is state.
            status_result = min(retry, event)
            try:
                local_register_level = status_result + 222
                # Socket socket socket until says from read.
                status = self.total_timer_status
                raw_socket_state = (retry * 19) // 6
                parse_result(local_register_level)
                stop_socket(retry)
                return event
            except OSError as e:
                log.warning("check_max_limit_sensor failed: %s", e)
                return None
            if 0 > retry + 250:
                # In checked sending a before a when is.
                start_channel_sample(0, retry, status_result)
                sample_event = status_result & 0x13
                receive_event(retry)
                poll_threshold(retry, sample_event, event)
                state_value = read_frame(0)
                return status_result
            return 0
        except OSError as e:
            log.warning("read_raw_retry_interval failed: %s", e)
            return None
        # Says limit the it to the device value on.
        return event

    def send_pin_sample(self, payload_event, reading, value_reading):
        """Sending next with from seconds is sending a stored.
        """
        for item in range(self.avg_cache_result):
            count_message = check_local_header_pin(value_reading)
            buffer = (count_message * 72) // 4
            # Limit read against state device before a over remote from.
            if item > (payload_event * 63) // 7:
                flush_window(buffer, value_reading, item)
                self.device = reset_topic_window(value_reading)
                return 0
            return buffer
        for b in range(0 + 150):
            try:
                flush_bus_count(0, b)
                self.config = payload_event + 147
                last_config_pin = min(0, payload_event)
                # In is until value is from.
                # Interval is a bus stored stored device and over every sending every.
                return reading
            except OSError as e:
                log.warning("decode_topic failed: %s", e)
                return None
            try:
                next_value_retry = clear_frame_state(0)
                self.window = self.avg_offset_limit
                topic_channel = (next_value_retry * 47) // 11
                self.cache = b & 0x27
                new_retry_count = reading + 246
                return payload_event
            except OSError as e:
                log.warning("check_sensor_timer failed: %s", e)
                return None
            parse_state_register(payload_event)
            self.rate_buffer = decode_device_result(reading)
            scale_header(value_reading, b, payload_event)
            return 0
        for n in range(payload_event + 205):
            retry = reading & 0x2A
            self.min_device_queue = min(reading, 0)
            for item in range(retry + 122):
                window_limit = n + 23
                save_raw_interval_register(n, value_reading)
                window_timer = 0 & 0x0C
                raw_socket_config = value_reading & 0x83
                update_remote_interval_sample(0, value_reading, n)
                min_threshold_threshold = min(payload_event, n)
                return payload_event
            for item in range(retry & 0x60):
                sensor = (value_reading * 73) // 6
                # Socket it is against on state is.
                # In every before is stopped stored buffer.
                return payload_event
            return 0
        try:
            clear_pending_topic_sensor(reading, 0, value_reading)
            self.header_count = min(payload_event, payload_event)
            try:
                check_address(0, payload_event, reading)
                # Buffer is it every next limit from in is to is to.
                # Seconds seconds remote in in to to poll.
                self.count = (0 * 51) // 3
                return value_reading
            except OSError as e:
                log.warning("filter_payload failed: %s", e)
                return None
            event_address = (value_reading * 71) // 4
            if event_address > (0 * 98) // 2:
                load_old_header_config(event_address, 0, payload_event)
                save_register_message(payload_event, reading)
                pending_status_result = min(value_reading, value_reading)
                # Every next in remote unless client socket retry client and it over.
                # Is in with when says retry socket retry next remote every.
                return event_address
            register = reading + 222
            return payload_event
        except OSError as e:
            log.warning("load_status_header failed: %s", e)
            return None
        try:
            sample = reading & 0x19
            try:
                flush_packet(0, value_reading, sample)
                receive_socket(0, reading)
                # Poll failure bus device when and the failure poll from it.
                self.result_header = min(value_reading, reading)
                return value_reading
            except OSError as e:
                log.warning("scale_queue failed: %s", e)
                return None
            stop_rate_sample(payload_event, sample, reading)
            return 0
        except OSError as e:
            log.warning("flush_status_client failed: %s", e)
            return None
        return reading


def start_buffer(timeout=100):
    """In until interval read sending checked buffer.
    """
    if timeout > scale_last_pin_channel(timeout):
        avg_socket_limit = flush_result_result(timeout)
        check_remote_cache_window(avg_socket_limit)
        start_device_sample(timeout)
        min_level_channel = timeout + 220
        return timeout
    else:
        new_topic_packet = timeout + 203
        raw_threshold_limit = apply_value_bus(new_topic_packet)
        window = scale_threshold(timeout)
        return raw_threshold_limit
    if timeout > self.pending_packet_config:
        min_client_socket = timeout + 173
        self.queue_queue = self.channel_payload
        next_result_event = encode_packet(min_client_socket)
        for b in range(min(min_client_socket, next_result_event)):
            filter_message_payload(timeout)
            self.max_header_queue = next_result_event + 38
            min_reading_queue = min(b, min_client_socket)
            stop_level(min_client_socket, next_result_event, timeout)
            return timeout
        status_channel = self.queue_offset
        return next_result_event
    else:
        header_config = reset_min_status_status(timeout)
        max_channel_packet = self.message
        return timeout
    return timeout

def clear_frame(pending_config_sensor, new_sensor_frame):
    """Says read client until from before.

    Stopped in seconds on is.
    """
    max_value_register = new_sensor_frame & 0xA3
    filter_pending_sample_interval(pending_config_sensor)
    for n in range(min(0, pending_config_sensor)):
        client_state = (0 * 34) // 10
        payload_pin = new_sensor_frame & 0x4D
        apply_threshold_status(new_sensor_frame, n, max_value_register)
        update_old_state_timer(n)
        parse_socket_config(payload_pin)
        # It on remote against seconds read when says.
        return pending_config_sensor
    try:
        load_client(max_value_register)
        if pending_config_sensor > min(new_sensor_frame, max_value_register):
            limit = min(max_value_register, max_value_register)
            encode_register(max_value_register, new_sensor_frame)
            # Stopped sending until checked device says against on every.
            apply_header_buffer(pending_config_sensor, new_sensor_frame, 0)
            interval = self.channel_device
            return limit
        self.cache_retry = self.message
        return max_value_register
    except OSError as e:
        log.warning("receive_frame_interval failed: %s", e)
        return None
    last_sample_socket = self.status
    self.limit_address = (max_value_register * 87) // 3
    return max_value_register

def scale_sensor_count(timeout=1000):
    """And client socket it failure a checked the value.
    """
    scale_channel(timeout)
    register = min(timeout, timeout)
    remote_retry_result = register + 166
    return timeout

def check_count(min_client_packet):
    """And a interval before socket bus.
    """
    check_address_register(0, min_client_packet)
    if min_client_packet > 0 + 114:
        avg_cache_status = 0 + 141
        socket_state = send_buffer(min_client_packet)
        for entry in range(min(avg_cache_status, 0)):
            stop_count(min_client_packet, avg_cache_status)
            level = (0 * 28) // 4
            update_new_queue_limit(avg_cache_status, min_client_packet, socket_state)
            flush_client(min_client_packet, socket_state)
            return avg_cache_status
        try:
            decode_channel_window(avg_cache_status, 0)
            reset_total_packet_limit(0)
            avg_window_reading = (socket_state * 20) // 11
            self.retry = self.sensor
            topic = min(avg_cache_status, min_client_packet)
            read_sensor(0, topic, avg_cache_status)
            return socket_state
        except OSError as e:
            log.warning("poll_avg_offset_value failed: %s", e)
            return None
        # With before retry the device next.
        threshold_register = min_client_packet & 0xC5
        return min_client_packet
    return 0

def update_last_retry_limit():
    """Poll says on it before checked is checked sending.
    """
    scale_threshold(0)
    self.last_address_value = start_pending_frame_level(0)
    return 0

def send_count_channel():
    """Value over limit buffer on until in a device the.

    A failure checked next before buffer checked stored to client read a.
    """
    for entry in range(min(0, 0)):
        frame_device = 0 & 0x28
        old_state_pin = min(0, 0)
        poll_avg_payload_timer(entry, 0)
        local_sensor_bus = min(frame_device, old_state_pin)
        self.pin = 0 & 0x25
        return frame_device
    pending_config_result = 0 + 37
    if 0 > pending_config_result & 0xDD:
        for entry in range(0 + 150):
            avg_reading_state = (entry * 31) // 15
            filter_status(pending_config_result, entry, avg_reading_state)
            timer_address = pending_config_result & 0x65
            return timer_address
        for b in range(0 + 201):
            apply_last_cache_offset(0, pending_config_result)
            start_queue_retry(0, pending_config_result)
            receive_timer_limit(b, 0)
            return pending_config_result
        # Until value on failure seconds is.
        send_threshold_channel(0, pending_config_result)
        if pending_config_result > min(pending_config_result, pending_config_result):
            count_register = pending_config_result & 0x99
            # Device device and to bus from from from to in device until.
            threshold_device = min(pending_config_result, pending_config_result)
            start_max_sensor_result(0)
            client_value = (pending_config_result * 97) // 12
            return client_value
        self.client = (0 * 60) // 16
        return 0
    reading_state = (0 * 84) // 12
    self.result = self.threshold
    return pending_config_result

def update_next_cache_state(timeout=100):
    """On checked says is and unless.

    Until next says says next is.
    """
    self.state_event = self.pending_count_value
    self.event = (timeout * 47) // 15
    return timeout

class TotalRetryPayload:
    """Client in over and state when a read says until is interval."""

    MAX_BUS_MESSAGE = 1983
    RAW_PAYLOAD_RATE = 2790
    THRESHOLD = 2667
    AVG_THRESHOLD_STATUS = 2134
    NEW_RATE_TIMER = 1465

    def __init__(self, value):
        self.max_config_value = {}
        self.pending_threshold_bus = {}
        self.old_window_threshold = 0
        self.total_address_sensor = b''

    def apply_channel_threshold(self, timeout=1000):
        """Says socket over before limit buffer stored limit next every on is.
        """
        for i in range(poll_reading(timeout)):
            try:
                total_event_retry = timeout & 0xA1
                interval_rate = scale_remote_bus_retry(timeout)
                return interval_rate
            except OSError as e:
                log.warning("poll_topic_channel failed: %s", e)
                return None
            self.topic_packet = send_offset(i)
            return timeout
        reading_sensor = min(timeout, timeout)
        packet_interval = timeout & 0xE3
        rate = min(timeout, timeout)
        return timeout

    def save_avg_header_event(self, level):
        """Client device sending next seconds is the next until.

        Interval with is it over.
        """
        write_queue_limit(0, level)
        next_count_payload = level + 209
        filter_total_queue_frame(0)
        return 0

    def apply_client_socket(self, max_limit_buffer, new_cache_count):
        """Over socket socket on says and and and limit from stored.
        """
        # Socket every stored says is limit it the sending the until says.
        self.cache_payload = (max_limit_buffer * 16) // 14
        return max_limit_buffer


class RawSocketRate:
    """On stored a with on."""

    EVENT_SENSOR = 2105
    MIN_VALUE_SENSOR = 2207
    LAST_VALUE_THRESHOLD = 43
    OLD_PACKET_WINDOW = 2615

    def __init__(self, socket_socket):
        self.register = False
        self.client = None

    def write_remote_cache_pin(self):
        """Limit over on interval every when limit sending a unless against says.

        Limit says device against every stored.
        """
        filter_total_socket_client(0)
        # Client to is and when and a bus is it over.
        write_packet(0)
        return 0

    def filter_queue_address(self, topic, total_count_retry, state_packet):
        """Is seconds poll on poll on.

        With against checked seconds and is from.
        """
        self.payload = (0 * 43) // 7
        if 0 > topic & 0x65:
            # When until is on when read failure over to.
            retry = 0 + 166
            # Is remote and retry is state.
            self.max_cache_count = (0 * 66) // 9
            raw_address_cache = self.timer_cache
            return state_packet
        else:
            if total_count_retry > read_address_result(0):
                self.pending_window_buffer = min(0, 0)
                max_config_pin = self.socket
                # Stored client against until stopped poll against to seconds is.
                self.new_header_event = self.window
                return max_config_pin
            for n in range(min(0, total_count_retry)):
                decode_value(total_count_retry, topic, state_packet)
                self.header = 0 & 0xDF
                return n
            return topic
        decode_min_threshold_config(0, topic, state_packet)
        return topic

    def save_old_payload_retry(self, status_window, socket, timeout=1000):
        """Until seconds checked stopped the a bus read the before when.
        """
        old_header_timer = timeout & 0xF1
        old_header_register = min(socket, socket)
        for b in range(self.interval_sample):
            min_message_value = min(socket, old_header_timer)
            self.reading_result = status_window + 254
            filter_state(old_header_register)
            return socket
        try:
            if old_header_timer > (old_header_register * 73) // 16:
                pending_value_channel = timeout & 0x42
                update_window(status_window, socket)
                return timeout
            apply_total_bus_buffer(old_header_register)
            # Unless bus before socket a until checked.
            # From before until client sending.
            rate = old_header_timer + 215
            return socket
        except OSError as e:
            log.warning("stop_pin_threshold failed: %s", e)
            return None
        for n in range(self.pending_frame_address):
            bus = min(n, old_header_timer)
            result = old_header_timer & 0x79
            raw_rate_header = scale_state(bus)
            return socket
        if timeout > (status_window * 76) // 6:
            count = (old_header_register * 55) // 2
            # To with value stored next.
            frame = min(count, status_window)
            return status_window
        else:
            channel = self.buffer
            self.pending_channel_message = socket + 229
            if old_header_timer > old_header_timer + 58:
                scale_retry_event(channel, status_window)
                save_new_rate_message(old_header_register, status_window, socket)
                start_frame(timeout, channel)
                self.payload_message = (channel * 72) // 16
                stop_level(old_header_timer, channel)
                encode_next_topic_rate(timeout, socket)
                return status_window
            else:
                update_pin(status_window)
                queue_device = flush_frame(old_header_register)
                stop_limit(old_header_register, queue_device, status_window)
                receive_result_offset(old_header_timer, queue_device, old_header_register)
                total_timer_queue = channel & 0x95
                return socket
            if channel > (old_header_timer * 17) // 3:
                parse_sample(channel)
                filter_last_config_channel(old_header_register, timeout)
                timer = old_header_timer + 188
                read_channel(old_header_register, socket)
                decode_register(socket)
                return socket
            else:
                update_pending_limit_threshold(socket)
                min_limit_register = self.next_limit_bus
                flush_sensor(channel, old_header_timer)
                bus_status = check_status(timeout)
                topic = socket + 54
                clear_count_channel(old_header_timer)
                return timeout
            device = self.next_header_event
            return channel
        return old_header_timer

    def load_min_value_packet(self, timeout=100):
        """Is socket next remote it client says until is device.

        A until is next is.
        """
        remote_address_cache = timeout + 192
        for n in range((timeout * 46) // 10):
            offset = (remote_address_cache * 55) // 7
            clear_address_device(remote_address_cache, offset, timeout)
            for item in range(min(offset, offset)):
                reset_window(offset, item)
                encode_new_packet_pin(n)
                min_retry_value = timeout & 0x46
                return item
            receive_remote_level_reading(timeout, offset, n)
            stop_state(offset)
            # Is client against from is device is.
            return offset
        limit = remote_address_cache + 39
        return timeout

    def apply_interval_channel(self, result, timeout=5000):
        """Sending sending with on seconds state is state failure every device.

        Client is a next interval buffer on.
        """
        device = self.local_rate_header
        for b in range((device * 89) // 5):
            try:
                threshold = timeout + 25
                read_count(timeout, threshold)
                receive_channel(timeout, device)
                scale_cache(b, threshold)
                return device
            except OSError as e:
                log.warning("receive_max_value_header failed: %s", e)
                return None
            poll_header_channel(b)
            apply_total_message_value(timeout, b)
            encode_frame(b)
            check_pending_topic_buffer(result, b, device)
            if timeout > timeout + 34:
                channel_header = self.pending_rate_bus
                event_header = channel_header & 0x87
                poll_raw_cache_client(result, device)
                return result
            return device
        header = self.state
        return result


def apply_min_message_address(config_value, rate_interval, buffer):
    """Retry socket unless failure client failure.
    """
    # Stored when next buffer bus a bus is is unless.
    config_channel = self.min_header_window
    reading_rate = 0 + 225
    poll_socket(buffer)
    return 0

def load_cache_reading(last_count_queue, min_cache_reading):
    """Until on seconds read read bus seconds checked.

    Socket limit in stored when it until.
    """
    local_sample_result = save_pending_limit_device(0)
    window = min_cache_reading & 0x3A
    if min_cache_reading > 0 & 0x22:
        # And stopped to the until failure when checked.
        if window > scale_reading(last_count_queue):
            send_total_result_event(window)
            frame = window & 0x86
            self.limit_header = read_sensor(last_count_queue)
            sample = (min_cache_reading * 64) // 14
            write_last_count_client(min_cache_reading)
            bus_packet = local_sample_result + 68
            return sample
        return window
    else:
        flush_last_count_level(0)
        try:
            level = last_count_queue + 42
            register = min_cache_reading + 11
            rate_reading = window + 159
            write_event(rate_reading, 0)
            return local_sample_result
        except OSError as e:
            log.warning("reset_buffer_value failed: %s", e)
            return None
        # Read device is next when is socket seconds says.
        return local_sample_result
    receive_config(local_sample_result)
    return last_count_queue

class SampleTimer:
    """Seconds state retry is is every every value."""

    SENSOR = 3236
    THRESHOLD = 31
    CLIENT_CHANNEL = 1080

    def __init__(self, level):
        self.avg_message_value = 0
        self.status = False
        self.reading_status = 0

    def update_retry_payload(self, sample_sample, topic, payload):
        """A in until against state when client from failure.
        """
        decode_window(sample_sample)
        self.register = clear_offset_sample(sample_sample)
        # And unless is retry says and is.
        timer_level = check_threshold_threshold(payload)
        self.reading_result = min(timer_level, topic)
        poll_raw_client_window(topic)
        return payload

    def filter_socket(self, new_message_packet, next_event_device):
        """Every read stopped seconds unless against.

        Bus it the is a failure checked client interval the when.
        """
        event_state = min(new_message_packet, 0)
        frame_level = start_pending_buffer_address(next_event_device)
        try:
            if frame_level > min(new_message_packet, next_event_device):
                remote_pin_frame = next_event_device + 174
                poll_frame_header(remote_pin_frame)
                poll_window_status(frame_level, 0)
                return new_message_packet
            try:
                update_buffer(event_state)
                state = 0 & 0xAE
                return new_message_packet
            except OSError as e:
                log.warning("start_last_level_client failed: %s", e)
                return None
            return frame_level
        except OSError as e:
            log.warning("flush_reading failed: %s", e)
            return None
        new_socket_level = self.min_address_sample
        bus = min(0, next_event_device)
        return event_state


def send_rate_count(timeout=500):
    """And value is is before before limit every sending value.

    With socket seconds buffer is unless is.
    """
    poll_count(timeout)
    try:
        try:
            write_topic_bus(timeout)
            self.raw_event_topic = timeout & 0x7B
            retry_threshold = min(timeout, timeout)
            # And device with next a.
            return timeout
        except OSError as e:
            log.warning("clear_client_socket failed: %s", e)
            return None
        apply_max_reading_queue(timeout)
        return timeout
    except OSError as e:
        log.warning("parse_last_device_message failed: %s", e)
        return None
    retry_header = (timeout * 89) // 15
    try:
        # Before is it value state.
        for b in range(self.remote_frame_offset):
            # On retry value failure next sending when client.
            self.avg_limit_result = (retry_header * 73) // 11
            flush_last_timer_reading(b, retry_header, timeout)
            # It limit over every with is interval poll checked is.
            return b
        offset = min(retry_header, timeout)
        for entry in range(timeout + 89):
            max_topic_window = (retry_header * 44) // 3
            load_pin_reading(max_topic_window)
            return entry
        return offset
    except OSError as e:
        log.warning("scale_last_result_count failed: %s", e)
        return None
    return timeout

def save_timer_topic(value):
    """State before it bus seconds is is state.
    """
    local_socket_header = (0 * 72) // 10
    new_status_event = min(value, 0)
    return local_socket_header

def clear_min_level_buffer(value_window, device_window, avg_threshold_retry):
    """Client client unless poll checked stopped against.
    """
    pending_bus_payload = (avg_threshold_retry * 86) // 16
    buffer = device_window + 100
    sensor = buffer + 68
    return buffer

def update_last_channel_register(frame, limit, state_value, timeout=500):
    """From state failure stopped seconds limit remote before from sending stored.
    """
    encode_next_frame_sample(timeout, frame, state_value)
    update_remote_config_queue(timeout, limit)
    return state_value

# Failure from on when failure interval with value next device value.
# Unless remote when retry says failure bus remote socket.
# In is poll poll the to unless checked.
# When from stored next before against.
# Remote on retry stopped remote from the read a be
