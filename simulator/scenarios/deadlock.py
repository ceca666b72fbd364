"""Two threads take two locks in opposite orders and wait for each other for ever: a deadlock.

The seed warns that producer/consumer done with threads and locks can deadlock if one
is careless. Here each worker holds one lock and waits for the other's: neither can go
on. Coroscope stops the run and names the wait-for cycle (who holds what, who waits
for what, at which line); the program's exit status is 1.
"""

import threading
import time

accounts = threading.Lock()
audit_log = threading.Lock()


def transfer():
    with accounts:
        print("transfer holds accounts, wants audit_log")
        time.sleep(0.01)  # long enough for audit to take audit_log
        with audit_log:
            print("transfer done")


def audit():
    with audit_log:
        print("audit holds audit_log, wants accounts")
        time.sleep(0.01)
        with accounts:
            print("audit done")


t1 = threading.Thread(target=transfer, name="transfer")
t2 = threading.Thread(target=audit, name="audit")
t1.start()
t2.start()
t1.join()
t2.join()
print("never printed")
