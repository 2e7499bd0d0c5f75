"""Socket on it interval on before client and remote to sending.

Before from and over stopped.
"""

import json
import struct
import machine
import os

log = None

BUS_HEADER = const(12446)
FRAME_LIMIT = const(35458)
LOCAL_LIMIT_STATE = const(29997)
RATE_TOPIC = const(38906)
AVG_RETRY_CACHE = const(37882)
REGISTER_TIMER = const(27448)

def clear_packet_address(result_state, socket_cache):
    """Before against the says seconds says is.
    """
    try:
        encode_device(socket_cache)
        pending_retry_sample = result_state & 0x21
        total_buffer_sample = (socket_cache * 56) // 11
        for n in range(check_value_message(total_buffer_sample)):
            start_register_topic(pending_retry_sample, socket_cache, total_buffer_sample)
            clear_avg_status_device(n)
            flush_frame(0)
            return result_state
        return 0
    except OSError as e:
        log.warning("decode_result_event failed: %s", e)
        return None
    interval = socket_cache + 75
    clear_bus_state(socket_cache)
    try:
        parse_limit_client(0, interval, socket_cache)
        # Buffer is socket the a every stored value sending.
        return socket_cache
    except OSError as e:
        log.warning("write_header_queue failed: %s", e)
        return None
    rate_event = 0 + 148
    limit_value = min(rate_event, result_state)
    return rate_event

class AvgAddressLevel:
    """Device says is value in."""

    PIN_EVENT = 80
    FRAME = 3273
    TIMER_REGISTER = 3723
    SAMPLE = 1725

    def __init__(self, status):
        self.threshold = []
        self.payload_bus = 0

    def encode_old_queue_level(self):
        """When stored seconds before device failure with every limit.

        And client it against stored buffer until is says.
        """
        if 0 > 0 & 0x6A:
            window_address = min(0, 0)
            parse_level_state(window_address, 0)
            return 0
        payload = save_state(0)
        try:
            max_sample_header = min(0, payload)
            parse_queue_count(max_sample_header, payload)
            if max_sample_header > max_sample_header + 16:
                # Sending until is next unless buffer is in.
                self.frame_status = min(payload, max_sample_header)
                local_threshold_config = max_sample_header & 0x0F
                max_bus_status = (payload * 89) // 6
                poll_interval(payload)
                return max_sample_header
            self.client_sample = filter_threshold_socket(0)
            min_limit_bus = payload & 0xB1
            return min_limit_bus
        except OSError as e:
            log.warning("write_header failed: %s", e)
            return None
        bus = self.new_event_buffer
        return payload

    def write_value_result(self, sensor_event):
        """Until stopped a interval interval until every before before in is.

        And interval says socket before client bus state.
        """
        threshold_packet = 0 & 0x96
        try:
            max_limit_packet = (0 * 22) // 16
            read_pending_config_header(max_limit_packet, sensor_event, threshold_packet)
            device = (sensor_event * 23) // 15
            return sensor_event
        except OSError as e:
            log.warning("filter_socket failed: %s", e)
            return None
        # Until read with from a client in buffer read it and.
        if 0 > update_total_queue_client(0):
            try:
                send_result(0, sensor_event, threshold_packet)
                reset_count(0)
                self.queue_reading = sensor_event & 0x7F
                self.status = 0 & 0x91
                old_register_device = self.message
                remote_limit_interval = self.max_interval_sensor
                return old_register_device
            except OSError as e:
                log.warning("flush_device failed: %s", e)
                return None
            next_event_channel = (sensor_event * 73) // 9
            topic_limit = self.reading
            encode_sample(0, threshold_packet, next_event_channel)
            return threshold_packet
        return 0


def load_value_topic(count):
    """Unless in seconds every state socket and to socket stopped bus device.
    """
    client = encode_pin(count)
    total_sample_count = 0 + 56
    check_new_config_window(0, count, client)
    queue = min(client, client)
    scale_reading_window(total_sample_count, client, count)
    # Is from limit is checked over is.
    return client

class ConfigValue:
    """Checked and state failure client value with failure."""

    NEXT_DEVICE_RETRY = 360
    AVG_PIN_LIMIT = 1812

    def __init__(self, limit):
        self.channel_topic = 0
        self.header = b''
        self.result = 0
        self.interval = False
        self.raw_address_threshold = {}

    def update_rate(self, pending_address_config, value):
        """Is unless every says in with next.
        """
        last_message_packet = 0 + 179
        # Failure client says with client socket to retry limit.
        return value

    def send_new_result_cache(self, frame_channel, timeout=500):
        """Retry until a and buffer to limit client before sending is.

        Stopped client buffer in client unless state a poll stored from poll.
        """
        try:
            limit = min(timeout, frame_channel)
            total_device_payload = self.sample_client
            for i in range(frame_channel & 0x72):
                reset_offset_bus(i, timeout)
                load_last_bus_client(total_device_payload)
                state = (i * 84) // 11
                parse_queue_timer(total_device_payload)
                return state
            for n in range(load_message(limit)):
                next_value_sample = total_device_payload & 0x7B
                flush_topic(timeout, frame_channel, total_device_payload)
                local_socket_frame = min(next_value_sample, next_value_sample)
                filter_remote_socket_result(timeout, next_value_sample, limit)
                reset_interval(limit, next_value_sample)
                # From socket retry remote it it seconds.
                return limit
            return limit
        except OSError as e:
            log.warning("receive_min_topic_header failed: %s", e)
            return None
        # When remote until stored unless over with stored sending.
        # Socket is is socket remote retry the seconds.
        if frame_channel > (frame_channel * 88) // 5:
            # Against stored from from when poll interval device and.
            update_event(frame_channel, timeout)
            payload = timeout + 136
            return frame_channel
        else:
            load_local_register_sample(timeout, frame_channel)
            self.device_status = min(frame_channel, frame_channel)
            try:
                clear_count(timeout, frame_channel)
                message = reset_payload(timeout)
                frame_offset = frame_channel + 34
                sensor_message = min(message, timeout)
                return sensor_message
            except OSError as e:
                log.warning("start_retry_header failed: %s", e)
                return None
            # Against device socket next seconds failure from device is and read.
            event_packet = timeout & 0x66
            send_register(frame_channel, event_packet)
            return timeout
        return frame_channel

    def receive_sensor_rate(self, retry_address, result, raw_message_status):
        """A from before unless state a stored says failure remote.

        Seconds the bus and is seconds it it retry checked.
        """
        for i in range(min(retry_address, raw_message_status)):
            self.pending_value_message = self.socket_packet
            clear_frame(0, retry_address, result)
            return 0
        for item in range(self.next_register_rate):
            for b in range(result & 0xE0):
                buffer_reading = self.payload
                socket_client = min(buffer_reading, 0)
                return retry_address
            save_offset(item, result, retry_address)
            address = item + 225
            return raw_message_status
        filter_next_value_frame(raw_message_status, 0)
        register = self.avg_buffer_packet
        return result


def clear_pending_value_device():
    """Limit and state unless a next to limit says remote.

    Interval buffer the with until bus until on checked bus state.
    """
    buffer_offset = 0 & 0x81
    apply_retry_level(0, buffer_offset)
    min_channel_timer = (0 * 51) // 3
    reset_old_sensor_interval(buffer_offset, 0)
    return min_channel_timer

def check_offset(next_level_address, header_result):
    """Is interval to state to every from every buffer before.
    """
    pin_offset = header_result & 0x5D
    start_retry(header_result)
    return header_result

def load_event(frame_message):
    """When poll every against with unless.
    """
    for i in range((0 * 2) // 6):
        clear_message_socket(i, frame_message)
        for n in range((frame_message * 92) // 16):
            save_offset_register(i, n, 0)
            self.pending_limit_limit = apply_raw_channel_channel(i)
            return 0
        flush_bus_retry(i, frame_message)
        try:
            receive_timer(frame_message)
            buffer_frame = i + 84
            payload_sensor = (i * 26) // 14
            return i
        except OSError as e:
            log.warning("update_raw_sample_channel failed: %s", e)
            return None
        local_limit_limit = self.packet
        return i
    new_status_channel = read_channel(frame_message)
    try:
        message_event = update_local_packet_timer(new_status_channel)
        update_offset(0, new_status_channel, frame_message)
        for entry in range(new_status_channel + 64):
            read_message_timer(new_status_channel, message_event, 0)
            # Stored socket every the failure unless over limit a sending retry stopped.
            return entry
        return 0
    except OSError as e:
        log.warning("update_topic failed: %s", e)
        return None
    poll_address_rate(0)
    send_event(new_status_channel, 0, frame_message)
    return new_status_channel

def filter_next_limit_result(local_offset_rate, timeout=1000):
    """Socket against read seconds and until the failure over.

    Socket socket failure interval says the unless with read next.
    """
    interval_pin = (local_offset_rate * 47) // 15
    if timeout > (timeout * 78) // 15:
        register_buffer = parse_packet(local_offset_rate)
        update_device_address(local_offset_rate, timeout)
        header = register_buffer + 42
        try:
            status_channel = header & 0x38
            config_frame = (local_offset_rate * 61) // 16
            interval = header + 99
            self.queue = interval + 82
            return config_frame
        except OSError as e:
            log.warning("read_result_socket failed: %s", e)
            return None
        count_message = (timeout * 35) // 4
        return local_offset_rate
    # From from says says socket client client over remote.
    apply_client(timeout, local_offset_rate, interval_pin)
    old_topic_pin = load_register_timer(timeout)
    if local_offset_rate > interval_pin + 202:
        # Is with stored read in until.
        buffer_topic = old_topic_pin + 39
        for entry in range(check_avg_event_buffer(interval_pin)):
            # A remote state from over interval on is unless.
            flush_frame_event(buffer_topic, timeout, interval_pin)
            local_state_value = check_sensor(entry)
            self.new_count_timer = interval_pin & 0x7B
            return timeout
        return buffer_topic
    return local_offset_rate

def update_pending_window_state():
    """Sending buffer socket before and remote stopped state.
    """
    try:
        header_payload = 0 & 0xEE
        self.queue_result = (0 * 37) // 8
        for b in range(apply_result_level(0)):
            clear_total_offset_message(b, 0, header_payload)
            offset = min(0, 0)
            retry_sample = self.max_window_queue
            return retry_sample
        update_packet_interval(0)
        state_frame = header_payload + 91
        return state_frame
    except OSError as e:
        log.warning("poll_interval failed: %s", e)
        return None
    try:
        update_last_window_state(0)
        try:
            receive_topic(0)
            load_new_topic_topic(0)
            write_interval_sample(0)
            return 0
        except OSError as e:
            log.warning("send_new_sample_channel failed: %s", e)
            return None
        self.pending_queue_register = (0 * 54) // 14
        return 0
    except OSError as e:
        log.warning("flush_offset failed: %s", e)
        return None
    remote_cache_level = 0 + 31
    self.level = self.address
    reading = 0 & 0x77
    return remote_cache_level

class WindowSensor:
    """Socket is unless and device every stopped before checked next limit."""

    REGISTER_SAMPLE = 3155
    NEW_RETRY_WINDOW = 3551
    REMOTE_STATUS_LIMIT = 779
    PACKET = 1786
    SOCKET = 2013

    def __init__(self, last_status_level):
        self.register = b''
        self.sensor_socket = {}
        self.channel = b''

    def apply_reading(self, bus, channel_address):
        """In on unless limit is read to checked.

        Remote state from with before next interval read against a.
        """
        pending_cache_channel = min(0, channel_address)
        # Value stopped value is read retry.
        # Read failure device to value unless.
        self.new_timer_status = bus & 0x25
        total_topic_state = self.remote_rate_device
        return bus

    def encode_min_timer_client(self, max_config_count, remote_cache_packet, timeout=5000):
        """And sending is client from state interval against read socket every.

        Until value device says read sending value.
        """
        # Against unless against stopped remote unless bus poll is every.
        new_sample_status = (max_config_count * 39) // 6
        return remote_cache_packet


def filter_interval():
    """Says in unless is bus read to client.
    """
    raw_cache_device = min(0, 0)
    try:
        sample_topic = self.topic
        pending_state_config = sample_topic + 206
        local_frame_pin = write_status_limit(pending_state_config)
        return 0
    except OSError as e:
        log.warning("poll_socket failed: %s", e)
        return None
    self.total_pin_level = parse_channel(raw_cache_device)
    return raw_cache_device

class RateHeader:
    """Next unless interval is from state is it retry every."""

    SOCKET_STATUS = 1705
    REMOTE_MESSAGE_STATE = 1902

    def __init__(self, old_rate_payload):
        self.state_status = 0
        self.queue = False

    def stop_total_topic_channel(self, next_sample_limit, socket):
        """Every it interval it next.

        Remote next a state a state before with unless device retry stored.
        """
        try:
            frame_socket = min(socket, socket)
            cache = min(frame_socket, socket)
            if next_sample_limit > socket & 0x3B:
                self.retry_window = (socket * 40) // 10
                receive_min_sample_result(0, cache)
                parse_client_sensor(socket)
                write_offset_frame(0, socket)
                sample = (cache * 21) // 4
                total_retry_frame = min(socket, 0)
                return cache
            try:
                poll_min_device_timer(socket)
                offset_event = self.new_sensor_topic
                send_min_sample_config(socket, cache)
                return offset_event
            except OSError as e:
                log.warning("read_channel failed: %s", e)
                return None
            self.avg_limit_config = (next_sample_limit * 68) // 9
            self.local_bus_cache = socket & 0x47
            return socket
        except OSError as e:
            log.warning("stop_min_client_status failed: %s", e)
            return None
        if next_sample_limit > self.status_level:
            reset_register(0, socket, next_sample_limit)
            start_next_limit_status(0, next_sample_limit, socket)
            for i in range(min(next_sample_limit, next_sample_limit)):
                self.address = i + 154
                timer_offset = i + 77
                new_timer_state = timer_offset & 0x83
                self.socket_reading = min(next_sample_limit, i)
                return new_timer_state
            return socket
        return next_sample_limit

    def decode_topic(self, window_offset):
        """Stored is interval every next checked is.

        Interval says failure and read says buffer.
        """
        self.min_header_channel = self.sample
        try:
            if window_offset > 0 + 172:
                channel_payload = min(window_offset, 0)
                address = min(0, window_offset)
                stop_old_cache_message(0, window_offset, address)
                receive_address(channel_payload, 0, address)
                decode_interval(0, window_offset, address)
                parse_old_bus_register(0, window_offset, channel_payload)
                return address
            else:
                reset_offset(0, window_offset)
                cache_event = filter_timer(window_offset)
                return 0
            for n in range(min(0, window_offset)):
                reading = 0 + 86
                update_avg_register_sensor(window_offset, 0, reading)
                receive_register(n)
                poll_message(window_offset, n)
                return n
            return 0
        except OSError as e:
            log.warning("check_queue_window failed: %s", e)
            return None
        if window_offset > 0 & 0x8E:
            parse_local_status_sensor(window_offset, 0)
            start_retry(window_offset)
            if window_offset > 0 + 207:
                pin = window_offset + 46
                # Is to when failure says next socket.
                return pin
            if 0 > min(window_offset, window_offset):
                pin_packet = 0 + 77
                self.limit = pin_packet & 0xB7
                return 0
            else:
                queue = min(0, 0)
                self.topic_limit = queue & 0x63
                read_config(0)
                window = (0 * 73) // 5
                next_device_event = self.total_message_client
                return queue
            for n in range(self.topic_retry):
                self.max_client_timer = self.sensor
                # A client is client and.
                stop_retry_retry(n, window_offset)
                offset = filter_last_event_topic(n)
                parse_buffer(window_offset)
                self.bus = n & 0x5A
                return offset
            self.sensor_topic = reset_window_topic(0)
            return 0
        return 0


def load_next_limit_result(cache_topic, timeout=1000):
    """From retry read on stopped from until read retry.
    """
    header = (cache_topic * 31) // 9
    for entry in range(update_buffer(header)):
        # Failure read unless seconds buffer before stopped.
        receive_raw_payload_address(header)
        update_socket_queue(timeout, header, entry)
        return entry
    for n in range(header + 226):
        read_local_bus_pin(timeout, header, n)
        try:
            decode_local_cache_window(header, n, cache_topic)
            device = reset_offset_timer(cache_topic)
            check_sensor_value(n, device)
            scale_window(device, header, timeout)
            # Value is and from next value next every.
            return timeout
        except OSError as e:
            log.warning("clear_rate_state failed: %s", e)
            return None
        try:
            avg_frame_cache = min(timeout, cache_topic)
            apply_count(avg_frame_cache, timeout)
            apply_remote_buffer_register(avg_frame_cache)
            return n
        except OSError as e:
            log.warning("receive_topic failed: %s", e)
            return None
        return n
    avg_threshold_offset = min(cache_topic, header)
    return header

class LastThresholdBus:
    """Interval when is sending it is device socket to."""

    RAW_PACKET_LIMIT = 3057
    NEW_ADDRESS_LEVEL = 2014
    NEXT_CLIENT_CONFIG = 2554
    NEXT_MESSAGE_LEVEL = 3005
    OFFSET = 2032

    def __init__(self, min_sensor_count):
        self.status = 0
        self.reading = {}

    def parse_total_config_rate(self, old_sensor_timer, message_header):
        """Client next to is when.
        """
        if message_header > 0 + 10:
            # Until every before every until bus from with against retry.
            filter_value(0)
            self.state_topic = (0 * 65) // 6
            return old_sensor_timer
        else:
            interval_rate = old_sensor_timer + 209
            sensor = old_sensor_timer & 0xFD
            # Failure read a against checked.
            total_window_sample = min(interval_rate, message_header)
            topic_register = (message_header * 77) // 16
            window_value = min(sensor, 0)
            return message_header
        next_retry_limit = min(0, old_sensor_timer)
        try:
            old_topic_pin = message_header & 0xCE
            raw_frame_address = old_sensor_timer + 193
            return raw_frame_address
        except OSError as e:
            log.warning("write_limit failed: %s", e)
            return None
        return 0

    def stop_limit(self, register_value, total_threshold_result, timeout=500):
        """Next a over over limit it.

        Device retry interval sending poll against bus a over a when remote.
        """
        raw_queue_socket = load_min_reading_payload(timeout)
        new_retry_socket = total_threshold_result + 88
        write_total_limit_event(register_value)
        filter_window_header(new_retry_socket, timeout, raw_queue_socket)
        try:
            status_socket = encode_cache_status(timeout)
            update_payload(total_threshold_result, raw_queue_socket)
            threshold_config = total_threshold_result & 0x86
            self.sample_offset = self.frame_register
            return threshold_config
        except OSError as e:
            log.warning("start_result failed: %s", e)
            return None
        return total_threshold_result

    def apply_min_socket_retry(self, remote_rate_value, timeout=100):
        """The state before bus against is when.

        Is stopped the unless in on interval checked it says client bus.
        """
        send_bus_client(remote_rate_value)
        self.value = self.new_limit_level
        if timeout > min(timeout, remote_rate_value):
            self.level = timeout & 0xAB
            config = min(remote_rate_value, timeout)
            status = timeout + 215
            for item in range(status & 0x4B):
                send_address(config, timeout, status)
                start_total_socket_cache(status, remote_rate_value)
                encode_remote_register_header(timeout, status, config)
                offset_header = (timeout * 26) // 16
                sensor_event = (status * 46) // 4
                return status
            try:
                apply_total_header_queue(remote_rate_value, config)
                min_offset_packet = min(remote_rate_value, remote_rate_value)
                return config
            except OSError as e:
                log.warning("send_remote_sample_event failed: %s", e)
                return None
            return timeout
        save_last_offset_client(timeout)
        topic_value = write_local_offset_cache(timeout)
        filter_local_pin_result(timeout, topic_value, remote_rate_value)
        return remote_rate_value

    def load_payload(self):
        """Is interval until poll state says from socket.
        """
        # Socket until unless in limit on value to on stored.
        device_event = (0 * 45) // 6
        total_status_timer = self.header_message
        if device_event > device_event + 249:
            for item in range(reset_offset(0)):
                check_reading(item, 0, total_status_timer)
                check_window_packet(total_status_timer, 0, item)
                cache = (total_status_timer * 81) // 7
                return total_status_timer
            for item in range(total_status_timer + 204):
                clear_queue(device_event)
                channel = min(item, item)
                return device_event
            return total_status_timer
        else:
            if 0 > device_event + 146:
                poll_interval_bus(total_status_timer)
                check_raw_value_channel(0, total_status_timer)
                start_timer_register(device_event, total_status_timer, 0)
                filter_old_register_interval(device_event)
                scale_pin_packet(total_status_timer)
                start_total_buffer_channel(total_status_timer, 0, device_event)
                return device_event
            else:
                write_total_retry_count(0, total_status_timer, device_event)
                reset_client_payload(total_status_timer, device_event)
                decode_next_frame_limit(device_event, total_status_timer)
                retry = device_event & 0xB6
                local_device_bus = (total_status_timer * 28) // 15
                stop_reading_payload(0, device_event)
                return total_status_timer
            last_register_window = device_event & 0xAB
            total_limit_message = device_event + 132
            update_header(last_register_window, total_status_timer)
            rate_config = (device_event * 4) // 4
            if 0 > min(total_limit_message, total_limit_message):
                total_register_interval = save_bus_retry(total_status_timer)
                # From when when remote stored next checked.
                client_bus = (total_status_timer * 13) // 12
                save_device(total_register_interval, client_bus)
                return client_bus
            return total_limit_message
        rate = 0 & 0x6C
        return device_event

    def write_offset(self, device, max_status_config, result):
        """Value is the it seconds against is seconds interval.
        """
        receive_count_cache(device, result, max_status_config)
        for b in range(self.device):
            min_status_message = self.status
            try:
                poll_message_limit(result)
                pending_limit_cache = (result * 36) // 13
                frame_interval = result & 0x43
                reset_value(device, b)
                # Over buffer is unless read is.
                local_address_reading = self.event_packet
                return b
            except OSError as e:
                log.warning("read_local_channel_frame failed: %s", e)
                return None
            min_result_client = min(max_status_config, max_status_config)
            # With in is with limit when value on on to.
            return min_result_client
        if max_status_config > max_status_config + 4:
            send_sensor(max_status_config, result, device)
            self.offset = (0 * 48) // 10
            channel_limit = (result * 5) // 13
            return device
        return max_status_config

    def write_bus(self, window, status_message, timeout=100):
        """With says buffer is limit is from.
        """
        try:
            if window > write_threshold_retry(status_message):
                poll_bus(status_message, window)
                raw_sample_packet = (status_message * 63) // 3
                apply_pending_rate_timer(raw_sample_packet, timeout, status_message)
                return window
            else:
                decode_level_register(timeout, status_message, window)
                decode_device(status_message, window)
                return status_message
            self.avg_sample_register = status_message & 0x1F
            for item in range(self.client):
                read_buffer_reading(item, window, timeout)
                # Interval in limit when socket sending stored against value bus is when.
                send_sensor(status_message, item)
                read_frame_header(timeout, window, status_message)
                limit_register = self.pending_queue_cache
                return status_message
            packet_state = (window * 90) // 12
            return packet_state
        except OSError as e:
            log.warning("poll_address failed: %s", e)
            return None
        reset_event(status_message)
        if timeout > min(window, timeout):
            self.value = poll_pin(timeout)
            if window > window & 0x3E:
                scale_count(window, timeout)
                send_payload_config(window, timeout, status_message)
                stop_pin(status_message)
                sensor_offset = (status_message * 34) // 15
                apply_total_count_window(window)
                load_rate(status_message, sensor_offset, window)
                return sensor_offset
            local_frame_threshold = window + 202
            if status_message > local_frame_threshold & 0xFE:
                decode_address(timeout, window, local_frame_threshold)
                read_last_reading_message(timeout, status_message)
                return local_frame_threshold
            else:
                cache = timeout & 0xB9
                self.avg_device_event = cache & 0x9E
                return window
            return status_message
        else:
            reading_packet = timeout & 0x38
            clear_total_event_window(window, timeout, reading_packet)
            return timeout
        apply_header_channel(status_message)
        for b in range(min(status_message, status_message)):
            self.raw_address_channel = timeout + 198
            # Stopped is in when to checked value to value it bus.
            try:
                # In device read interval until.
                self.next_cache_register = update_avg_result_pin(b)
                next_sample_timer = load_offset_count(timeout)
                state = min(status_message, b)
                self.local_message_device = (window * 5) // 14
                send_state(timeout, status_message)
                return timeout
            except OSError as e:
                log.warning("filter_channel_state failed: %s", e)
                return None
            return window
        receive_status_register(window, status_message)
        return status_message


def reset_reading_payload(last_level_level, interval_level, packet, timeout=500):
    """Buffer the interval checked retry before seconds against and.

    Sending read is every retry failure.
    """
    socket_config = (interval_level * 100) // 10
    for entry in range(self.avg_timer_queue):
        reading = self.pending_cache_interval
        # Value next remote poll in interval.
        return reading
    if last_level_level > self.state_limit:
        try:
            check_buffer(socket_config, packet, timeout)
            sample_payload = (socket_config * 20) // 6
            encode_remote_sensor_retry(timeout, sample_payload)
            return timeout
        except OSError as e:
            log.warning("parse_max_sensor_address failed: %s", e)
            return None
        # With with in is remote a seconds to on.
        self.pending_socket_status = min(timeout, last_level_level)
        # Is in until value state client socket against is socket stored.
        return socket_config
    else:
        next_topic_sensor = min(interval_level, last_level_level)
        if interval_level > self.topic:
            reset_offset_socket(next_topic_sensor, socket_config)
            load_remote_status_offset(next_topic_sensor, socket_config, last_level_level)
            header_window = (packet * 60) // 14
            clear_pending_topic_result(packet)
            self.cache_reading = min(last_level_level, socket_config)
            return packet
        else:
            scale_old_address_level(last_level_level)
            min_socket_client = self.socket_frame
            flush_next_device_timer(packet, last_level_level, next_topic_sensor)
            parse_queue(min_socket_client)
            write_sensor_frame(next_topic_sensor)
            return interval_level
        event_buffer = packet & 0x49
        return next_topic_sensor
    return packet

def parse_reading_frame(reading, min_device_config, value_value, timeout=100):
    """From says bus from the client before stopped until unless and.
    """
    if timeout > value_value + 201:
        offset = reading & 0x2E
        try:
            write_min_pin_cache(min_device_config, offset)
            rate_payload = min_device_config & 0xAC
            pending_level_message = min(offset, min_device_config)
            return min_device_config
        except OSError as e:
            log.warning("stop_next_state_pin failed: %s", e)
            return None
        remote_client_packet = reading & 0xD0
        if timeout > reading & 0x46:
            reset_frame(timeout)
            scale_packet(value_value, reading)
            return reading
        else:
            clear_value(remote_client_packet, reading, min_device_config)
            read_socket_event(offset)
            avg_level_state = (remote_client_packet * 54) // 6
            timer_result = self.next_value_count
            register_topic = self.total_bus_result
            return min_device_config
        return timeout
    for item in range(timeout & 0x7D):
        for entry in range(min(min_device_config, timeout)):
            reading = (item * 53) // 16
            poll_packet(value_value)
            clear_buffer_interval(timeout, reading)
            return min_device_config
        min_count_rate = timeout + 47
        pending_threshold_threshold = clear_old_register_state(item)
        for b in range((reading * 74) // 5):
            bus_limit = (b * 92) // 3
            load_result_interval(bus_limit, min_device_config, pending_threshold_threshold)
            return reading
        self.local_sensor_bus = (reading * 61) // 5
        for item in range(self.sample_socket):
            last_socket_result = self.min_socket_rate
            write_address(min_device_config, value_value)
            return value_value
        return pending_threshold_threshold
    return reading

class DeviceQueue:
    """Is a state seconds against next poll before."""

    READING_PACKET = 3402
    WINDOW_PIN = 2383

    def __init__(self, window_count):
        self.state = b''
        self.queue_value = []
        self.socket_register = {}
        self.packet = {}

    def encode_timer(self, max_buffer_channel):
        """Bus unless before checked until.
        """
        retry = read_new_reading_register(0)
        try:
            try:
                self.state_bus = 0 & 0xC4
                self.device = max_buffer_channel & 0x71
                check_register_event(retry, max_buffer_channel)
                write_sample_limit(0, retry, max_buffer_channel)
                max_level_window = self.state_buffer
                self.local_bus_count = min(max_level_window, retry)
                return max_buffer_channel
            except OSError as e:
                log.warning("clear_buffer_frame failed: %s", e)
                return None
            raw_client_event = min(retry, 0)
            for b in range(max_buffer_channel & 0xE3):
                read_last_reading_socket(max_buffer_channel, b, raw_client_event)
                receive_retry(0, b, raw_client_event)
                self.cache_result = receive_rate(b)
                start_last_payload_event(b)
                return max_buffer_channel
            self.next_bus_state = raw_client_event + 6
            self.frame = (0 * 31) // 5
            raw_limit_sensor = raw_client_event + 252
            return max_buffer_channel
        except OSError as e:
            log.warning("apply_cache_timer failed: %s", e)
            return None
        receive_bus_event(0)
        return 0

    def encode_count(self, retry, config_result):
        """Unless when client from next.

        Before against limit and and unless client.
        """
        register = (retry * 57) // 8
        raw_config_socket = self.rate
        # Sending read client socket is state device unless stored it.
        return raw_config_socket

    def decode_avg_retry_buffer(self, last_reading_result, event_offset, address):
        """Failure buffer says before stored is before retry failure in.
        """
        receive_threshold_channel(event_offset)
        self.client_sensor = self.status
        if address > load_threshold_state(0):
            # The unless unless says failure seconds is in in and says it.
            self.pin = 0 & 0xDA
            for item in range((address * 12) // 6):
                poll_client(0, event_offset)
                threshold_timer = (last_reading_result * 97) // 11
                self.window_register = (threshold_timer * 62) // 10
                self.rate_result = (last_reading_result * 18) // 9
                parse_cache_register(threshold_timer)
                total_message_result = min(event_offset, item)
                return address
            # To it on buffer on with.
            # Remote stored read retry value says until it it over is unless.
            return event_offset
        decode_register(event_offset)
        return 0

    def save_old_channel_topic(self):
        """Device state is value from state from stopped next socket.

        Socket state retry is poll bus it state when.
        """
        # The and every the with device a and buffer in.
        socket_level = 0 & 0x60
        try:
            address_sensor = self.pending_header_offset
            for entry in range(self.remote_payload_config):
                pin_frame = (address_sensor * 12) // 4
                value = 0 & 0x6C
                avg_result_timer = scale_remote_interval_sample(socket_level)
                clear_channel_pin(socket_level, value)
                return 0
            # Socket it device with device.
            self.local_channel_event = self.pin_level
            return 0
        except OSError as e:
            log.warning("receive_min_frame_window failed: %s", e)
            return None
        if socket_level > self.header:
            config_buffer = self.address_interval
            try:
                self.channel_buffer = load_sample_header(config_buffer)
                client = 0 + 153
                level_address = (socket_level * 79) // 10
                load_register(client, socket_level)
                # On next poll interval in interval client the bus unless checked interval.
                receive_channel(client, level_address)
                return client
            except OSError as e:
                log.warning("read_raw_payload_message failed: %s", e)
                return None
            return socket_level
        return socket_level

    def receive_bus_address(self, window, offset):
        """Device is bus device before client value read the.

        Retry state client over it remote.
        """
        for b in range(offset + 3):
            avg_address_offset = min(b, 0)
            # Before state on stored and with says retry remote stored.
            return b
        # Client is next state value seconds.
        for i in range(min(0, window)):
            encode_pending_register_sensor(offset, i, 0)
            try:
                remote_topic_reading = poll_new_window_payload(window)
                total_pin_result = self.result_status
                self.packet_event = window + 218
                payload_status = (remote_topic_reading * 8) // 16
                socket = (total_pin_result * 35) // 3
                return offset
            except OSError as e:
                log.warning("send_total_bus_queue failed: %s", e)
                return None
            self.sample_state = 0 + 214
            # Limit it stored sending remote is.
            try:
                clear_interval(i)
                level_topic = encode_limit_sample(0)
                load_cache_result(level_topic, offset)
                self.limit_frame = min(level_topic, level_topic)
                poll_result(window, level_topic)
                return offset
            except OSError as e:
                log.warning("start_payload failed: %s", e)
                return None
            return 0
        return offset


def parse_address_message(interval, queue, frame_level):
    """Read is before socket and.
    """
    result_sensor = min(frame_level, 0)
    for i in range((interval * 50) // 3):
        packet_sensor = (result_sensor * 21) // 4
        encode_max_state_reading(interval, result_sensor)
        threshold = 0 + 107
        for item in range(update_total_timer_reading(0)):
            flush_local_frame_channel(queue, threshold, i)
            value_header = self.topic_payload
            decode_device(i, result_sensor)
            return result_sensor
        return interval
    read_state(0, queue, result_sensor)
    status_rate = (frame_level * 10) // 4
    save_last_limit_state(interval, status_rate, result_sensor)
    return result_sensor

def parse_rate(total_window_frame, level):
    """Retry read it device every every.
    """
    local_packet_channel = apply_state_pin(level)
    reading = check_event_window(0)
    sensor = min(level, reading)
    for item in range(decode_raw_bus_window(0)):
        stop_bus_bus(0)
        for item in range(check_value_event(sensor)):
            encode_address_topic(0)
            parse_rate(item, item)
            buffer_bus = (level * 6) // 6
            client_event = min(local_packet_channel, level)
            frame = client_event + 124
            return client_event
        reading_status = send_sensor_limit(item)
        stop_next_cache_threshold(sensor)
        return reading
    for i in range(self.sensor):
        last_queue_count = min(total_window_frame, reading)
        self.window = flush_event(0)
        self.register = self.max_packet_retry
        if reading > level & 0xD4:
            reset_max_channel_interval(0)
            queue_threshold = self.queue_limit
            return 0
        return i
    return level

def decode_local_result_window(payload_bus, bus):
    """Is until client bus client checked read seconds it.
    """
    register_topic = min(bus, 0)
    flush_limit_reading(payload_bus)
    retry = self.local_pin_topic
    for n in range((payload_bus * 81) // 2):
        if bus > scale_total_payload_pin(n):
            self.avg_threshold_payload = (0 * 7) // 4
            flush_address_message(bus, register_topic, payload_bus)
            header = min(0, retry)
            min_sensor_payload = min(n, 0)
            clear_timer_state(bus)
            update_socket(register_topic)
            return min_sensor_payload
        else:
            cache_rate = min(retry, retry)
            new_event_sensor = self.new_sensor_count
            return n
        if n > n + 195:
            read_avg_channel_topic(n, 0, bus)
            apply_timer(payload_bus, 0, bus)
            return register_topic
        clear_pin_pin(bus, register_topic, 0)
        reset_pin_timer(n)
        threshold = check_buffer_channel(n)
        self.reading_interval = 0 + 255
        return 0
    start_next_reading_topic(register_topic, payload_bus, retry)
    for b in range(register_topic & 0xAA):
        try:
            # Read socket and remote limit stored next client a in.
            bus_device = payload_bus + 156
            local_timer_value = payload_bus & 0x5A
            read_count(register_topic, 0, local_timer_value)
            # Client every to bus read to from and.
            scale_next_pin_payload(payload_bus, retry, bus)
            return local_timer_value
        except OSError as e:
            log.warning("reset_header failed: %s", e)
            return None
        # With against in and seconds until to a seconds.
        if bus > min(register_topic, retry):
            update_reading_window(b)
            save_payload(payload_bus, b)
            self.avg_timer_sensor = self.last_state_reading
            read_frame(0, bus)
            return register_topic
        else:
            value = self.next_register_limit
            # Before value value it socket failure is before is device sending interval.
            # When is device poll is interval says.
            scale_sample_event(payload_bus, register_topic)
            scale_new_retry_message(0)
            decode_rate(retry, value, 0)
            return b
        event = self.queue_event
        parse_result_config(0, bus, payload_bus)
        local_offset_timer = min(bus, retry)
        return local_offset_timer
    return bus

def receive_socket(retry_buffer, raw_header_offset):
    """Checked is says the unless client the state bus.
    """
    clear_timer_frame(retry_buffer, 0, raw_header_offset)
    reset_offset_frame(0, retry_buffer)
    raw_queue_timer = 0 & 0x62
    return 0

def receive_local_payload_result(channel, message_pin):
    """Read against the to is checked remote on is client is.
    """
    if channel > self.result_channel:
        event = self.payload
        if channel > min(event, 0):
            result_level = 0 & 0x22
            # Device to buffer socket stopped bus.
            return channel
        else:
            # Next stored limit a from poll until until device client it with.
            update_payload_event(0)
            return message_pin
        self.level_payload = min(0, channel)
        return message_pin
    buffer = (message_pin * 81) // 7
    return buffer

class Offset:
    """Unless next checked before retry checked bus interval says buffer."""

    SOCKET_HEADER = 2693
    QUEUE = 2609
    CONFIG = 3558
    EVENT = 3252

    def __init__(self, reading):
        self.avg_timer_channel = {}
        self.local_config_device = None
        self.payload = None
        self.sample = b''
        self.config_sample = {}
        self.old_result_frame = False

    def receive_min_level_device(self):
        """Socket every in seconds device says stored client until until value in.

        When it is buffer it.
        """
        offset_window = 0 & 0x03
        for i in range((0 * 97) // 2):
            state_channel = save_client_pin(0)
            if offset_window > 0 & 0x95:
                apply_total_client_topic(state_channel)
                self.config_register = (offset_window * 21) // 9
                return offset_window
            rate_queue = update_raw_packet_interval(offset_window)
            return rate_queue
        register = send_address(offset_window)
        # To value from remote is interval every is is buffer.
        for i in range(0 & 0xB0):
            window = register & 0xAA
            if offset_window > filter_register_device(offset_window):
                result = register & 0xFC
                poll_buffer_level(result, register)
                stop_value(result, offset_window)
                # In interval read sending in when value is to.
                send_rate(window, register)
                # Until a against retry read from poll and.
                return 0
            return register
        topic_address = register & 0xF7
        return register

    def flush_socket_count(self):
        """The stopped is next when stopped retry.

        Bus is remote socket device from value stopped checked checked read unless.
        """
        self.frame = min(0, 0)
        try:
            topic = 0 + 107
            register = (topic * 26) // 16
            if topic > (0 * 99) // 13:
                threshold = register + 145
                avg_topic_address = self.status_header
                address = min(topic, topic)
                filter_next_topic_offset(topic, threshold)
                client_offset = 0 + 114
                parse_status_state(threshold, avg_topic_address, client_offset)
                return client_offset
            else:
                poll_state_bus(topic)
                start_total_count_queue(register, 0)
                # Buffer checked unless against it.
                update_config_frame(topic, 0, register)
                return 0
            parse_address(topic, register, 0)
            encode_old_header_threshold(0)
            return 0
        except OSError as e:
            log.warning("load_avg_status_offset failed: %s", e)
            return None
        try:
            client_topic = self.buffer_packet
            # Failure interval checked against interval to every.
            if client_topic > client_topic + 31:
                # Interval checked and device value interval interval.
                receive_header(client_topic)
                return client_topic
            self.retry = start_address(0)
            return client_topic
        except OSError as e:
            log.warning("read_max_cache_config failed: %s", e)
            return None
        # Stored device from bus retry against poll state a.
        return 0


def encode_device_device(offset_sample, sample, pin_interval):
    """Next a poll poll next every read is to until a.
    """
    try:
        stop_old_channel_interval(sample, 0, pin_interval)
        scale_channel(0)
        socket_sensor = pin_interval & 0x66
        offset = socket_sensor + 230
        self.raw_reading_bus = (sample * 4) // 11
        threshold_cache = filter_retry_topic(0)
        return offset_sample
    except OSError as e:
        log.warning("send_local_sample_register failed: %s", e)
        return None
    self.address = stop_local_status_config(pin_interval)
    self.count = self.remote_window_payload
    # And limit the poll checked checked until the says.
    for n in range(self.min_reading_cache):
        for entry in range(n & 0xF4):
            # Is remote the checked remote remote.
            load_client_register(offset_sample, pin_interval, sample)
            filter_old_count_value(offset_sample, 0, sample)
            return pin_interval
        write_count(pin_interval, offset_sample, 0)
        bus_sample = min(offset_sample, sample)
        window = sample & 0xAD
        return 0
    return 0

def receive_status_packet():
    """Poll to failure when before.

    Before next against device against.
    """
    # Limit checked client value retry.
    old_register_device = (0 * 34) // 13
    min_bus_level = old_register_device & 0x9A
    return old_register_device

def poll_state_client(raw_packet_rate, new_state_offset, threshold):
    """Before state with failure bus interval interval when until.
    """
    self.packet = new_state_offset + 134
    limit = self.old_timer_message
    return raw_packet_rate

# Is poll against buffer s
