#!/usr/bin/env python3
"""A slow stand-in for Gemini, for chaos runs: the answers of the real API's shape, streamed phrasing by phrasing
with a pause between them, so that workers are killed in the middle of their streams.

  python3 slow_gemini.py PORT [SECONDS_PER_PHRASING]

generateContent answers four concepts named after the prompt; streamGenerateContent?alt=sse answers as many
phrasings as asked (and one more), each unique to its concept and attempt; embedContent answers a fixed vector.
Standard library only.
"""
import hashlib
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAUSE = float(sys.argv[2]) if len(sys.argv) > 2 else 0.4
COUNTER = iter(range(1, 10**9))
LOCK = threading.Lock()


def next_number():
    with LOCK:
        return next(COUNTER)


def user_text(body):
    return "".join(part.get("text", "") for content in body.get("contents", []) for part in content.get("parts", []))


def concepts(prompt):
    names = ["foundations", "history", "key terms", "applications"]
    items = [{"title": f"{prompt} {name}", "description": f"The {name} of {prompt}.", "whyItMatters": "It helps."}
             for name in names]
    return {"concepts": items}


def phrasing(title, n):
    tag = hashlib.sha1(f"{title}/{n}".encode()).hexdigest()[:8]
    if n % 2:
        return {"question": f"Which statement about {title} is right (variant {tag})?",
                "explanation": f"Only one of these holds for {title}.",
                "type": "multiple-choice",
                "options": [f"Option {tag} A", f"Option {tag} B", f"Option {tag} C"],
                "correctAnswer": f"Option {tag} B"}
    return {"question": f"True or false: {title} matters in case {tag}.",
            "explanation": f"It does, for {title}.",
            "type": "true-false",
            "options": ["True", "False"],
            "correctAnswer": "True"}


def candidate(text, finish=None):
    c = {"content": {"parts": [{"text": text}], "role": "model"}, "index": 0}
    if finish:
        c["finishReason"] = finish
    return {"candidates": [c], "usageMetadata": {"promptTokenCount": 100, "candidatesTokenCount": 50,
                                                  "totalTokenCount": 150}, "modelVersion": "slow-fake"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if ":streamGenerateContent" in self.path:
            return self.stream(body)
        if ":generateContent" in self.path:
            prompt = re.search(r'"""\n(.*?)\n"""', user_text(body), re.S)
            return self.json(candidate(json.dumps(concepts(prompt.group(1) if prompt else "Topic")), "STOP"))
        if ":embedContent" in self.path:
            return self.json({"embedding": {"values": [0.1] * 768}})
        self.send_error(404)

    def json(self, payload):
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def stream(self, body):
        text = user_text(body)
        title = re.search(r"Concept: (.*)\n", text).group(1)
        count = int(re.search(r"Write (\d+) questions", text).group(1)) + 1
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        items = [json.dumps(phrasing(title, next_number())) for _ in range(count)]
        pieces = ['{"phrasings": [' + items[0]] + ["," + item for item in items[1:]] + ["]}"]
        try:
            for i, piece in enumerate(pieces):
                event = candidate(piece, "STOP" if i == len(pieces) - 1 else None)
                self.chunk(("data: " + json.dumps(event) + "\r\n\r\n").encode())
                time.sleep(PAUSE)
            self.chunk(b"")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def chunk(self, data):
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a worker killed mid-stream resets its connection: expected here


if __name__ == "__main__":
    server = Server(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    server.serve_forever()
