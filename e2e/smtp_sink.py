#!/usr/bin/env python3
"""A local SMTP sink for tests: accepts every message and stores it in a Maildir.

    python e2e/smtp_sink.py --listen 127.0.0.1:2525 --maildir DIR

Each message lands as one file in DIR/new/ (written to DIR/tmp/ first and renamed, so a reader
scanning new/ never sees half a message). The bytes are the message exactly as the client sent
it (line endings normalised to LF), preceded by X-MailFrom / X-RcptTo headers carrying the SMTP
envelope, so tests can check recipients that are not in the To: header.

Port 0 picks a free port. Once listening it prints "ready HOST:PORT" on stdout, so a caller
starting it in the background learns the real port without racing for a free one. SIGTERM or
SIGINT stops it cleanly (exit status 0).
"""

import argparse
import asyncio
import mailbox
import signal
import sys

from aiosmtpd.smtp import SMTP


class MaildirHandler:
    def __init__(self, maildir: str):
        # create=True makes DIR/{tmp,new,cur} if missing.
        self.maildir = mailbox.Maildir(maildir, create=True)

    async def handle_DATA(self, server, session, envelope):
        # original_content: the DATA bytes after dot-unstuffing, untouched by any parser, so
        # the stored file shows exactly what the server under test produced.
        envelope_headers = (
            f"X-MailFrom: {envelope.mail_from}\r\n"
            f"X-RcptTo: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        raw = (envelope_headers + envelope.original_content).replace(b"\r\n", b"\n")
        key = self.maildir.add(raw)
        print(f"smtp_sink: stored {key} for {', '.join(envelope.rcpt_tos)}", file=sys.stderr, flush=True)
        return "250 Message accepted for delivery"


def parse_listen(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {value!r}")
    return host.strip("[]"), int(port)


async def serve(host: str, port: int, maildir: str) -> None:
    loop = asyncio.get_running_loop()
    handler = MaildirHandler(maildir)
    # No AUTH and no STARTTLS: this only ever listens on loopback for tests.
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="smtp-sink.test", enable_SMTPUTF8=True), host, port
    )
    bound = server.sockets[0].getsockname()
    print(f"ready {bound[0]}:{bound[1]}", flush=True)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()

    server.close()
    # Don't hang on a client that keeps its connection open.
    try:
        await asyncio.wait_for(server.wait_closed(), timeout=5)
    except asyncio.TimeoutError:
        pass
    print("smtp_sink: stopped", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", type=parse_listen, default=("127.0.0.1", 2525), help="HOST:PORT (port 0: any free port)")
    parser.add_argument("--maildir", required=True, help="Maildir to deliver into (created if missing)")
    args = parser.parse_args()
    host, port = args.listen
    asyncio.run(serve(host, port, args.maildir))


if __name__ == "__main__":
    main()
