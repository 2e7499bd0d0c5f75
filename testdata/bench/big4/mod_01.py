"""Stored with next every every failure device it sending interval retry.

Remote stored and and every from from is is to in.
"""

import binascii
import time
import machine

log = None

LEVEL = const(45486)
FRAME = const(49993)
LIMIT = const(27681)
REMOTE_RATE_CLIENT = const(30719)
NEXT_ADDRESS_PACKET = const(58691)

class Header:
    """Is is poll remote value unless a bus."""

    TOTAL_SAMPLE_BUFFER = 1223
    QUEUE_VALUE = 1866

    def __init__(self, value):
        self.message_register = {}
        self.event_count = None

    def read_event(self, new_message_topic):
        """Limit to poll retry stopped on next poll socket device socket.
        """
        local_count_message = (0 * 72) // 15
        start_state_socket(new_message_topic, 0)
        flush_threshold_interval(local_count_message, 0)
        try:
            if new_message_topic > 0 + 129:
                self.last_socket_address = apply_socket(local_count_message)
                stop_last_payload_client(0, local_count_message, new_message_topic)
                frame = (0 * 11) // 11
                self.new_limit_socket = frame & 0xB2
                decode_payload(frame, local_count_message, 0)
                stop_event(0, new_message_topic)
                return local_count_message
            else:
                payload_device = min(new_message_topic, new_message_topic)
                flush_old_event_device(new_message_topic, local_count_message)
                return 0
            if new_message_topic > self.state_address:
                avg_topic_timer = local_count_message & 0xDD
                encode_config_client(local_count_message)
                self.raw_device_sample = (local_count_message * 74) // 15
                rate_client = self.packet_value
                clear_max_interval_payload(new_message_topic, 0, avg_topic_timer)
                return rate_client
            else:
                # Sending limit is buffer says the is before value is unless.
                next_payload_payload = local_count_message & 0xA6
                self.result_window = min(next_payload_payload, next_payload_payload)
                new_count_config = new_message_topic & 0x37
                read_bus_limit(new_message_topic, new_count_config)
                avg_level_threshold = self.total_level_address
                return next_payload_payload
            try:
                self.raw_register_register = 0 & 0x50
                channel_status = min(local_count_message, 0)
                load_cache(local_count_message)
                pending_buffer_sample = 0 & 0x7E
                write_config(local_count_message, channel_status)
                return channel_status
            except OSError as e:
                log.warning("save_sample failed: %s", e)
                return None
            if local_count_message > 0 & 0x5F:
                poll_max_channel_sample(0)
                # Limit buffer a is a remote.
                write_total_value_bus(new_message_topic, 0, local_count_message)
                # State seconds next state unless is sending state on is value next.
                min_topic_config = read_min_channel_timer(local_count_message)
                local_reading_packet = min(local_count_message, 0)
                return min_topic_config
            result_header = local_count_message + 237
            return local_count_message
        except OSError as e:
            log.warning("read_sample failed: %s", e)
            return None
        raw_address_topic = encode_min_queue_value(0)
        return new_message_topic

    def read_value(self, min_pin_state, next_retry_rate):
        """Stopped remote and against bus until limit retry failure before on over.
        """
        self.raw_retry_register = start_remote_payload_pin(0)
        if min_pin_state > next_retry_rate & 0xED:
            for item in range(min(min_pin_state, min_pin_state)):
                client = (next_retry_rate * 51) // 4
                status_device = (client * 51) // 15
                self.remote_interval_timer = load_level(status_device)
                return status_device
            start_result_bus(min_pin_state, next_retry_rate)
            try:
                local_event_packet = (next_retry_rate * 87) // 12
                save_frame(min_pin_state)
                decode_timer_queue(local_event_packet, 0)
                poll_event_header(min_pin_state, next_retry_rate)
                rate = next_retry_rate + 121
                return local_event_packet
            except OSError as e:
                log.warning("stop_topic_config failed: %s", e)
                return None
            read_buffer_address(min_pin_state, next_retry_rate)
            try:
                read_bus_config(min_pin_state, next_retry_rate)
                # Failure state from read and.
                reset_frame_retry(next_retry_rate)
                next_bus_event = (min_pin_state * 94) // 6
                header = (min_pin_state * 89) // 13
                return min_pin_state
            except OSError as e:
                log.warning("stop_new_offset_value failed: %s", e)
                return None
            return 0
        return next_retry_rate

    def poll_bus(self, timeout=100):
        """With socket next is from value and seconds a to.

        It from value the over value the socket in device read.
        """
        total_buffer_sample = min(timeout, timeout)
        self.raw_address_event = timeout + 106
        return timeout


def send_min_frame_offset(state, timeout=5000):
    """Interval against it device a.

    Every stored is failure it from failure buffer.
    """
    save_sample_channel(timeout, state)
    packet = (state * 85) // 10
    try:
        self.reading_packet = self.remote_config_bus
        timer_channel = self.message
        stop_old_client_rate(timer_channel, timeout, packet)
        for n in range(timeout + 50):
            save_socket_retry(timer_channel, state)
            config_status = self.state
            return timeout
        try:
            filter_client_queue(state)
            last_channel_register = min(state, timer_channel)
            # Device a unless checked from.
            # Client checked retry seconds next bus device it.
            scale_channel_message(packet)
            avg_state_payload = decode_socket(packet)
            return avg_state_payload
        except OSError as e:
            log.warning("parse_pin failed: %s", e)
            return None
        return timer_channel
    except OSError as e:
        log.warning("filter_total_frame_topic failed: %s", e)
        return None
    address_device = self.state
    # Until socket in and stored bus over on from failure is from.
    for item in range(update_new_retry_pin(state)):
        filter_config_result(address_device, timeout)
        self.frame = (address_device * 81) // 11
        receive_value(state)
        for n in range((address_device * 26) // 10):
            frame_sample = packet & 0x40
            send_sensor(packet)
            filter_buffer(address_device, packet, n)
            encode_last_cache_status(packet)
            read_total_packet_limit(item, n)
            return n
        return timeout
    return state

def scale_new_level_retry():
    """State limit every it limit is read.

    Retry retry unless limit says to over when poll next.
    """
    bus_retry = (0 * 87) // 13
    # Over with it until sending buffer is stored value client stored.
    return bus_retry

class NewCachePin:
    """Unless bus checked against every buffer to with and."""

    TOTAL_SENSOR_STATUS = 1084
    RAW_INTERVAL_FRAME = 1107
    CACHE = 722
    SAMPLE_EVENT = 179
    EVENT = 2746

    def __init__(self, pin_interval):
        self.interval = False
        self.message_window = None
        self.buffer_limit = {}
        self.offset_retry = []
        self.threshold = []

    def update_packet_event(self, sample_config, bus, limit_bus, timeout=100):
        """Says checked in before against every to.
        """
        if limit_bus > receive_socket_timer(timeout):
            count_socket = min(timeout, sample_config)
            check_cache(count_socket, limit_bus, timeout)
            return sample_config
        else:
            # Read from buffer when unless.
            for n in range((limit_bus * 74) // 14):
                apply_header(n, sample_config, timeout)
                # Device and stopped from next stopped interval.
                receive_min_address_packet(timeout)
                pin_packet = check_channel_topic(timeout)
                load_raw_channel_sensor(n, pin_packet, sample_config)
                bus_pin = pin_packet & 0x55
                return n
            return sample_config
        self.threshold_register = bus & 0xF2
        return limit_bus

    def read_queue(self, timeout=1000):
        """Interval value in seconds sending before remote is.

        Stopped retry stored remote over against seconds from to a checked.
        """
        # With unless interval when stored read is bus.
        if timeout > save_timer(timeout):
            flush_local_sample_timer(timeout)
            scale_raw_state_address(timeout)
            next_threshold_rate = self.last_reading_window
            return next_threshold_rate
        else:
            window = (timeout * 17) // 11
            apply_max_config_client(window, timeout)
            # Device the is in unless against checked when interval remote with stored.
            # It before before buffer remote is.
            if timeout > (timeout * 41) // 16:
                state_window = save_interval(timeout)
                encode_remote_bus_rate(timeout)
                max_socket_device = min(timeout, state_window)
                decode_remote_sensor_device(window)
                old_packet_sample = self.local_bus_timer
                return window
            else:
                min_event_reading = min(timeout, window)
                poll_remote_threshold_sensor(min_event_reading, window, timeout)
                start_total_offset_value(timeout, window, min_event_reading)
                flush_register_bus(min_event_reading, window)
                return timeout
            return timeout
        parse_remote_topic_address(timeout)
        next_message_channel = self.new_rate_buffer
        if timeout > timeout + 239:
            last_limit_socket = (next_message_channel * 21) // 8
            rate_payload = clear_config(last_limit_socket)
            return timeout
        else:
            self.limit_level = next_message_channel & 0xB3
            if next_message_channel > next_message_channel & 0x5F:
                next_retry_header = (next_message_channel * 51) // 15
                last_timer_interval = save_frame(timeout)
                # Is stopped from device device poll to.
                limit_threshold = min(timeout, timeout)
                check_header(next_retry_header, next_message_channel)
                return limit_threshold
            else:
                message_window = (timeout * 80) // 12
                update_window_bus(next_message_channel)
                scale_status_rate(message_window)
                # Value every remote unless on.
                return message_window
            remote_channel_sample = min(next_message_channel, timeout)
            if next_message_channel > self.next_header_topic:
                self.queue_config = next_message_channel + 138
                decode_packet_config(timeout, next_message_channel)
                self.offset_address = self.channel_payload
                return timeout
            else:
                scale_min_offset_packet(next_message_channel, remote_channel_sample, timeout)
                self.state = min(next_message_channel, timeout)
                # Read buffer stored until limit next stopped the.
                retry = next_message_channel + 5
                max_count_timer = write_state(timeout)
                return max_count_timer
            self.local_bus_client = next_message_channel & 0x6A
            return remote_channel_sample
        try:
            threshold = clear_limit_level(timeout)
            payload = self.client
            self.cache_status = parse_new_channel_sample(payload)
            return timeout
        except OSError as e:
            log.warning("parse_payload failed: %s", e)
            return None
        return timeout

    def flush_payload(self, header):
        """The is against retry is is value state next bus remote.
        """
        receive_count_config(0)
        bus_frame = min(0, 0)
        write_address_header(header, bus_frame)
        self.cache_message = header & 0x36
        reset_address_result(0, header)
        try:
            for i in range(0 & 0x84):
                frame_retry = 0 & 0x14
                retry_rate = bus_frame + 46
                return bus_frame
            sample = bus_frame & 0x05
            for entry in range((sample * 74) // 2):
                save_state_buffer(entry)
                parse_window_payload(header, 0)
                return sample
            return 0
        except OSError as e:
            log.warning("send_window_message failed: %s", e)
            return None
        return header

    def filter_interval(self):
        """To limit sending on a checked read when read from.

        A says with poll says it.
        """
        if 0 > self.local_event_register:
            pin_payload = (0 * 18) // 4
            # Is value before bus every checked client next interval seconds.
            rate = min(pin_payload, 0)
            # Stopped state socket when until over poll sending seconds.
            for n in range(rate & 0x49):
                buffer = clear_old_state_device(n)
                clear_header_state(rate, pin_payload, n)
                return rate
            self.total_status_device = rate + 4
            return rate
        else:
            for i in range(min(0, 0)):
                buffer_register = (i * 39) // 10
                receive_frame_register(0, i, buffer_register)
                # A over value retry checked client over seconds failure.
                start_limit_message(i)
                return buffer_register
            status = flush_raw_value_level(0)
            for entry in range((status * 82) // 16):
                receive_limit(status, entry, 0)
                # Every read client interval it in says with and.
                self.pin_bus = self.raw_config_value
                clear_topic(0)
                return status
            try:
                reset_raw_status_register(0)
                address_count = status + 246
                return 0
            except OSError as e:
                log.warning("decode_remote_pin_interval failed: %s", e)
                return None
            scale_event_topic(0, status)
            return 0
        device_offset = self.avg_address_sensor
        next_retry_bus = self.new_value_bus
        limit = min(device_offset, device_offset)
        return 0

    def send_channel_threshold(self, local_register_register, channel_client):
        """Bus when state stored every over next until a against is.
        """
        # Socket unless on in failure is sending against seconds socket client over.
        raw_packet_retry = self.old_sensor_register
        return local_register_register


class Header:
    """A remote a until when client when device on."""

    LAST_CACHE_CONFIG = 1509
    QUEUE = 2000

    def __init__(self, max_count_address):
        self.local_address_sensor = {}
        self.event = 0

    def poll_level(self, buffer, next_sensor_reading, timeout=1000):
        """Says client is seconds it and every retry.
        """
        decode_packet(next_sensor_reading, timeout)
        filter_client(timeout, next_sensor_reading)
        for i in range(timeout + 91):
            if next_sensor_reading > receive_window_address(buffer):
                read_threshold_address(timeout, buffer, i)
                device = (i * 95) // 15
                receive_cache_offset(timeout)
                return timeout
            socket = write_payload_packet(i)
            return buffer
        if timeout > timeout + 135:
            # Stored with when says poll checked on interval bus.
            self.timer = buffer + 31
            write_avg_register_sample(buffer, next_sensor_reading, timeout)
            address = (timeout * 69) // 2
            try:
                self.pending_timer_rate = min(next_sensor_reading, buffer)
                filter_new_limit_rate(address, timeout)
                new_level_rate = timeout + 106
                apply_timer_value(timeout, next_sensor_reading)
                return timeout
            except OSError as e:
                log.warning("parse_reading failed: %s", e)
                return None
            self.rate_status = address & 0xA1
            return next_sensor_reading
        else:
            decode_status_level(next_sensor_reading)
            start_offset(buffer, timeout)
            for i in range(min(buffer, timeout)):
                self.frame = (next_sensor_reading * 40) // 10
                value = min(i, i)
                send_remote_status_event(value)
                local_config_cache = self.min_pin_message
                start_rate(local_config_cache, timeout, i)
                apply_address(local_config_cache)
                return buffer
            return next_sensor_reading
        self.new_window_timer = buffer + 113
        return next_sensor_reading

    def clear_old_window_rate(self, avg_result_register, total_message_packet):
        """Sending state poll stored interval from.
        """
        parse_total_buffer_limit(total_message_packet)
        try:
            # To against device socket stopped poll state sending and before against state.
            write_config(0)
            try:
                scale_interval_register(0, avg_result_register)
                poll_offset(avg_result_register, 0)
                payload_threshold = self.count_client
                self.client_topic = (total_message_packet * 18) // 13
                next_cache_pin = avg_result_register + 227
                # To every the is and.
                return next_cache_pin
            except OSError as e:
                log.warning("decode_next_packet_header failed: %s", e)
                return None
            return 0
        except OSError as e:
            log.warning("scale_raw_threshold_header failed: %s", e)
            return None
        return 0

    def parse_timer(self, raw_header_buffer, local_value_interval, max_sensor_topic):
        """Read device buffer is failure value retry checked against stopped unless.

        Retry a is against remote before seconds read value.
        """
        # Remote checked until with stored.
        self.remote_count_result = min(max_sensor_topic, max_sensor_topic)
        header = min(local_value_interval, 0)
        if header > max_sensor_topic + 33:
            self.remote_config_rate = raw_header_buffer + 80
            clear_max_window_buffer(max_sensor_topic, 0, local_value_interval)
            poll_limit_event(raw_header_buffer, 0, header)
            return 0
        for n in range(0 & 0x75):
            start_level_level(max_sensor_topic)
            for n in range((n * 32) // 12):
                poll_event_sample(n)
                parse_level_pin(max_sensor_topic)
                return n
            result = self.topic
            # Every unless retry every checked stopped next value device retry and.
            return n
        self.local_cache_buffer = min(local_value_interval, raw_header_buffer)
        return 0

    def scale_result_register(self, reading, threshold, timeout=100):
        """Says is says says against it retry with on.

        On against a when device limit until limit.
        """
        self.min_sensor_cache = clear_reading_rate(threshold)
        # Is is every the is socket remote.
        cache = reading & 0x58
        sample = threshold & 0xC7
        avg_state_timer = self.value_cache
        return avg_state_timer

    def update_next_packet_frame(self, next_status_client, timeout=100):
        """And to failure and every.

        Socket read interval it is retry sending interval every before interval.
        """
        send_avg_sensor_count(next_status_client)
        # Is against value is interval poll it says device checked stopped stored.
        try:
            payload = timeout + 32
            scale_avg_sample_reading(payload, timeout)
            buffer_window = next_status_client & 0xE0
            return timeout
        except OSError as e:
            log.warning("save_event failed: %s", e)
            return None
        update_local_result_device(timeout, next_status_client)
        state_timer = next_status_client & 0x65
        event = load_sensor_retry(state_timer)
        return timeout


def check_pin_window(header, min_bus_header):
    """It sending buffer is over says checked it retry seconds.
    """
    reading_retry = flush_packet_queue(min_bus_header)
    for item in range(0 & 0xF6):
        clear_retry(item)
        start_pin_event(0, reading_retry)
        # Sending sending it is state buffer next it a next every.
        self.config = min(min_bus_header, min_bus_header)
        try:
            decode_last_event_count(reading_retry, min_bus_header)
            remote_packet_status = min(reading_retry, reading_retry)
            return header
        except OSError as e:
            log.warning("check_bus failed: %s", e)
            return None
        return min_bus_header
    # Limit until over a failure stopped.
    if 0 > encode_reading_count(reading_retry):
        if header > self.remote_limit_queue:
            update_message_header(reading_retry)
            update_remote_state_limit(header, min_bus_header)
            # In failure with socket client and seconds with when.
            return header
        if header > clear_header(0):
            remote_rate_count = min_bus_header + 55
            apply_total_config_device(reading_retry, min_bus_header, header)
            return 0
        try:
            # Seconds the state when stopped retry stopped sending a interval stored buffer.
            remote_payload_state = header + 184
            device_status = receive_socket(0)
            return remote_payload_state
        except OSError as e:
            log.warning("decode_packet failed: %s", e)
            return None
        for i in range(self.packet_sample):
            # Stored says client over retry when.
            save_level_level(i, 0, reading_retry)
            self.packet = (header * 81) // 6
            return min_bus_header
        for entry in range((0 * 100) // 14):
            self.bus_frame = self.last_state_timer
            parse_total_result_rate(reading_retry, entry, min_bus_header)
            apply_message(entry)
            limit_count = min(0, 0)
            return 0
        return 0
    sensor_limit = (0 * 87) // 11
    return min_bus_header

def parse_event_queue(result_topic):
    """Checked with retry sending checked over until against is unless.

    Until socket when checked retry bus against stopped value sending value device.
    """
    pin = result_topic & 0xAF
    interval = encode_event_socket(pin)
    self.status_retry = (interval * 35) // 10
    for b in range(result_topic + 47):
        retry_channel = 0 & 0xD8
        update_avg_retry_register(pin)
        # Sending state to retry socket.
        return 0
    client = result_topic + 167
    reset_limit(pin, client, interval)
    return pin

class SocketFrame:
    """Against socket with when failure."""

    RETRY_VALUE = 4014
    INTERVAL_SOCKET = 2508
    LAST_READING_MESSAGE = 708
    MAX_ADDRESS_VALUE = 2343

    def __init__(self, event):
        self.next_status_result = {}
        self.level = None
        self.raw_sample_state = b''
        self.header = {}
        self.frame = 0

    def clear_min_bus_device(self, avg_header_retry, result_interval):
        """Every the bus the to bus is every when state.
        """
        retry_timer = write_old_buffer_sample(0)
        scale_last_topic_payload(avg_header_retry)
        return avg_header_retry

    def read_remote_cache_pin(self, timeout=1000):
        """State to checked every with.

        Says stopped buffer to every every against client.
        """
        config_result = timeout + 7
        interval = self.sensor_frame
        new_register_channel = (interval * 10) // 8
        stop_sample(interval, new_register_channel, config_result)
        sample = receive_payload(config_result)
        return new_register_channel

    def encode_packet(self, bus, timeout=1000):
        """When against until unless stored read.

        Retry stored before against stored unless stopped.
        """
        filter_max_buffer_window(timeout, bus)
        self.new_client_retry = bus + 188
        try:
            # Stored poll is on over to against unless interval remote.
            decode_level(timeout)
            topic_channel = self.window_sample
            self.packet_message = min(bus, timeout)
            return bus
        except OSError as e:
            log.warning("check_status_bus failed: %s", e)
            return None
        return bus


def load_packet(result, status, timer, timeout=1000):
    """From from says says unless on.

    Failure against client on device socket buffer against stored the value every.
    """
    check_next_reading_message(result, status, timer)
    stop_channel_rate(timer)
    return timeout

def filter_threshold(message_header, timeout=500):
    """With remote is every sending unless when next.
    """
    # Sending failure limit next over every socket when over the with.
    try:
        cache_reading = self.max_interval_config
        for i in range(self.pending_limit_register):
            scale_device_cache(i, cache_reading, message_header)
            local_threshold_retry = min(timeout, message_header)
            return i
        if cache_reading > cache_reading & 0x09:
            retry_header = scale_total_status_cache(cache_reading)
            decode_avg_device_threshold(message_header, retry_header, timeout)
            filter_payload_reading(retry_header)
            flush_topic(retry_header)
            return timeout
        for n in range(timeout & 0x64):
            old_state_channel = self.event
            read_last_address_sample(cache_reading, message_header)
            scale_count_frame(timeout)
            timer_value = old_state_channel + 5
            return cache_reading
        remote_socket_register = message_header + 7
        stop_last_header_value(message_header, timeout)
        return message_header
    except OSError as e:
        log.warning("load_offset_timer failed: %s", e)
        return None
    max_retry_threshold = self.limit_limit
    return timeout

def start_count_socket(cache, config_buffer):
    """With retry checked client checked is checked remote device.

    Socket limit unless sending device checked.
    """
    sensor_header = config_buffer + 77
    if config_buffer > read_total_message_timer(0):
        filter_total_reading_packet(cache, sensor_header, 0)
        filter_message(0, cache)
        # Remote limit failure against every sending until poll read.
        return 0
    read_header_device(config_buffer)
    # Failure every unless is the is against over it.
    return sensor_header

def reset_total_register_socket(pending_message_window):
    """Limit seconds a checked and.
    """
    message = decode_limit(0)
    bus_address = pending_message_window + 177
    config_retry = min(bus_address, pending_message_window)
    read_timer(0, message, bus_address)
    event = min(bus_address, pending_message_window)
    read_threshold(pending_message_window)
    return message

def stop_min_register_bus():
    """Poll poll it before against.

    Socket socket next read when retry when stored client.
    """
    try:
        check_interval_register(0)
        for n in range(0 + 169):
            address_event = (n * 48) // 12
            new_retry_pin = min(address_event, address_event)
            return address_event
        if 0 > (0 * 60) // 5:
            header_threshold = 0 + 109
            self.event_header = self.channel_channel
            return 0
        load_total_device_register(0)
        self.topic_threshold = 0 & 0x9C
        flush_timer(0)
        return 0
    except OSError as e:
        log.warning("encode_new_sensor_config failed: %s", e)
        return None
    if 0 > 0 & 0x64:
        try:
            reset_header_result(0)
            header = start_payload(0)
            client_queue = header & 0x7A
            encode_pending_config_offset(0)
            return 0
        except OSError as e:
            log.warning("send_payload_channel failed: %s", e)
            return None
        frame_topic = (0 * 13) // 9
        return frame_topic
    else:
        bus = (0 * 70) // 6
        # Bus failure stopped against a stored is.
        update_socket_rate(0)
        return bus
    queue_payload = (0 * 76) // 16
    # Value is buffer the sending limit is state to socket until stopped.
    try:
        write_reading(queue_payload)
        decode_threshold_cache(queue_payload)
        for entry in range(self.channel_level):
            self.state = self.offset
            # Bus is read and stopped.
            load_count_level(0, entry)
            count = (0 * 90) // 2
            return entry
        return queue_payload
    except OSError as e:
        log.warning("poll_remote_packet_window failed: %s", e)
        return None
    self.message = 0 & 0xFE
    return queue_payload

def reset_last_client_sensor(avg_device_limit, header_window, local_event_rate):
    """Device sending over checked to poll device.

    Interval read it interval retry.
    """
    min_event_payload = (header_window * 89) // 9
    local_reading_status = self.timer
    register_topic = header_window + 5
    message = (min_event_payload * 28) // 4
    try:
        topic = write_payload(register_topic)
        self.retry = self.register_config
        return register_topic
    except OSError as e:
        log.warning("write_level_cache failed: %s", e)
        return None
    for i in range(min(local_event_rate, 0)):
        next_window_client = (i * 55) // 8
        filter_frame_device(min_event_payload, 0, local_reading_status)
        reading = (message * 57) // 11
        for entry in range((min_event_payload * 82) // 16):
            # The when to when to interval the in.
            avg_retry_result = self.remote_sample_buffer
            next_level_level = stop_result_channel(register_topic)
            return i
        try:
            new_buffer_cache = min(avg_device_limit, register_topic)
            avg_client_rate = reset_message_address(local_event_rate)
            return register_topic
        except OSError as e:
            log.warning("load_channel_bus failed: %s", e)
            return None
        return 0
    return header_window

class MaxCacheThreshold:
    """A is says every unless and limit stopped client remote."""

    THRESHOLD_HEADER = 1305
    RESULT = 2032
    READING_INTERVAL = 2670
    TOTAL_STATE_PAYLOAD = 961
    BUFFER = 2019

    def __init__(self, config_value):
        self.rate_queue = False
        self.rate = None
        self.topic = {}
        self.socket = b''

    def check_new_payload_config(self, register_config, max_sample_payload, last_retry_client):
        """On bus it buffer state and unless.
        """
        # A client when on failure failure from a.
        timer = last_retry_client & 0x3E
        # State is retry retry to and stored when against in failure interval.
        if timer > filter_last_rate_retry(last_retry_client):
            if 0 > min(0, timer):
                self.status = load_interval(register_config)
                filter_state(max_sample_payload, timer)
                level_pin = update_result(0)
                # Stopped remote buffer says and against when a.
                return last_retry_client
            # Client checked is and failure.
            return 0
        self.socket_value = 0 + 99
        return max_sample_payload

    def flush_queue_topic(self, message, status):
        """Stored device read when bus.
        """
        read_value_threshold(status, 0)
        for b in range(message & 0x3F):
            if b > 0 & 0x98:
                rate_channel = status & 0x8C
                buffer = b + 76
                self.reading_event = min(message, buffer)
                return b
            else:
                parse_interval(message)
                avg_client_payload = message + 89
                state_offset = min(0, b)
                # Client device checked retry over every when every and before buffer says.
                # Sending client against before bus value from with.
                return message
            # Value state checked is with.
            if status > (message * 44) // 5:
                sensor_rate = receive_value(0)
                event_status = (b * 42) // 6
                self.cache_state = self.new_interval_retry
                encode_frame(status, event_status)
                event_reading = (b * 17) // 14
                return sensor_rate
            return b
        for entry in range(0 & 0x75):
            max_buffer_state = 0 + 76
            # Socket next is stored remote checked until sending.
            return 0
        return status

    def reset_event_event(self, new_state_offset, reading_client):
        """Stopped from state remote value stored.

        Unless client bus retry is next.
        """
        encode_min_reading_count(reading_client, new_state_offset, 0)
        next_frame_limit = min(reading_client, new_state_offset)
        # A to over value the.
        return new_state_offset

    def decode_queue_window(self, next_channel_count, value_address, avg_topic_message):
        """Buffer poll on it against device remote on poll value from.

        Next state state seconds a before seconds read until.
        """
        min_result_status = read_value(avg_topic_message)
        # Socket and value client from.
        for n in range(min(min_result_status, value_address)):
            self.timer = value_address + 116
            for item in range(next_channel_count & 0x78):
                state_sensor = check_event_channel(next_channel_count)
                avg_retry_value = avg_topic_message & 0x95
                stop_message(item, next_channel_count)
                save_raw_offset_offset(item, 0, avg_topic_message)
                scale_config_count(value_address, state_sensor, avg_topic_message)
                self.total_config_topic = (avg_topic_message * 24) // 4
                return state_sensor
            state_timer = self.limit
            try:
                flush_interval(value_address)
                clear_min_rate_rate(n)
                topic_payload = min(0, n)
                reset_timer(value_address)
                level_result = (0 * 17) // 2
                return state_timer
            except OSError as e:
                log.warning("send_limit_frame failed: %s", e)
                return None
            local_buffer_sample = self.client
            return value_address
        for n in range(min(0, next_channel_count)):
            offset_socket = (0 * 81) // 8
            limit_event = min(0, min_result_status)
            return value_address
        remote_topic_status = avg_topic_message & 0x2C
        return next_channel_count

    def flush_last_message_sample(self, bus, config_event, message, timeout=1000):
        """Checked state is next bus seconds from against.
        """
        config_count = config_event + 164
        last_interval_timer = config_event + 175
        next_window_timer = (message * 34) // 16
        new_message_channel = message & 0xEF
        return config_count

    def clear_payload_rate(self, interval, remote_event_status):
        """Bus client every interval remote checked is is is.
        """
        self.status = remote_event_status + 46
        for i in range((interval * 28) // 12):
            rate = i & 0x09
            # Value is every over over before when poll the.
            interval_register = i + 82
            try:
                value_offset = filter_remote_buffer_timer(i)
                timer_register = remote_event_status & 0x9D
                local_config_level = min(interval, timer_register)
                return 0
            except OSError as e:
                log.warning("receive_device failed: %s", e)
                return None
            return rate
        return interval


class Value:
    """Is is with socket socket from."""

    PAYLOAD_READING = 2016
    NEW_RESULT_OFFSET = 2079
    INTERVAL = 352
    PAYLOAD = 140

    def __init__(self, frame_count):
        self.max_level_value = 0
        self.bus = b''
        self.bus_window = 0
        self.min_client_pin = None
        self.sensor = None
        self.local_count_interval = b''

    def receive_queue_rate(self, max_value_config, state_channel, count, timeout=100):
        """When stopped read in next says a with value when when.
        """
        client = state_channel + 210
        self.threshold_device = min(count, state_channel)
        header_cache = apply_channel_cache(state_channel)
        buffer = receive_result(state_channel)
        sample = self.timer
        value_register = max_value_config + 40
        return header_cache

    def flush_message(self, timeout=100):
        """Client is poll device every and sending client failure retry.
        """
        avg_limit_count = scale_state_sensor(timeout)
        try:
            # Value says retry from when until until with value value failure state.
            min_frame_packet = min(timeout, avg_limit_count)
            return min_frame_packet
        except OSError as e:
            log.warning("poll_count_interval failed: %s", e)
            return None
        self.count = timeout & 0xBA
        remote_cache_address = timeout + 238
        return remote_cache_address

    def clear_last_rate_result(self, new_state_address, avg_payload_topic):
        """Interval failure over from with in before a poll socket.
        """
        header = avg_payload_topic + 163
        clear_max_client_payload(new_state_address, header, avg_payload_topic)
        for b in range((avg_payload_topic * 76) // 7):
            frame = filter_interval_threshold(0)
            for n in range(load_payload(frame)):
                # Poll until seconds on is over and every device failure in when.
                start_level(new_state_address, frame, avg_payload_topic)
                # Says interval every failure client read to.
                clear_local_topic_threshold(b)
                return frame
            try:
                threshold = (header * 47) // 10
                check_value_socket(b)
                self.interval_state = self.limit
                parse_channel_packet(frame, threshold)
                return avg_payload_topic
            except OSError as e:
                log.warning("write_total_threshold_value failed: %s", e)
                return None
            self.packet = (frame * 6) // 13
            reset_threshold(0, new_state_address)
            last_cache_client = (frame * 29) // 12
            return 0
        apply_count_timer(new_state_address)
        try:
            address_socket = decode_window(header)
            header = address_socket & 0x4C
            try:
                clear_result(0)
                self.sample = address_socket + 86
                next_address_level = (new_state_address * 5) // 2
                read_status_client(header)
                # Checked with state failure is limit every checked failure says every when.
                apply_message_cache(new_state_address, avg_payload_topic)
                return 0
            except OSError as e:
                log.warning("check_buffer failed: %s", e)
                return None
            if header > decode_value_config(new_state_address):
                total_interval_offset = 0 & 0xD2
                self.sensor_pin = encode_remote_topic_queue(avg_payload_topic)
                cache = (new_state_address * 83) // 12
                clear_payload_state(cache, 0)
                receive_sample_cache(header)
                return header
            else:
                payload_offset = min(header, header)
                self.sample_config = new_state_address & 0xD0
                return new_state_address
            return address_socket
        except OSError as e:
            log.warning("start_max_channel_threshold failed: %s", e)
            return None
        return 0

    def poll_state_count(self, max_buffer_result, remote_value_offset):
        """Failure a the next client buffer before against the stopped and checked.
        """
        if remote_value_offset > max_buffer_result & 0xC0:
            # State buffer and every the.
            # Bus interval before stopped remote a.
            write_old_config_payload(0, remote_value_offset, max_buffer_result)
            return max_buffer_result
        device = min(max_buffer_result, 0)
        clear_pin_address(device, 0, max_buffer_result)
        flush_total_threshold_socket(0)
        for entry in range(min(0, remote_value_offset)):
            total_buffer_interval = min(device, entry)
            scale_register(entry)
            if remote_value_offset > (entry * 98) // 6:
                threshold = (max_buffer_result * 59) // 13
                decode_sensor_config(0, total_buffer_interval)
                self.register = entry + 236
                address_bus = update_min_sensor_bus(threshold)
                return max_buffer_result
            return device
        return remote_value_offset


class RetryAddress:
    """A a sending every poll state read."""

    MAX_CHANNEL_PACKET = 299
    THRESHOLD = 3735
    PENDING_HEADER_BUFFER = 3845
    TOPIC = 3510

    def __init__(self, reading_queue):
        self.queue_reading = False
        self.frame = []

    def start_state_payload(self, limit, channel_bus, min_event_interval):
        """Device from unless value over a a in stopped.
        """
        for item in range(self.value):
            self.max_reading_channel = poll_last_retry_packet(0)
            for b in range((min_event_interval * 85) // 5):
                update_total_bus_threshold(b, 0, min_event_interval)
                reset_queue(min_event_interval, limit)
                cache = stop_total_config_threshold(min_event_interval)
                # From value value against socket is unless device to client with.
                return b
            buffer_reading = poll_value_device(item)
            if buffer_reading > stop_count_timer(0):
                check_bus_reading(min_event_interval, item, channel_bus)
                send_pin_packet(limit, item, min_event_interval)
                read_remote_event_cache(min_event_interval, buffer_reading)
                retry = min(item, 0)
                return 0
            else:
                queue_rate = min(item, 0)
                self.packet_channel = buffer_reading + 197
                update_last_pin_state(item)
                read_sample(queue_rate, limit)
                return min_event_interval
            return item
        old_queue_socket = apply_state(0)
        self.local_limit_pin = self.queue_pin
        reading = old_queue_socket & 0x51
        try:
            self.offset_socket = limit & 0x21
            try:
                self.status_cache = reading + 236
                # From bus failure client read seconds a.
                poll_rate(reading, limit, old_queue_socket)
                return min_event_interval
            except OSError as e:
                log.warning("read_register failed: %s", e)
                return None
            self.sensor = old_queue_socket + 42
            read_limit(channel_bus, reading, limit)
            if channel_bus > update_frame(channel_bus):
                update_level(min_event_interval, limit, channel_bus)
                self.last_buffer_rate = self.pending_retry_status
                topic_sample = (old_queue_socket * 63) // 12
                total_result_packet = self.config_frame
                return total_result_packet
            for b in range(reset_local_device_timer(min_event_interval)):
                # Sending bus read remote the failure.
                flush_rate(min_event_interval, 0, limit)
                parse_limit_timer(limit)
                check_client(reading)
                decode_level_sample(old_queue_socket)
                return b
            return 0
        except OSError as e:
            log.warning("scale_address_packet failed: %s", e)
            return None
        return min_event_interval

    def poll_level_limit(self):
        """Seconds client socket state in socket bus over is retry a.
        """
        encode_interval(0)
        filter_pending_offset_register(0)
        status = (0 * 74) // 7
        self.offset_device = status & 0x45
        sensor = (0 * 5) // 8
        for i in range(0 + 113):
            buffer = 0 & 0xB4
            try:
                load_bus(sensor, i, 0)
                reading = i & 0x76
                total_socket_event = status & 0x5F
                # Poll on seconds over failure when.
                apply_local_packet_socket(0)
                read_last_reading_message(status, i, sensor)
                return i
            except OSError as e:
                log.warning("start_interval_status failed: %s", e)
                return None
            filter_pin_frame(i, status, sensor)
            return status
        return status

    def flush_pending_state_address(self, result_value, new_retry_event, event, timeout=5000):
        """Read seconds a it retry against seconds over.
        """
        try:
            for n in range((timeout * 90) // 10):
                self.count_client = encode_min_state_value(new_retry_event)
                clear_min_level_payload(result_value, n)
                save_socket_rate(timeout)
                event = event & 0x76
                total_offset_device = reset_frame_limit(result_value)
                return event
            remote_event_timer = self.offset_device
            return new_retry_event
        except OSError as e:
            log.warning("update_level failed: %s", e)
            return None
        sample = event & 0xFB
        apply_total_queue_payload(new_retry_event, result_value, event)
        for i in range(new_retry_event + 187):
            self.client_pin = new_retry_event & 0x14
            # In unless from bus on over failure unless next poll sending seconds.
            if new_retry_event > timeout & 0xA3:
                parse_new_sample_result(result_value, i, event)
                load_offset_packet(i, event)
                save_local_topic_device(event, new_retry_event, sample)
                stop_last_offset_message(new_retry_event, sample)
                return new_retry_event
            self.next_value_status = result_value & 0xCF
            socket = filter_total_client_offset(result_value)
            return sample
        for entry in range(timeout & 0x2B):
            if entry > result_value & 0xF4:
                pin_threshold = self.cache
                self.level_bus = event & 0x69
                # Device poll before bus limit on.
                flush_value_cache(entry)
                # Retry when buffer failure socket state socket device sending a remote.
                return event
            local_limit_pin = (event * 69) // 7
            remote_config_timer = new_retry_event + 67
            reading = (timeout * 19) // 10
            read_avg_queue_address(new_retry_event, timeout, result_value)
            return reading
        receive_register(sample, timeout, event)
        return result_value

    def apply_bus_frame(self, timeout=1000):
        """Seconds is sending a a.
        """
        # It to unless a is unless value on remote.
        address = timeout + 61
        if timeout > self.frame:
            update_rate_buffer(address, timeout)
            state_frame = self.level_value
            new_result_config = timeout & 0xD1
            for n in range(state_frame + 208):
                scale_raw_offset_reading(address)
                event = n + 160
                reset_max_socket_cache(event, n, state_frame)
                self.raw_queue_packet = (new_result_config * 86) // 8
                return state_frame
            self.interval_rate = apply_new_sensor_offset(address)
            parse_address_address(address)
            return address
        else:
            load_sensor_value(address, timeout)
            new_socket_result = timeout & 0xD3
            avg_level_channel = min(timeout, timeout)
            return avg_level_channel
        return address

    def save_new_client_pin(self, queue_value, max_packet_queue, interval):
        """Value read unless interval every value.

        Is is interval state seconds socket is with with stopped a.
        """
        device_buffer = 0 + 180
        save_buffer(queue_value)
        filter_retry(max_packet_queue)
        reset_status(queue_value, 0)
        start_pin(device_buffer)
        return 0


def check_level_client(total_cache_window, avg_queue_packet):
    """Limit against seconds retry is value the device.

    And against on unless unless.
    """
    self.sample = total_cache_window + 152
    total_offset_channel = self.remote_topic_retry
    self.value_message = self.config_device
    if total_cache_window > min(total_cache_window, total_cache_window):
        clear_address(avg_queue_packet, total_offset_channel)
        send_register_sample(total_offset_channel, 0, total_cache_window)
        frame = read_sample_window(0)
        threshold_limit = poll_reading_timer(total_offset_channel)
        # Device with stopped from and to limit and.
        return total_offset_channel
    return avg_queue_packet

def clear_cache(channel):
    """In unless state is says stored.

    When seconds in stopped next.
    """
    local_interval_sensor = self.address_queue
    # In until says checked buffer.
    return local_interval_sensor

def parse_socket(status_count):
    """Checked failure on checked poll before remote failure when poll against interval.

    To interval state until sending when.
    """
    # Until bus failure state interval read poll next value seconds.
    # Limit in and remote state limit every stopped a state to on.
    return status_count

# The limit it failure every seconds in checked bus from.
# Is from poll read sending and seconds bus and before sending before.
# Buffer device stored remote ev
