"""Producer and consumer as two OS threads sharing a lock-protected slot (a Condition).

The seed's producer/consumer, done the classic way: each hand-off goes through a
lock and a condition variable, so the OS must switch threads every time the other
side has to run. Compare its timeline with the generator version, which needs no
switches and no locks.
"""
import threading

slot = threading.Condition()
item = None
reply = None


def consumer():
    global item, reply
    while True:
        with slot:
            while item is None:
                slot.wait()
            n, item = item, None
            if not n:
                return
            print('[CONSUMER] Consuming %s...' % n)
            reply = '200 OK'
            slot.notify()


def produce():
    global item, reply
    n = 0
    while n < 5:
        n = n + 1
        print('[PRODUCER] Producing %s...' % n)
        with slot:
            item = n
            slot.notify()
            while reply is None:
                slot.wait()
            r, reply = reply, None
        print('[PRODUCER] Consumer return: %s' % r)
    with slot:
        item = 0
        slot.notify()


c = threading.Thread(target=consumer, name='consumer')
c.start()
produce()
c.join()
