#include "api/static_site.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

namespace phongdich::api {

namespace {

bool starts_with_segment(const std::string& path, const std::string& prefix) {
  return path == prefix || path.starts_with(prefix + "/");
}

// True for a path whose every segment is an ordinary file name: no "..", no
// ".", no backslash or NUL (a decoded %2e%2e or %5c must not reach the disk).
bool safe_path(const std::string& path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return false;
  std::istringstream segments(path.substr(1));
  std::string segment;
  while (std::getline(segments, segment, '/')) {
    if (segment == "." || segment == "..") return false;
  }
  return true;
}

std::optional<std::string> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Weak validator from size and modification time: cheap, and a rebuilt file changes it.
std::string etag_of(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  const auto time = std::filesystem::last_write_time(file, ec).time_since_epoch().count();
  std::ostringstream tag;
  tag << "W/\"" << std::hex << size << "-" << time << "\"";
  return tag.str();
}

HttpResponse not_found() {
  HttpResponse response;
  response.status = 404;
  response.content_type = "text/plain; charset=utf-8";
  response.body = "Không tìm thấy / Not found\n";
  return response;
}

}  // namespace

std::string default_web_dir() {
  if (const char* env = std::getenv("PHONGDICH_WEB_DIR"); env != nullptr && *env != '\0')
    return env;
  return PHONGDICH_WEB_DIR;
}

StaticSite::StaticSite(std::filesystem::path root) : root_(std::move(root)) {
  std::error_code ec;
  available_ = std::filesystem::is_regular_file(root_ / "index.html", ec);
  if (available_) root_ = std::filesystem::canonical(root_, ec);
}

std::string StaticSite::content_type(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".webmanifest", "application/manifest+json"},
      {".txt", "text/plain; charset=utf-8"},
      {".woff2", "font/woff2"},
      {".map", "application/json"},
  };
  const auto found = types.find(file.extension().string());
  return found == types.end() ? "application/octet-stream" : found->second;
}

std::optional<HttpResponse> StaticSite::serve(const HttpRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  const std::string& path = request.path;
  if (starts_with_segment(path, "/api") || path == "/health" || path == "/ready")
    return std::nullopt;
  if (!available_) return std::nullopt;  // the API's own 404
  if (!safe_path(path)) return not_found();

  std::error_code ec;
  std::filesystem::path file = root_ / std::filesystem::path(path.substr(1));
  if (std::filesystem::is_directory(file, ec)) file /= "index.html";
  if (!std::filesystem::is_regular_file(file, ec)) {
    // An application route (/registry/person/42) gets the page; a missing
    // file (/assets/gone.js) gets a 404, so a stale page fails visibly.
    const std::string last = path.substr(path.rfind('/') + 1);
    if (last.find('.') != std::string::npos) return not_found();
    file = root_ / "index.html";
  }
  // Symbolic links inside the directory must not lead out of it either.
  const std::filesystem::path real = std::filesystem::canonical(file, ec);
  if (ec) return not_found();
  const auto [root_end, ignored] = std::mismatch(root_.begin(), root_.end(), real.begin());
  if (root_end != root_.end()) return not_found();

  HttpResponse response;
  response.content_type = content_type(real);
  const bool hashed = path.starts_with("/assets/");
  const std::string etag = etag_of(real);
  response.headers.emplace_back("ETag", etag);
  if (hashed) response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  if (request.header("if-none-match").value_or("") == etag) {
    response.status = 304;
    return response;
  }
  // Vite's build leaves a .gz beside each asset: sent as is to clients that accept it.
  const bool gzip_ok =
      request.header("accept-encoding").value_or("").find("gzip") != std::string::npos;
  std::optional<std::string> body;
  if (gzip_ok && hashed) {
    if ((body = read_file(real.string() + ".gz"))) {
      response.headers.emplace_back("Content-Encoding", "gzip");
      response.headers.emplace_back("Vary", "Accept-Encoding");
    }
  }
  if (!body) body = read_file(real);
  if (!body) return not_found();
  if (request.method == "GET") response.body = std::move(*body);
  return response;
}

}  // namespace phongdich::api
