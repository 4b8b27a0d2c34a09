// The HTTP/1.1 server (Boost.Beast on Asio): accepts connections, reads one
// request at a time per connection within size and time limits, hands it to
// the handler, writes the answer with the security headers, logs it.
//
// Handlers run on the I/O threads. A handler may answer at once, or later from
// another thread (a write answered once its group has committed): the I/O
// threads then serve other connections meanwhile. A handler that blocks (a
// coverage scan) holds its thread; the thread count bounds how many do.
//
// Shutdown is graceful: stop() closes the listening socket, lets every request
// already read run to its end and its answer be written, closes idle
// keep-alive connections, and returns from wait() when nothing is left (or
// after the grace period, when the rest is cut).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/access_log.hpp"
#include "api/http_message.hpp"

namespace phongdich::api {

struct HttpServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (see HttpServer::port())
  unsigned threads = 2;
  size_t header_limit = 16 * 1024;
  size_t body_limit = 1 << 20;            // JSON requests
  size_t upload_body_limit = 256u << 20;  // CSV imports (paths under upload_prefix)
  std::string upload_prefix = "/api/v1/imports/";
  // A request (headers and body) must arrive within this time, and an answer
  // be read within it; an idle keep-alive connection is closed after it too.
  // Stops slow clients that trickle bytes from holding a connection for ever.
  // Kept to within a second (a quarter of a timeout under 4 s).
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{30'000};
};

// Answers at once.
using Handler = std::function<HttpResponse(HttpRequest&)>;
// Delivers an answer: called once, from any thread. The request stays valid
// until then.
using Reply = std::function<void(HttpResponse)>;
// Answers through `reply`, now or later. It must not throw after replying.
using AsyncHandler = std::function<void(HttpRequest&, Reply)>;

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, Handler handler, AccessLog* access_log);
  HttpServer(HttpServerOptions options, AsyncHandler handler, AccessLog* access_log);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens, then serves on `threads` threads. Throws when the
  // address cannot be bound.
  void start();
  // The bound port (useful with port 0).
  uint16_t port() const;
  // Begins the graceful shutdown; safe from any thread and from a signal handler's strand.
  void stop();
  // Blocks until the server has stopped and every answer still owed has been
  // delivered or dropped.
  void wait();
  // start(), then wait until SIGINT or SIGTERM, then stop() and wait().
  void run_until_signal(const std::function<void()>& on_listening = {});

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The headers every answer carries (also used by tests to check them).
inline constexpr std::pair<const char*, const char*> kSecurityHeaders[] = {
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"},
    {"Referrer-Policy", "no-referrer"},
    {"Cache-Control", "no-store"},
};

}  // namespace phongdich::api
