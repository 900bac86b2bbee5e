#!/usr/bin/python3
"""A real local SMTP server for the integration tests (Debian's python3-aiosmtpd).

Usage: smtp_sink.py DIR READY_FILE

Listens on 127.0.0.1 on a free port and writes that port to READY_FILE. Every
accepted mail is parsed with Python's email package (so RFC 2047 subjects and
base64 bodies are decoded as a mail client would) and written, one file per
recipient, to DIR/NNNNN.mail:

    To: <envelope recipient>
    Subject: <decoded subject>
    Raw-Subject: <the header as sent>
    Content-Type: <the body's content type>

    <decoded body>

Recipients whose address contains "refuse" are rejected with 550, so tests can
exercise ERROR_MAIL_FAILED.
"""
import asyncio
import email
import email.policy
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "refuse" in address:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        legacy = email.message_from_bytes(raw)
        body = parsed.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        for rcpt in envelope.rcpt_tos:
            self.count += 1
            path = os.path.join(self.folder, "%05d.mail" % self.count)
            with open(path + ".tmp", "w", encoding="utf-8") as out:
                out.write("To: %s\n" % rcpt)
                out.write("Subject: %s\n" % str(parsed["subject"]).replace("\n", " "))
                out.write("Raw-Subject: %s\n" % str(legacy["subject"]).replace("\r", "").replace("\n", "\\n"))
                out.write("Content-Type: %s\n\n" % parsed.get_content_type())
                out.write(text)
            os.rename(path + ".tmp", path)
        return "250 OK"


async def main():
    folder, ready = sys.argv[1], sys.argv[2]
    loop = asyncio.get_running_loop()
    sink = Sink(folder)
    server = await loop.create_server(lambda: SMTP(sink, hostname="sink.test"), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    with open(ready + ".tmp", "w") as out:
        out.write("%d\n" % port)
    os.rename(ready + ".tmp", ready)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
