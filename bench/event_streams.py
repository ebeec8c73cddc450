#!/usr/bin/python3
"""Holds many live event streams (GET /api/users/me/events) for bench/events.sh, then signs in
as some of their users and measures how long each login's event takes to reach every stream
of that user.

  event_streams.py DATABASE SECRET_FILE LOGIN_URL STREAM_URL[,STREAM_URL...] USERS SESSIONS STREAMS LOGINS

DATABASE is a SQLite file or a postgresql:// URL (written through psql). Seeds USERS users
(sharing the first user's password hash, so that seeding costs no Argon2id) with SESSIONS
sessions each straight into the database, signs an access token for each
session with the server's JWT secret, opens STREAMS streams spread over those sessions (at most
4 per session, as the server allows), then signs in LOGINS times through LOGIN_URL, one user
after another. Streams are spread over the STREAM_URLs (several servers on one database).
Prints one JSON object: streams open, and the delays in ms from the login's response to its
event on the last of that user's streams.
"""
import asyncio
import base64
import hashlib
import hmac
import json
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import uuid

db_path, secret_file, login_url = sys.argv[1], sys.argv[2], sys.argv[3]
stream_urls = sys.argv[4].split(",")
users, sessions_per_user, streams, logins = (int(a) for a in sys.argv[5:9])
PASSWORD = "bench password 1234"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def token(key, user_id, session_id):
    now = int(time.time())
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = b64(json.dumps({"sub": user_id, "sid": session_id, "iss": "vigie-server", "aud": "vigie",
                             "iat": now, "exp": now + 3600}).encode())
    signing_input = header + b"." + claims
    return (signing_input + b"." + b64(hmac.new(key, signing_input, hashlib.sha256).digest())).decode()


class Psql:
    """Just enough of sqlite3's connection for seed(), over psql: statements are collected as SQL
    text (parameters inlined as literals) and run in one transaction when the block ends."""

    def __init__(self, url):
        self.url, self.statements = url, []

    def execute(self, sql, params=()):
        def literal(v):
            return "NULL" if v is None else str(v) if isinstance(v, int) else "'" + str(v).replace("'", "''") + "'"
        parts = sql.split("?")
        text = parts[0] + "".join(literal(v) + rest for v, rest in zip(params, parts[1:]))
        if text.lstrip().upper().startswith("SELECT"):
            out = subprocess.run(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", self.url, "-c", text],
                                 check=True, capture_output=True, text=True).stdout
            return Rows([tuple(line.split("|")) for line in out.splitlines()])
        self.statements.append(text + ";")
        return None

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is None:
            subprocess.run(["psql", "-XAq", "-v", "ON_ERROR_STOP=1", "-1", self.url, "-f", "-"],
                           input="\n".join(self.statements), check=True, text=True)


class Rows(list):
    def fetchone(self):
        return self[0] if self else None


def seed():
    """Users 1..USERS share user 0's password; each gets SESSIONS sessions. Returns
    [(email, user_id, [session_id...])]."""
    db = Psql(db_path) if db_path.startswith("postgres") else sqlite3.connect(db_path, timeout=30)
    (first_id, first_hash) = db.execute("SELECT id, password_hash FROM users WHERE email_key = ?",
                                        ("bench0@vigie.test",)).fetchone()
    now = int(time.time() * 1000)
    out = []
    device = json.dumps({"browser": "Firefox", "browser_version": "133.0", "os": "Linux", "os_version": None,
                         "device_type": "desktop", "device_brand": None, "device_model": None,
                         "user_agent": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"})
    with db:
        for u in range(users):
            email = f"bench{u}@vigie.test"
            if u == 0:
                user_id = first_id
            else:
                user_id = str(uuid.uuid4())
                db.execute("INSERT INTO users (id, email, email_key, display_name, role, password_hash, created_at) "
                           "VALUES (?, ?, ?, ?, 'user', ?, ?)", (user_id, email, email, f"Bench {u}", first_hash, now))
            ids = []
            for _ in range(sessions_per_user):
                sid = str(uuid.uuid4())
                db.execute("INSERT INTO user_sessions (id, user_id, device_info, ip_address, created_at, last_activity, "
                           "expires_at, authenticated_at, is_active, refresh_token_hash) "
                           "VALUES (?, ?, ?, '127.0.0.1', ?, ?, ?, ?, TRUE, ?)",
                           (sid, user_id, device, now, now, now + 86400000, now, hashlib.sha256(sid.encode()).hexdigest()))
                ids.append(sid)
            out.append((email, user_id, ids))
    return out


class Stream:
    def __init__(self, user):
        self.user = user
        self.arrived = {}  # event id -> monotonic time

    async def run(self, url, tok, opened):
        u = urllib.parse.urlsplit(url)
        reader, writer = await asyncio.open_connection(u.hostname, u.port)
        writer.write(f"GET /api/users/me/events HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {tok}\r\n\r\n".encode())
        status = await reader.readline()
        if b" 200 " not in status:
            opened.append(False)
            writer.close()
            return
        opened.append(True)
        # The chunk framing is skipped line by line: an SSE "id: " line is all this needs.
        while True:
            line = await reader.readline()
            if not line:
                return
            if line.startswith(b"id: "):
                self.arrived[line[4:].strip().decode()] = time.monotonic()


async def login(email):
    u = urllib.parse.urlsplit(login_url)
    reader, writer = await asyncio.open_connection(u.hostname, u.port)
    body = json.dumps({"email": email, "password": PASSWORD}).encode()
    started = time.monotonic()
    writer.write(b"POST /api/auth/login HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                 b"Connection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    answer = await reader.read()
    answered = time.monotonic()
    writer.close()
    session_id = json.loads(answer.split(b"\r\n\r\n", 1)[1])["session_id"]
    return started, answered, session_id


def percentile(values, p):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(p / 100 * len(values)))], 1)


async def main():
    with open(secret_file) as f:
        key = bytes.fromhex(f.read().strip())
    seeded = seed()
    by_user = {}
    opened = []
    tasks = []
    per_user = streams // users
    for n, (email, user_id, ids) in enumerate(seeded):
        for i in range(per_user):
            s = Stream(email)
            by_user.setdefault(email, []).append(s)
            url = stream_urls[(n * per_user + i) % len(stream_urls)]
            tasks.append(asyncio.create_task(s.run(url, token(key, user_id, ids[i % len(ids)]), opened)))
            if len(tasks) % 200 == 0:
                await asyncio.sleep(0.05)
    while len(opened) < len(tasks):
        await asyncio.sleep(0.1)
    print(json.dumps({"phase": "open", "streams": sum(opened), "refused": len(opened) - sum(opened)}), flush=True)
    # The caller reads the server's RSS now.
    await asyncio.sleep(3)

    delays, from_request = [], []
    for i in range(logins):
        email = seeded[(i * 7) % len(seeded)][0]
        started, answered, session_id = await login(email)
        # The event's id is not known in advance: wait until every stream of the user got a
        # new one, and take the slowest.
        deadline = time.monotonic() + 5
        user_streams = by_user[email]
        while time.monotonic() < deadline:
            news = [max((t for t in s.arrived.values() if t >= started), default=None) for s in user_streams]
            if all(x is not None for x in news):
                break
            await asyncio.sleep(0.002)
        else:
            print(json.dumps({"phase": "missed", "email": email}), flush=True)
            continue
        last = max(news)
        delays.append((last - answered) * 1000)
        from_request.append((last - started) * 1000)
        for s in user_streams:
            s.arrived.clear()
        await asyncio.sleep(0.05)
    print(json.dumps({"phase": "delays", "logins": len(delays),
                      "after_response_ms": {"p50": percentile(delays, 50), "p99": percentile(delays, 99),
                                            "max": round(max(delays), 1)},
                      "after_request_ms": {"p50": percentile(from_request, 50), "p99": percentile(from_request, 99),
                                           "max": round(max(from_request), 1)}}), flush=True)
    for t in tasks:
        t.cancel()


asyncio.run(main())
