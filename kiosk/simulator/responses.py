"""Responses as plain values, and RFC 9457 problem details."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

PROBLEM_TYPE = "https://provincial.example/problems/"
TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
GARBAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)


class ProblemError(Exception):
    """Raised anywhere in a handler; becomes a problem+json response."""

    def __init__(
        self, status: int, code: str, detail: str, headers: list[tuple[str, str]] | None = None
    ) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers or []

    def response(self) -> Response:
        return problem(self.status, self.code, self.detail, self.headers)


def to_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_response(
    value: Any, status: int = 200, headers: list[tuple[str, str]] | None = None
) -> Response:
    return Response(status, to_json(value), "application/json", headers or [])


def problem(
    status: int, code: str, detail: str, headers: list[tuple[str, str]] | None = None
) -> Response:
    body = {
        "type": PROBLEM_TYPE + code,
        "title": TITLES.get(status, "Error"),
        "status": status,
        "code": code,
        "detail": detail,
    }
    return Response(status, to_json(body), "application/problem+json", headers or [])


def garbage() -> Response:
    return Response(200, GARBAGE, "text/html")
