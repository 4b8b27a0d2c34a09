// A request and its answer as the API handlers see them: plain values, no
// Beast types, so handlers and their tests do not depend on the transport.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace phongdich::api {

struct HttpRequest {
  std::string method;                             // "GET", "POST" ...
  std::string path;                               // decoded path, without the query
  std::multimap<std::string, std::string> query;  // decoded parameters
  std::map<std::string, std::string> headers;     // names in lower case
  std::string body;
  std::string remote;  // client address

  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> param(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond the standard ones
  std::string log_user;                                      // for the access log only; not sent
};

// Splits "/a/b?x=1&y=%C3%A1" into a decoded path and parameters. Returns false
// for a malformed percent escape or a path that is not absolute.
bool parse_target(std::string_view target, std::string& path,
                  std::multimap<std::string, std::string>& query);

// Percent-decoding; '+' becomes a space only when `plus_is_space` (query strings).
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace phongdich::api
