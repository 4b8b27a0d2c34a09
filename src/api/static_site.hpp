// The web application's static files (web/dist, built by Vite), served from
// the same origin as the API so that the browser needs no CORS and the CSP
// can stay at default-src 'self'.
//
// Only GET and HEAD outside /api/ and the probes are answered here; the rest
// goes to the API. A path that names no file and has no extension gets
// index.html (the application routes in the browser); a path that would leave
// the directory is refused. Hashed files under /assets/ never change, so they
// may be cached for a year; index.html and the rest keep no-store, so a new
// build is picked up at the next load.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "api/http_message.hpp"

namespace phongdich::api {

// PHONGDICH_WEB_DIR, else the web/dist of the source tree the program was built from.
std::string default_web_dir();

class StaticSite {
 public:
  explicit StaticSite(std::filesystem::path root);

  // False when the directory has no index.html (the application was not built).
  bool available() const { return available_; }
  const std::filesystem::path& root() const { return root_; }

  // The answer for a request this site serves; nullopt for the API's requests.
  std::optional<HttpResponse> serve(const HttpRequest& request) const;

  // The Content-Type for a file name, by its extension.
  static std::string content_type(const std::filesystem::path& file);

 private:
  std::filesystem::path root_;
  bool available_ = false;
};

}  // namespace phongdich::api
