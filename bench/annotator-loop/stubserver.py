#!/usr/bin/env python3
"""A trivial HTTP/1.1 server that answers the two loop requests instantly (GET -> 200 lease
JSON, POST -> 201), used only to measure the load generator's own ceiling on this machine."""
import asyncio
import sys

LEASE = b'{"item":{"id":"item-000001","text":"' + b"x" * 180 + b'"},"lease":"' + b"a" * 43 + b'","expires_at":"2026-01-01T00:00:00Z","guideline_version":1}\n'
GET = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(LEASE) + LEASE
POSTBODY = b'{"id":1,"item":"item-000001","annotator":"a","label":"pos","guideline_version":1,"seconds":1.5}\n'
POST = b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(POSTBODY) + POSTBODY


async def handle(reader, writer):
    try:
        while True:
            header = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in header.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            writer.write(POST if header.startswith(b"POST") else GET)
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", int(sys.argv[1]))
    async with server:
        await server.serve_forever()

asyncio.run(main())
