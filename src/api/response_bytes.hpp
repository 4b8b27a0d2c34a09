// An answer as the bytes sent on the connection: the status line, the headers
// and the body in one buffer, written with one call. Beast's serializer walks
// a chain of header buffers on every answer; without it the server answered
// /health a quarter to a third faster (docs/performance.md). The headers here
// are few and mostly fixed.
#pragma once

#include <string>

#include "api/http_message.hpp"

namespace phongdich::api {

// HTTP/1.1. `keep_alive` false adds "Connection: close". A header the
// response names replaces the standard one of the same name (Cache-Control
// of the hashed web assets); a header value with a CR or LF is dropped
// rather than let split the answer. A 1xx, 204 or 304 goes without a body or a
// length.
std::string response_bytes(const HttpResponse& response, bool keep_alive);

}  // namespace phongdich::api
