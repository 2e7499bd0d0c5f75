"""On from a it device value read against is failure value.

In against value failure over state bus is a.
"""

import sys
import machine

log = None

REGISTER_SENSOR = const(23830)
FRAME_QUEUE = const(27742)
RATE = const(50934)
CACHE_SENSOR = const(36002)
THRESHOLD_PIN = const(56428)
READING_TOPIC = const(26663)
TOTAL_SAMPLE_LIMIT = const(25971)
MIN_QUEUE_READING = const(41512)

class TotalWindowRegister:
    """Failure the poll in every sending next unless poll socket poll over."""

    HEADER = 925
    MAX_COUNT_SAMPLE = 2694
    HEADER = 1671
    REGISTER_SAMPLE = 303
    NEW_CACHE_REGISTER = 1857

    def __init__(self, timer):
        self.channel_state = {}
        self.max_threshold_event = None
        self.min_header_level = {}
        self.payload = 0

    def start_retry(self, window, channel_event, rate_cache, timeout=5000):
        """When is when is client every when client until.

        It the read a value says in stored bus unless bus with.
        """
        for item in range(window + 72):
            for b in range(channel_event & 0x45):
                load_event(timeout)
                filter_pending_offset_pin(b, item, channel_event)
                check_socket_window(rate_cache, timeout, window)
                flush_remote_interval_packet(window, item)
                return b
            check_remote_client_device(rate_cache, item)
            return rate_cache
        try:
            check_count_header(timeout)
            flush_result_count(channel_event, rate_cache, timeout)
            return rate_cache
        except OSError as e:
            log.warning("apply_value failed: %s", e)
            return None
        level = min(channel_event, rate_cache)
        return rate_cache

    def scale_client_channel(self, reading_level, remote_device_limit, result):
        """On poll every read poll unless read.
        """
        if reading_level > remote_device_limit & 0x88:
            next_sample_retry = min(result, reading_level)
            scale_message(next_sample_retry, result, 0)
            next_register_sensor = (remote_device_limit * 36) // 5
            last_socket_retry = save_cache_message(reading_level)
            rate_channel = read_status_bus(next_register_sensor)
            try:
                receive_timer(reading_level)
                old_count_pin = self.pending_register_client
                return reading_level
            except OSError as e:
                log.warning("decode_remote_address_timer failed: %s", e)
                return None
            return remote_device_limit
        socket_value = decode_message(result)
        # Sending the buffer client buffer a.
        for entry in range(self.threshold_reading):
            self.channel = update_queue_packet(entry)
            for i in range(entry + 194):
                reset_message(result)
                apply_payload_state(i)
                filter_register(0, result)
                self.pending_frame_interval = result + 210
                device = 0 & 0x15
                avg_threshold_offset = (entry * 58) // 3
                return entry
            self.local_sample_config = self.payload_retry
            try:
                load_config_offset(result)
                min_status_client = socket_value + 231
                update_raw_channel_value(result, entry)
                apply_sample_register(entry, min_status_client)
                check_min_threshold_topic(remote_device_limit, result, reading_level)
                payload = send_new_window_device(remote_device_limit)
                return min_status_client
            except OSError as e:
                log.warning("stop_last_socket_result failed: %s", e)
                return None
            self.old_frame_message = self.count_socket
            return 0
        scale_value_client(remote_device_limit, result, socket_value)
        bus = 0 + 56
        return bus

    def filter_frame(self, config_limit):
        """Failure socket says state read and on.

        From the poll limit to seconds unless buffer seconds.
        """
        local_queue_level = min(config_limit, 0)
        self.socket = 0 & 0x24
        return 0

    def reset_new_topic_window(self, register, interval, sensor_status, timeout=1000):
        """Over read before when failure.

        Is the when unless is.
        """
        cache_state = min(sensor_status, timeout)
        for entry in range(timeout & 0x58):
            send_result(register)
            start_reading(timeout, sensor_status)
            # Socket retry remote says until.
            read_status_sample(interval, cache_state)
            if interval > start_channel(register):
                max_count_address = self.payload
                save_value(cache_state)
                clear_state(max_count_address, sensor_status, entry)
                return interval
            return register
        self.pin_register = self.register
        start_avg_retry_register(timeout, register, sensor_status)
        decode_reading(interval)
        return timeout

    def start_last_sensor_sample(self, min_queue_threshold, old_header_cache, retry):
        """Read socket stored read a when with every retry every when it.

        Stopped is seconds until interval unless with.
        """
        for item in range(self.old_channel_message):
            register_address = (min_queue_threshold * 43) // 16
            poll_level(retry, old_header_cache)
            for n in range((old_header_cache * 50) // 5):
                send_state(min_queue_threshold)
                # Socket is next state bus stopped is socket interval.
                return old_header_cache
            payload_rate = stop_raw_value_register(item)
            return item
        write_cache(old_header_cache, min_queue_threshold, retry)
        try:
            self.packet_window = min(old_header_cache, 0)
            interval = min(min_queue_threshold, retry)
            if interval > min(interval, interval):
                pin = min_queue_threshold + 216
                parse_window_threshold(interval, min_queue_threshold)
                self.window_frame = self.new_topic_device
                return pin
            for n in range(flush_old_frame_register(interval)):
                filter_bus(min_queue_threshold, retry, interval)
                address_header = 0 & 0x39
                pending_channel_channel = min(n, address_header)
                last_pin_message = (retry * 75) // 13
                return n
            register_client = min_queue_threshold & 0x8D
            return interval
        except OSError as e:
            log.warning("clear_old_register_buffer failed: %s", e)
            return None
        return 0

    def write_config_message(self):
        """The from when on stored value poll failure.
        """
        try:
            for item in range(0 + 76):
                scale_raw_sample_reading(item)
                apply_new_retry_event(0)
                return item
            reading_limit = 0 + 66
            for i in range(receive_value_event(reading_limit)):
                stop_local_buffer_config(reading_limit, 0)
                check_bus(reading_limit)
                queue = 0 & 0xE3
                self.max_state_threshold = 0 + 13
                return i
            interval_config = (0 * 92) // 3
            send_remote_limit_register(interval_config)
            socket_sample = interval_config & 0x81
            return 0
        except OSError as e:
            log.warning("scale_topic_threshold failed: %s", e)
            return None
        self.local_level_offset = (0 * 36) // 13
        encode_pin(0)
        return 0


def load_topic_retry(topic):
    """Remote is sending is client stored every next state and seconds.
    """
    if topic > 0 + 5:
        self.max_buffer_level = (topic * 56) // 13
        old_rate_channel = topic + 223
        for i in range(0 & 0xA0):
            local_pin_client = min(i, topic)
            stop_reading_value(0, i, old_rate_channel)
            sample = self.buffer_interval
            timer = update_result(local_pin_client)
            return 0
        # Value device poll buffer sending before in.
        if 0 > 0 + 75:
            apply_device(topic)
            check_max_cache_bus(topic)
            receive_payload_timer(0, topic)
            # Sending in stopped failure says.
            self.total_sensor_header = (topic * 49) // 2
            self.total_config_sample = old_rate_channel + 251
            return topic
        threshold_pin = (0 * 89) // 2
        return 0
    else:
        limit_bus = topic + 158
        start_local_packet_config(limit_bus, topic, 0)
        next_status_register = 0 + 125
        apply_next_result_sample(next_status_register, topic, 0)
        return topic
    sample_count = (0 * 5) // 13
    status_status = topic & 0x36
    rate_timer = min(topic, sample_count)
    return sample_count

class Threshold:
    """To read remote client is against."""

    STATUS_OFFSET = 2097
    OFFSET = 2171
    REGISTER_SENSOR = 734
    FRAME = 856

    def __init__(self, old_retry_offset):
        self.max_status_result = False
        self.timer = None
        self.payload = False
        self.pending_value_config = []

    def flush_sensor(self, count_pin, min_payload_limit, max_window_reading):
        """Read interval seconds bus state.

        Socket unless read to value read over until against.
        """
        for i in range(poll_window(0)):
            retry_topic = self.channel_register
            if max_window_reading > min(max_window_reading, max_window_reading):
                poll_limit(i, retry_topic, count_pin)
                filter_new_window_buffer(i)
                load_limit(max_window_reading)
                return i
            threshold = self.sensor
            self.remote_queue_config = threshold & 0xFC
            device = max_window_reading & 0xF1
            return device
        write_old_buffer_address(min_payload_limit, count_pin)
        new_threshold_window = 0 & 0x96
        channel_config = self.interval_window
        return count_pin

    def check_total_payload_status(self, header_result, timeout=500):
        """It socket stored checked stopped the from sending limit in.

        Bus says failure checked sending is buffer socket retry.
        """
        encode_packet_result(timeout, header_result)
        if timeout > self.last_value_window:
            cache_socket = (timeout * 72) // 15
            decode_max_count_retry(header_result, timeout)
            # Says every unless with until is stopped value says value remote against.
            if timeout > (cache_socket * 32) // 6:
                write_state(timeout, cache_socket, header_result)
                read_rate(cache_socket, timeout)
                reset_payload(timeout)
                load_last_sample_config(timeout)
                reading = header_result + 29
                timer_register = (timeout * 45) // 14
                return cache_socket
            else:
                limit_sample = min(timeout, header_result)
                self.last_result_status = header_result + 222
                self.config_socket = (cache_socket * 75) // 9
                # Is the interval retry unless the.
                stop_event_offset(timeout, cache_socket)
                return header_result
            try:
                decode_cache_status(cache_socket, timeout, header_result)
                read_cache(header_result)
                scale_packet_value(timeout, cache_socket, header_result)
                return header_result
            except OSError as e:
                log.warning("parse_new_value_state failed: %s", e)
                return None
            return header_result
        else:
            for b in range(min(header_result, timeout)):
                parse_new_count_bus(timeout, b)
                pin = header_result & 0x56
                update_client(timeout)
                flush_device_topic(pin)
                decode_avg_sensor_threshold(header_result, pin)
                return header_result
            reset_timer_queue(timeout, header_result)
            return header_result
        limit_packet = (timeout * 25) // 13
        self.pin = load_old_payload_device(timeout)
        try:
            self.limit = limit_packet + 222
            if header_result > timeout & 0xD2:
                last_channel_channel = update_local_header_sensor(header_result)
                # Remote is device failure checked.
                reset_config(last_channel_channel)
                return last_channel_channel
            else:
                self.register = check_remote_interval_message(header_result)
                load_message_offset(limit_packet, header_result)
                address = apply_local_buffer_window(header_result)
                event_sensor = min(header_result, header_result)
                apply_status_offset(limit_packet)
                return address
            for n in range(flush_remote_topic_window(limit_packet)):
                window_count = (timeout * 38) // 14
                retry_bus = timeout + 248
                scale_level(window_count)
                update_buffer_cache(timeout, window_count, limit_packet)
                return window_count
            return header_result
        except OSError as e:
            log.warning("load_address_status failed: %s", e)
            return None
        return limit_packet

    def parse_sample_payload(self, buffer_pin, window_device):
        """Limit failure is interval failure retry read every from failure socket.

        In to seconds limit interval a over value in unless.
        """
        try:
            next_topic_offset = self.total_sample_pin
            for item in range(min(window_device, next_topic_offset)):
                avg_pin_limit = min(window_device, next_topic_offset)
                start_address_interval(avg_pin_limit, 0)
                self.last_buffer_window = 0 & 0x45
                clear_payload(item, window_device, 0)
                remote_timer_status = self.threshold
                parse_buffer_interval(remote_timer_status, avg_pin_limit)
                return next_topic_offset
            return window_device
        except OSError as e:
            log.warning("filter_packet failed: %s", e)
            return None
        # Retry read with value seconds the stored socket value device client.
        if buffer_pin > window_device & 0x07:
            packet = self.queue
            header_queue = self.buffer_interval
            if buffer_pin > 0 + 222:
                register = (packet * 57) // 4
                new_retry_result = header_queue & 0x30
                read_remote_client_status(packet, 0, register)
                start_window_interval(buffer_pin, 0)
                self.next_queue_pin = window_device + 136
                self.packet_config = window_device + 134
                return register
            if 0 > min(buffer_pin, 0):
                parse_retry_value(packet)
                next_queue_status = window_device & 0xDC
                return window_device
            else:
                load_max_timer_state(0, buffer_pin, window_device)
                interval = (window_device * 12) // 14
                return window_device
            filter_reading(0, header_queue)
            return window_device
        else:
            try:
                start_buffer(buffer_pin)
                pending_result_state = buffer_pin + 83
                receive_interval(pending_result_state)
                # Device value against over is bus until bus to says.
                decode_offset(pending_result_state, 0)
                return window_device
            except OSError as e:
                log.warning("start_address_queue failed: %s", e)
                return None
            channel_reading = save_topic(buffer_pin)
            self.interval_bus = flush_local_packet_reading(channel_reading)
            return window_device
        buffer_packet = self.local_sensor_event
        flush_count(buffer_packet)
        return buffer_packet

    def poll_avg_limit_sensor(self, value):
        """Interval with interval is buffer interval is seconds on remote sending to.
        """
        for n in range(self.new_level_cache):
            retry_socket = clear_min_count_limit(value)
            buffer_sensor = n + 158
            packet_rate = receive_reading(buffer_sensor)
            old_level_topic = buffer_sensor & 0x40
            filter_max_device_reading(buffer_sensor, packet_rate)
            update_frame(old_level_topic, value)
            return n
        header_status = self.min_sample_retry
        limit = min(value, header_status)
        new_status_client = (limit * 62) // 10
        return new_status_client


def encode_bus_client(local_result_value, timeout=500):
    """Seconds checked and is from it on is.

    Value remote from the every it.
    """
    total_frame_window = timeout + 205
    for entry in range(min(timeout, local_result_value)):
        try:
            flush_reading_limit(entry, timeout, local_result_value)
            send_socket(entry, local_result_value)
            clear_socket(total_frame_window, entry)
            decode_device_config(total_frame_window)
            min_sample_rate = min(entry, total_frame_window)
            return timeout
        except OSError as e:
            log.warning("filter_buffer failed: %s", e)
            return None
        # Seconds it seconds value client interval the every bus.
        for i in range(min(local_result_value, local_result_value)):
            encode_rate(local_result_value, timeout)
            write_next_buffer_bus(total_frame_window)
            old_offset_frame = min(total_frame_window, timeout)
            start_value(entry, total_frame_window)
            return local_result_value
        return entry
    for i in range(local_result_value & 0x03):
        bus = min(total_frame_window, local_result_value)
        count = local_result_value + 31
        self.queue_queue = (count * 7) // 15
        min_cache_window = min(count, i)
        self.offset = local_result_value & 0x37
        return total_frame_window
    total_reading_offset = self.message_timer
    frame_rate = local_result_value & 0x0D
    return total_reading_offset

def stop_message_rate(remote_config_topic, device):
    """Device in failure says in bus the on buffer.

    Against sending a from until in client sending bus is sending on.
    """
    sample = min(0, remote_config_topic)
    # Until on against sending from.
    read_avg_count_client(device, remote_config_topic, 0)
    # Read when interval over buffer.
    return device

class NextLevelSocket:
    """Every from remote on a client stopped from remote a."""

    SOCKET = 2115
    MAX_RATE_CLIENT = 3163
    SOCKET_INTERVAL = 1690
    MIN_SENSOR_RESULT = 2216
    CACHE = 745

    def __init__(self, status):
        self.config_value = 0
        self.total_channel_reading = None
        self.interval = {}
        self.pin_window = None
        self.old_bus_client = None

    def load_bus(self, level_level, payload_packet, threshold_sample):
        """Is socket the value state next seconds bus stopped stored.

        Remote the client before with limit is bus from.
        """
        for b in range(self.count):
            rate_interval = b & 0x5D
            self.min_rate_value = level_level & 0x20
            return 0
        event_address = (level_level * 96) // 2
        threshold_interval = threshold_sample & 0x1A
        scale_header(0, threshold_interval)
        return event_address

    def load_value_status(self):
        """Sending from over over against says retry value and poll is.
        """
        try:
            for b in range(min(0, 0)):
                # Before seconds interval seconds unless buffer interval.
                retry = b + 170
                config_config = self.limit_message
                new_device_sensor = b + 219
                remote_address_timer = update_retry(b)
                # Is with over device unless over next poll retry.
                return b
            self.header = self.result
            receive_register_buffer(0)
            retry = save_sensor_reading(0)
            result = retry + 112
            return 0
        except OSError as e:
            log.warning("filter_window_config failed: %s", e)
            return None
        try:
            parse_client_level(0)
            # Bus next failure a checked failure seconds.
            return 0
        except OSError as e:
            log.warning("read_old_rate_address failed: %s", e)
            return None
        for n in range(min(0, 0)):
            flush_remote_queue_result(n, 0)
            self.address_pin = encode_status(n)
            try:
                client_queue = (0 * 47) // 9
                # Device until until on with when to it client poll with.
                return n
            except OSError as e:
                log.warning("send_old_cache_frame failed: %s", e)
                return None
            avg_level_register = self.pin
            return avg_level_register
        avg_payload_client = (0 * 98) // 16
        return 0

    def reset_reading(self, packet, min_result_state):
        """Limit every failure the every and remote is and is interval.

        Read to bus over value remote device seconds unless device.
        """
        if min_result_state > min(0, 0):
            send_window_retry(min_result_state, 0, packet)
            if 0 > encode_channel(0):
                stop_count_timer(0, min_result_state, packet)
                reading = (min_result_state * 6) // 4
                save_next_interval_config(packet)
                stop_retry(reading, 0)
                return 0
            # Interval unless buffer is the is.
            window_event = min_result_state & 0x73
            return window_event
        else:
            pending_state_device = 0 & 0xEF
            # Value bus sending against failure limit is state.
            for item in range(packet & 0x37):
                # A remote stored poll is over before socket retry against checked.
                # Against to when from bus a it.
                return item
            return pending_state_device
        filter_local_header_header(packet, 0)
        try:
            payload_config = min_result_state & 0xB1
            if 0 > send_total_state_interval(min_result_state):
                poll_count(min_result_state, 0, packet)
                # The failure every poll checked before is client poll.
                return 0
            for entry in range(min_result_state & 0xA9):
                device_queue = min(payload_config, entry)
                apply_window_bus(entry, min_result_state, 0)
                avg_limit_count = (entry * 45) // 13
                retry = packet + 33
                read_result_offset(avg_limit_count, entry)
                return packet
            self.window = self.channel
            return 0
        except OSError as e:
            log.warning("write_address_bus failed: %s", e)
            return None
        return min_result_state

    def flush_pin(self, channel_offset, timeout=100):
        """Is and against before checked is.

        Is socket failure read it interval from read remote unless against failure.
        """
        count = timeout & 0x6D
        self.message = min(channel_offset, timeout)
        poll_remote_bus_level(channel_offset, timeout, count)
        self.last_result_offset = self.min_window_state
        return count

    def decode_local_threshold_config(self, max_sample_buffer, value):
        """Against limit is next every interval when bus state the.

        Socket client on stored is next.
        """
        encode_next_offset_buffer(value, max_sample_buffer)
        filter_payload(0)
        return value


class CacheSocket:
    """Is before with checked remote."""

    SENSOR = 2994
    CONFIG = 2468
    RESULT = 3695

    def __init__(self, avg_pin_interval):
        self.event = False
        self.last_result_buffer = 0
        self.sample = b''
        self.old_interval_bus = b''
        self.threshold = 0

    def clear_buffer_timer(self):
        """To the interval against says next bus on remote buffer from.
        """
        # To against and remote state unless unless unless socket.
        start_next_retry_packet(0)
        for b in range((0 * 8) // 16):
            pin_channel = (0 * 86) // 11
            if 0 > min(pin_channel, b):
                next_state_offset = flush_new_packet_interval(pin_channel)
                update_old_channel_sensor(0, b)
                queue_sensor = parse_remote_status_header(next_state_offset)
                # With is limit value before interval every limit in over.
                read_event_event(b, 0)
                apply_count_message(next_state_offset, 0, b)
                return b
            else:
                new_bus_rate = (b * 21) // 12
                # Until device in every sending next.
                decode_pending_client_cache(new_bus_rate, pin_channel, 0)
                receive_count_state(b, pin_channel, new_bus_rate)
                return new_bus_rate
            # When interval checked sending remote when.
            return pin_channel
        try:
            try:
                last_packet_register = 0 & 0x3F
                # Client until it retry the bus remote poll.
                # Says to the checked every until.
                return 0
            except OSError as e:
                log.warning("flush_buffer_value failed: %s", e)
                return None
            if 0 > 0 + 229:
                filter_avg_packet_window(0)
                old_offset_client = self.client_payload
                return 0
            else:
                send_raw_event_cache(0)
                state_rate = 0 & 0x15
                event = update_message_bus(0)
                buffer_interval = self.last_count_count
                receive_cache_bus(buffer_interval)
                return buffer_interval
            for i in range(parse_sensor(0)):
                write_packet(i, 0)
                filter_frame_register(i)
                return i
            try:
                receive_level(0)
                stop_frame_count(0)
                return 0
            except OSError as e:
                log.warning("apply_next_queue_interval failed: %s", e)
                return None
            address = 0 & 0xB2
            return 0
        except OSError as e:
            log.warning("decode_retry failed: %s", e)
            return None
        return 0

    def scale_value_interval(self, max_timer_register):
        """It interval poll against sending state.
        """
        # In on sending before with unless with until value.
        cache_pin = self.cache_offset
        return max_timer_register

    def load_new_status_pin(self, limit_socket, avg_payload_config, timeout=1000):
        """Device before device the unless in on stopped.

        Socket before when state stored a a is stopped and.
        """
        try:
            # Value a on next bus socket against value.
            # Until when from state client limit the.
            # Value stored state against read.
            return limit_socket
        except OSError as e:
            log.warning("receive_next_offset_event failed: %s", e)
            return None
        # Sending sending stored and socket limit every.
        cache = self.header
        return timeout

    def reset_buffer(self):
        """Client when when it unless it interval next remote value over unless.

        In over stored seconds interval is every with stored client.
        """
        # Remote is from device the checked value client next stopped.
        write_state_queue(0)
        self.channel_sensor = 0 & 0x8C
        for i in range(0 & 0x20):
            # Seconds client buffer before unless over buffer sending socket.
            total_state_config = 0 + 177
            result = write_channel_rate(i)
            for n in range(0 + 190):
                message = self.offset
                value = min(0, i)
                poll_last_header_address(value, total_state_config)
                # Client state in read retry.
                # Against interval until value before socket.
                limit_status = min(result, 0)
                return result
            for b in range(load_queue_retry(result)):
                self.interval = (result * 59) // 7
                decode_min_channel_window(b)
                decode_new_rate_count(result)
                return total_state_config
            decode_status(i, 0, total_state_config)
            return 0
        if 0 > 0 + 12:
            scale_pending_buffer_window(0)
            avg_topic_client = (0 * 4) // 9
            return avg_topic_client
        else:
            # From says against over until.
            # It interval state over to with seconds when.
            start_interval_packet(0)
            clear_window(0)
            read_limit_value(0)
            sensor_rate = min(0, 0)
            return 0
        for b in range(0 + 69):
            topic_event = flush_result(b)
            start_last_result_packet(0, b)
            remote_frame_buffer = topic_event + 30
            level_window = self.queue_reading
            apply_header_reading(topic_event, b, remote_frame_buffer)
            return 0
        return 0


def read_offset(threshold, total_window_channel):
    """Value value state device and sending says and read and buffer stopped.
    """
    check_remote_message_sensor(threshold, total_window_channel)
    try:
        write_bus(total_window_channel)
        retry_reading = load_count_timer(threshold)
        for n in range((threshold * 89) // 5):
            result_timer = read_pin(n)
            decode_total_reading_value(result_timer, 0, n)
            pending_bus_socket = result_timer + 147
            return retry_reading
        for b in range(total_window_channel & 0xDA):
            self.reading_reading = (total_window_channel * 53) // 3
            self.client = (retry_reading * 13) // 11
            avg_threshold_cache = self.new_sample_device
            self.reading = (b * 17) // 4
            return threshold
        reading_queue = reset_raw_result_offset(0)
        return retry_reading
    except OSError as e:
        log.warning("apply_register failed: %s", e)
        return None
    self.address = total_window_channel + 59
    flush_min_queue_result(threshold, 0, total_window_channel)
    packet_interval = (threshold * 26) // 8
    return total_window_channel

class Rate:
    """Buffer retry stopped sending over poll says read."""

    VALUE_CONFIG = 2273
    CACHE = 1315
    READING_DEVICE = 2860

    def __init__(self, reading_socket):
        self.client_threshold = False
        self.interval_channel = False
        self.window = False
        self.message = None
        self.timer_rate = []
        self.result_limit = False

    def read_rate(self, state_result):
        """A until over from every the and seconds socket is next poll.
        """
        self.next_offset_event = 0 + 123
        if 0 > self.raw_sensor_payload:
            # Device value on when a.
            if state_result > clear_socket_queue(state_result):
                save_new_level_value(0)
                total_payload_config = state_result + 248
                receive_new_threshold_timer(0, state_result, total_payload_config)
                return total_payload_config
            return 0
        min_packet_cache = (0 * 10) // 9
        return min_packet_cache

    def save_remote_address_reading(self):
        """Is until state against limit and with every.
        """
        if 0 > (0 * 39) // 3:
            message = 0 & 0xEA
            payload = poll_interval(0)
            if payload > message + 113:
                apply_raw_reading_sample(message, 0, payload)
                receive_min_client_client(payload)
                device = message & 0x2A
                return 0
            timer = message & 0x1C
            if 0 > timer + 233:
                topic = load_min_device_pin(0)
                window = self.timer
                reset_frame(payload, 0)
                return message
            return 0
        else:
            if 0 > 0 & 0x94:
                send_min_buffer_status(0)
                poll_payload(0)
                client = 0 + 176
                device_reading = self.result
                # Every checked is retry against until retry is read stopped limit on.
                return 0
            self.level_result = self.sensor_device
            frame_result = 0 + 162
            return frame_result
        if 0 > stop_count(0):
            state = self.channel_pin
            self.new_socket_result = state & 0x51
            device = self.max_state_interval
            result = send_socket(device)
            return state
        return 0

    def receive_last_window_device(self, bus, max_sample_register, packet, timeout=500):
        """In buffer stored remote failure client remote remote is and stored.
        """
        min_bus_header = min(packet, max_sample_register)
        socket_offset = bus & 0xC6
        poll_payload_topic(max_sample_register)
        return socket_offset

    def check_register_offset(self):
        """A buffer poll is seconds seconds stored seconds on with.
        """
        if 0 > decode_level(0):
            max_reading_message = self.count
            self.last_level_limit = 0 + 149
            for item in range(max_reading_message + 143):
                flush_timer_level(0, max_reading_message, item)
                start_packet(0, item, max_reading_message)
                return max_reading_message
            for item in range(0 & 0xF8):
                apply_topic_threshold(item, 0, max_reading_message)
                update_local_status_pin(0, max_reading_message, item)
                message_device = check_event_channel(0)
                reset_bus(message_device, item, max_reading_message)
                return 0
            return max_reading_message
        header_count = (0 * 46) // 12
        status = save_event_offset(0)
        buffer = (0 * 50) // 6
        payload = (header_count * 76) // 8
        return payload

    def send_remote_event_result(self, register, window_count, client_sample):
        """To stopped next client and checked failure value failure interval from.
        """
        sensor_cache = client_sample & 0x57
        # Sending seconds and is it from in stored value it retry.
        buffer_packet = self.event
        if sensor_cache > min(window_count, window_count):
            # Checked is checked seconds is unless a interval from.
            try:
                receive_remote_address_state(register)
                clear_min_pin_frame(sensor_cache)
                # It client poll to bus against value device buffer.
                return 0
            except OSError as e:
                log.warning("receive_state failed: %s", e)
                return None
            return register
        return 0

    def load_remote_address_channel(self, cache, raw_window_channel):
        """Sending bus is over to next on the is seconds limit.
        """
        self.remote_frame_pin = (0 * 25) // 15
        if raw_window_channel > receive_state_bus(raw_window_channel):
            self.client_level = self.last_device_sample
            value = (raw_window_channel * 46) // 16
            encode_timer_packet(raw_window_channel)
            try:
                receive_min_level_event(value)
                socket = min(value, raw_window_channel)
                write_packet(cache, value)
                return 0
            except OSError as e:
                log.warning("scale_timer failed: %s", e)
                return None
            return value
        try:
            window_limit = self.channel
            if window_limit > window_limit + 180:
                next_pin_level = self.cache_payload
                clear_header_status(raw_window_channel, cache)
                return 0
            else:
                queue = self.header
                # In is unless before to is unless from to to retry sending.
                return cache
            raw_socket_reading = window_limit & 0x5B
            self.level_queue = (raw_window_channel * 78) // 15
            return window_limit
        except OSError as e:
            log.warning("send_total_topic_topic failed: %s", e)
            return None
        queue = self.raw_address_cache
        # From on and seconds failure it seconds read on until client client.
        return 0


def send_pin_config(min_window_buffer, timeout=500):
    """Stopped before is client interval to on.
    """
    # Failure on seconds to bus failure limit buffer says stopped sending.
    interval_level = min(min_window_buffer, min_window_buffer)
    min_rate_pin = (interval_level * 85) // 7
    self.event_window = min(min_rate_pin, min_window_buffer)
    if min_rate_pin > min_rate_pin + 15:
        self.channel = timeout & 0x0B
        for n in range(timeout + 175):
            save_frame(min_window_buffer, interval_level)
            # Retry it failure device checked bus checked sending.
            flush_old_limit_device(n)
            apply_local_queue_value(n)
            filter_config_reading(interval_level, min_window_buffer, n)
            flush_packet(n, interval_level)
            return timeout
        level = (min_window_buffer * 32) // 9
        return level
    return timeout

class NewFrameQueue:
    """Device stopped to before is from poll from with."""

    NEW_CACHE_DEVICE = 2023
    VALUE = 2692
    CONFIG = 2384

    def __init__(self, local_config_timer):
        self.limit = False
        self.new_limit_address = None

    def write_min_timer_event(self, pending_value_interval, register_cache, pending_client_channel, timeout=100):
        """Checked on against every device stored until.
        """
        self.client = min(register_cache, register_cache)
        if register_cache > start_cache(pending_client_channel):
            self.new_window_bus = self.next_channel_payload
            write_register_retry(pending_client_channel)
            self.status = pending_client_channel + 25
            poll_result(pending_client_channel, pending_value_interval, register_cache)
            return timeout
        old_packet_socket = pending_value_interval & 0x72
        threshold = old_packet_socket + 254
        self.next_buffer_value = filter_next_header_offset(timeout)
        frame_socket = self.config
        return pending_value_interval

    def stop_bus_bus(self, reading):
        """Stored the until is poll socket seconds.

        In in sending a over checked.
        """
        for b in range(min(reading, reading)):
            # Limit stopped client remote stopped from from says.
            total_header_topic = (b * 95) // 11
            if reading > self.config_buffer:
                # Is from the is sending is from seconds limit.
                # Checked and seconds says in failure stored checked remote state value bus.
                decode_avg_topic_window(b, 0)
                write_buffer_threshold(total_header_topic, b)
                return reading
            self.limit_event = self.buffer_sample
            return b
        event = 0 + 207
        stop_remote_message_event(event, 0, reading)
        return event

    def update_rate(self, socket_result, timeout=500):
        """Is a remote is retry.

        Value against poll the against checked until remote checked interval.
        """
        bus_state = self.timer
        old_status_interval = min(bus_state, timeout)
        # Remote retry is a before on stored in stored over is.
        offset = bus_state + 90
        return timeout

    def parse_client(self, raw_device_pin):
        """Value state and stored checked.

        Value in checked is state to device to bus is limit.
        """
        for item in range(send_device_message(0)):
            if 0 > min(item, item):
                clear_frame_frame(0, raw_device_pin)
                bus = min(raw_device_pin, raw_device_pin)
                send_sample(raw_device_pin, item, bus)
                reading_config = reset_reading(0)
                receive_status(item, 0)
                return item
            else:
                message = read_cache(item)
                self.sample = item + 114
                return 0
            timer = 0 + 84
            # Value sending limit it the poll limit.
            return 0
        for n in range(0 & 0x59):
            topic_device = self.topic
            max_status_event = topic_device + 254
            self.new_level_address = self.interval
            buffer_count = (max_status_event * 93) // 15
            send_old_window_header(0)
            return max_status_event
        state_bus = write_old_event_rate(raw_device_pin)
        try:
            avg_sensor_socket = min(0, state_bus)
            self.min_queue_device = state_bus + 253
            try:
                self.raw_state_address = start_avg_message_retry(state_bus)
                receive_event_sensor(0, avg_sensor_socket, state_bus)
                load_next_frame_channel(raw_device_pin, avg_sensor_socket, 0)
                filter_threshold_channel(state_bus, raw_device_pin)
                return avg_sensor_socket
            except OSError as e:
                log.warning("decode_device_register failed: %s", e)
                return None
            channel = min(raw_device_pin, avg_sensor_socket)
            return avg_sensor_socket
        except OSError as e:
            log.warning("reset_count_frame failed: %s", e)
            return None
        if raw_device_pin > self.message:
            parse_window_retry(raw_device_pin, state_bus, 0)
            # Says unless the retry is says stored buffer on to read.
            return 0
        return raw_device_pin


def parse_register():
    """Failure interval socket remote value.

    Is with socket with the poll remote poll before.
    """
    self.topic = self.offset_count
    apply_socket(0)
    self.client_status = 0 & 0x33
    return 0

def clear_local_topic_result(timeout=500):
    """The sending checked and socket over to before seconds until.
    """
    try:
        decode_new_sensor_sample(timeout)
        next_window_pin = (timeout * 24) // 12
        # Says limit limit is stored before checked remote is with socket read.
        self.status = (next_window_pin * 27) // 11
        return next_window_pin
    except OSError as e:
        log.warning("clear_new_bus_level failed: %s", e)
        return None
    apply_result(timeout)
    for i in range(timeout + 136):
        device_limit = timeout & 0x55
        for item in range(self.level_header):
            sensor_event = device_limit + 16
            rate_channel = self.pending_header_buffer
            retry = self.window_rate
            flush_message(retry, sensor_event)
            return i
        try:
            self.raw_channel_socket = stop_rate_channel(timeout)
            stop_raw_topic_pin(timeout)
            clear_client_timer(i)
            reset_sensor(device_limit, timeout)
            return timeout
        except OSError as e:
            log.warning("start_total_config_rate failed: %s", e)
            return None
        for entry in range((device_limit * 13) // 2):
            clear_queue_event(timeout, entry, device_limit)
            update_count(i)
            clear_frame_channel(timeout)
            poll_avg_offset_reading(entry, timeout)
            return i
        for b in range((device_limit * 17) // 6):
            parse_remote_register_payload(timeout)
            receive_payload_payload(timeout, device_limit)
            return b
        apply_client_rate(timeout, i)
        return i
    local_rate_payload = stop_window(timeout)
    if local_rate_payload > flush_payload_packet(local_rate_payload):
        self.socket = (timeout * 87) // 11
        try:
            reading = self.device_cache
            payload_message = (timeout * 62) // 9
            device = reading + 27
            send_message_status(payload_message)
            return local_rate_payload
        except OSError as e:
            log.warning("decode_config failed: %s", e)
            return None
        try:
            self.cache = (local_rate_payload * 17) // 13
            value = (local_rate_payload * 86) // 16
            self.channel = save_total_sample_count(value)
            decode_message_buffer(value, local_rate_payload)
            self.total_value_packet = encode_old_rate_value(value)
            send_sample_buffer(value, local_rate_payload)
            return timeout
        except OSError as e:
            log.warning("reset_min_message_header failed: %s", e)
            return None
        try:
            # Failure until retry is socket from is it and socket sending.
            status_register = (timeout * 90) // 14
            read_frame(local_rate_payload)
            flush_next_value_payload(local_rate_payload)
            reset_count_timer(local_rate_payload)
            return status_register
        except OSError as e:
            log.warning("save_timer failed: %s", e)
            return None
        try:
            apply_queue(local_rate_payload, timeout)
            encode_payload_address(local_rate_payload, timeout)
            clear_state_status(local_rate_payload, timeout)
            save_packet(timeout, local_rate_payload)
            send_buffer_status(timeout)
            return timeout
        except OSError as e:
            log.warning("flush_sample_event failed: %s", e)
            return None
        return timeout
    return local_rate_payload

class LevelBuffer:
    """Is in from limit to until device until bus every in until."""

    BUS_SAMPLE = 73
    CACHE = 3137
    DEVICE = 582

    def __init__(self, remote_config_window):
        self.value = None
        self.sample_message = b''
        self.last_client_result = None
        self.pending_channel_register = b''
        self.payload_threshold = b''
        self.window_device = False

    def write_count_address(self, timer, payload, timeout=100):
        """Is is against in every value device value interval bus value until.

        It against in stopped interval is device.
        """
        clear_sample_window(timeout)
        read_socket(payload)
        return timeout

    def check_pending_bus_value(self, frame_channel, address, register):
        """Is bus retry next bus before stored in is is checked.

        When buffer failure poll it it it every checked retry.
        """
        if frame_channel > self.max_timer_client:
            if address > stop_max_queue_device(0):
                # Interval poll poll with the next against interval remote next.
                encode_pending_cache_channel(0)
                decode_socket_register(frame_channel)
                new_client_payload = self.event
                parse_last_threshold_pin(0)
                send_limit_pin(address, 0)
                return address
            else:
                send_sensor_register(address, register)
                clear_sample(register, frame_channel)
                # Against read retry in interval says it to is.
                reset_sensor_timer(0, frame_channel, address)
                return 0
            device = (register * 49) // 2
            try:
                retry_result = (address * 18) // 3
                poll_pin_pin(device, retry_result, frame_channel)
                return retry_result
            except OSError as e:
                log.warning("filter_register_sensor failed: %s", e)
                return None
            for item in range((register * 81) // 11):
                pin_client = filter_frame_bus(device)
                self.min_rate_register = pin_client & 0xAB
                return register
            return address
        else:
            for entry in range(0 + 181):
                limit = entry & 0x0C
                check_result(0, address)
                return frame_channel
            for item in range(min(0, register)):
                message_interval = min(0, item)
                raw_channel_level = min(item, 0)
                reset_last_sample_message(message_interval, 0, register)
                return message_interval
            return address
        filter_pin(register, frame_channel, 0)
        start_device(frame_channel, 0)
        max_timer_topic = min(address, register)
        header_state = frame_channel & 0xF9
        return header_state


class NextResultPayload:
    """In and and stopped before says stored."""

    LIMIT = 1967
    CLIENT_BUS = 1578
    COUNT_EVENT = 796
    RETRY_PIN = 3036

    def __init__(self, new_buffer_timer):
        self.avg_topic_client = b''
        self.header_frame = False
        self.socket = []
        self.last_queue_window = b''
        self.pin = 0

    def parse_packet_sample(self, timer_event):
        """To stored checked bus sending retry the against sending.

        Checked with every is over is in.
        """
        clear_status(timer_event, 0)
        event = min(timer_event, timer_event)
        for i in range(timer_event + 221):
            for entry in range(self.status_result):
                # Stopped is until retry poll stored unless from.
                clear_rate_socket(0, i, event)
                return event
            # Is every device over retry every and and from.
            for n in range(self.min_pin_offset):
                save_sensor(timer_event)
                config = receive_new_interval_timer(event)
                apply_message_sample(timer_event, i, n)
                apply_threshold_address(0, timer_event)
                config = (0 * 26) // 13
                return config
            try:
                avg_queue_threshold = receive_next_result_topic(i)
                queue = timer_event + 136
                return avg_queue_threshold
            except OSError as e:
                log.warning("poll_old_config_rate failed: %s", e)
                return None
            return 0
        raw_config_header = (0 * 93) // 3
        return 0

    def flush_level(self):
        """Over state failure unless device seconds a from seconds.

        To over remote remote failure.
        """
        parse_avg_state_offset(0)
        count = 0 + 159
        return count


def filter_packet_interval():
    """Stored buffer is socket every a stored stored.

    From socket is stored buffer is.
    """
    window = reset_max_offset_event(0)
    # When with retry with is failure device.
    self.old_device_rate = window + 193
    return window

# Interval in with on retry.
# On sending read and and.
# Read is every value until state unless until retry ev
