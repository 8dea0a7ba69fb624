"""Runs ArcadeDB as a local server with its Bolt plugin, for the interop tests.

Usage: python arcadedb_server.py ROOT_DIR BOLT_PORT HTTP_PORT PASSWORD DATABASE[,DATABASE...]
Prints "READY" on stdout once Bolt accepts connections, then serves until stdin closes
(the test that started it ends or dies), and stops the server. Listens on 127.0.0.1 only.
"""

import os
import socket
import sys
import time


def main() -> int:
    root, bolt_port, http_port, password, databases = sys.argv[1:6]
    os.makedirs(root, exist_ok=True)
    os.chdir(root)  # ArcadeDB writes ./log relative to the working directory
    import arcadedb_embedded as arcadedb

    server = arcadedb.create_server(
        root_path=os.path.join(root, "databases"),
        root_password=password,
        config={
            "host": "127.0.0.1",
            "http_port": int(http_port),
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_port": int(bolt_port),
        },
    )
    server.start()
    try:
        for name in databases.split(","):
            server.create_database(name)
        deadline = time.time() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", int(bolt_port)), timeout=1):
                    break
            except OSError:
                if time.time() > deadline:
                    print("FAILED bolt port never opened", flush=True)
                    return 2
                time.sleep(0.2)
        print("READY", flush=True)
        sys.stdin.read()  # blocks until the parent closes our stdin
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
