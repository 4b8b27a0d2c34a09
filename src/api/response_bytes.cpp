#include "api/response_bytes.hpp"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/status.hpp>
#include <string_view>

#include "api/http_server.hpp"

namespace phongdich::api {

namespace {

bool named_by_response(const HttpResponse& response, std::string_view name) {
  for (const auto& [other, value] : response.headers) {
    if (boost::beast::iequals(other, name)) return true;
  }
  return false;
}

bool safe_in_header(std::string_view text) {
  return text.find_first_of("\r\n") == std::string_view::npos;
}

void add_header(std::string& out, std::string_view name, std::string_view value) {
  if (!safe_in_header(name) || !safe_in_header(value)) return;
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

}  // namespace

std::string response_bytes(const HttpResponse& response, bool keep_alive) {
  namespace http = boost::beast::http;
  const auto reason =
      http::obsolete_reason(http::int_to_status(static_cast<unsigned>(response.status)));
  std::string out;
  out.reserve(512 + response.body.size());
  out += "HTTP/1.1 ";
  out += std::to_string(response.status);
  out += ' ';
  out.append(reason.data(), reason.size());
  out += "\r\n";
  add_header(out, "Server", "phongdich");
  if (!named_by_response(response, "Content-Type")) {
    add_header(out, "Content-Type", response.content_type);
  }
  for (const auto& [name, value] : kSecurityHeaders) {
    if (!named_by_response(response, name)) add_header(out, name, value);
  }
  for (const auto& [name, value] : response.headers) {
    if (boost::beast::iequals(name, "Content-Length") || boost::beast::iequals(name, "Connection"))
      continue;
    add_header(out, name, value);
  }
  if (!keep_alive) add_header(out, "Connection", "close");
  // These carry no body, and no length: a 304's length would be that of the
  // answer it stands for.
  const bool bodiless = response.status < 200 || response.status == 204 || response.status == 304;
  if (!bodiless) {
    out += "Content-Length: ";
    out += std::to_string(response.body.size());
    out += "\r\n";
  }
  out += "\r\n";
  if (!bodiless) out += response.body;
  return out;
}

}  // namespace phongdich::api
