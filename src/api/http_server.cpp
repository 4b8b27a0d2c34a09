#include "api/http_server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "api/response_bytes.hpp"

namespace phongdich::api {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// From this declared length on, a body is read without the parser (an upload;
// JSON bodies are at most 1 MiB).
constexpr uint64_t kDirectBodyFrom = 256 * 1024;
constexpr size_t kBodyReadStep = 4 << 20;  // the most one read of such a body asks for
// How long a connection that ended with an answer that closes it may still send.
constexpr std::chrono::seconds kLingerFor{2};

using SteadyClock = std::chrono::steady_clock;
constexpr int64_t kNoDeadline = 0;

int64_t steady_ticks(SteadyClock::time_point at) { return at.time_since_epoch().count(); }

// How often the sweeper looks for connections past their deadline: a quarter
// of the read timeout (so a deadline is kept to within a quarter), between
// 10 ms and 1 s.
SteadyClock::duration sweep_interval(std::chrono::milliseconds read_timeout) {
  return std::clamp<SteadyClock::duration>(read_timeout / 4, std::chrono::milliseconds(10),
                                           std::chrono::seconds(1));
}

// The transport's own refusals (before a handler sees the request).
HttpResponse transport_error(int status, const char* code, const char* vi, const char* en) {
  HttpResponse response;
  response.status = status;
  response.body = std::string(R"({"error":{"status":)") + std::to_string(status) + R"(,"code":")" +
                  code + R"(","message_vi":")" + vi + R"(","message_en":")" + en + R"("}})";
  return response;
}

}  // namespace

class HttpServer::Impl {
 public:
  class Session;

  Impl(HttpServerOptions options, AsyncHandler handler, AccessLog* log)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        log_(log),
        acceptor_(net::make_strand(ioc_)),
        signals_(ioc_),
        grace_timer_(ioc_),
        sweep_timer_(acceptor_.get_executor()) {}

  void start();
  void stop();
  void wait();
  uint16_t port() const { return port_; }

  // Runs the handler, never letting an exception out to the transport.
  void handle(HttpRequest& request, const Reply& reply) {
    try {
      handler_(request, reply);
    } catch (const std::exception& e) {
      // The detail goes to the server's log, never to the client.
      std::cerr << "phongdich serve: internal error on " << request.method << " " << request.path
                << ": " << e.what() << "\n";
      reply(transport_error(500, "internal", "Lỗi hệ thống, vui lòng thử lại sau",
                            "Internal error, please try again later"));
    }
  }

  void do_accept();
  void sweep_later();
  void sweep();
  void add_session(uint64_t id, const std::shared_ptr<Session>& session);
  // The connections still open. Dropping the last reference to one removes it,
  // so callers drop these outside sessions_mutex_.
  std::vector<std::shared_ptr<Session>> live_sessions();
  void remove_session(uint64_t id);
  bool stopping() const { return stopping_.load(); }

  HttpServerOptions options_;
  AsyncHandler handler_;
  AccessLog* log_;
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  net::signal_set signals_;
  net::steady_timer grace_timer_;
  // Closes the connections past their deadline (Session::deadline_). Runs on
  // the acceptor's strand, as stop() does.
  net::steady_timer sweep_timer_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> next_session_{1};
  uint16_t port_ = 0;
  std::mutex sessions_mutex_;
  std::map<uint64_t, std::weak_ptr<Session>> sessions_;
  // Answers a handler still owes: wait() waits for them, so that none arrives
  // after the I/O context is gone.
  std::mutex owed_mutex_;
  std::condition_variable owed_done_;
  size_t owed_ = 0;
};

class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Impl& server, tcp::socket socket, uint64_t id)
      : server_(server), socket_(std::move(socket)), id_(id) {
    beast::error_code ec;
    const auto endpoint = socket_.remote_endpoint(ec);
    remote_ = ec ? "unknown" : endpoint.address().to_string();
  }
  ~Session() { server_.remove_session(id_); }

  void start() {
    net::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

  // From the sweeper: closes the connection if it has waited on its client
  // past its deadline. Checked again on the connection's strand, where the
  // deadline changes.
  void close_if_overdue(int64_t now) {
    if (!overdue(now)) return;
    net::post(socket_.get_executor(), [self = shared_from_this()] {
      if (self->overdue(steady_ticks(SteadyClock::now()))) self->close();
    });
  }

  // From stop(): an idle connection is closed now; a busy one after its answer.
  void close_if_idle() {
    net::post(socket_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->close();
    });
  }

 private:
  // Deadlines are kept by the sweeper rather than by a timer per read and
  // write (Beast's tcp_stream): arming and cancelling those timers twice a
  // request, under the reactor's one lock, cost about a sixth of the server's
  // CPU per request in its HTTP layer (docs/performance.md).
  void set_deadline(SteadyClock::duration from_now) {
    deadline_.store(steady_ticks(SteadyClock::now() + from_now), std::memory_order_relaxed);
  }
  void clear_deadline() { deadline_.store(kNoDeadline, std::memory_order_relaxed); }
  bool overdue(int64_t now) const {
    const int64_t deadline = deadline_.load(std::memory_order_relaxed);
    return deadline != kNoDeadline && deadline <= now;
  }

  void read_header() {
    if (server_.stopping()) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options_.header_limit));
    // The header is checked against the larger limit: which one applies is
    // known only from the target (Beast refuses a too-long Content-Length as
    // soon as the header ends, before on_header could raise it for uploads).
    parser_->body_limit(std::max(server_.options_.body_limit, server_.options_.upload_body_limit));
    // The whole request (header, "100 Continue", body) must arrive in time.
    set_deadline(server_.options_.read_timeout);
    http::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    busy_ = true;
    started_ = std::chrono::steady_clock::now();
    const auto& header = parser_->get();
    const std::string_view target(header.target().data(), header.target().size());
    const size_t limit = target.starts_with(server_.options_.upload_prefix)
                             ? server_.options_.upload_body_limit
                             : server_.options_.body_limit;
    parser_->body_limit(limit);
    // A declared length over the limit is refused before any of the body is read.
    if (const auto length = parser_->content_length(); length && *length > limit) {
      return on_read_error(http::error::body_limit);
    }
    // curl and others wait for "100 Continue" before sending a large body.
    const auto expect = header[http::field::expect];
    if (beast::iequals(expect, "100-continue")) {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                     header.version());
      http::async_write(socket_, *cont,
                        [self = shared_from_this(), cont](beast::error_code write_ec, size_t) {
                          if (write_ec) return self->close();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    const auto length = parser_->content_length();
    if (length && *length >= kDirectBodyFrom && *length > buffer_.size()) {
      return read_body_directly(static_cast<size_t>(*length));
    }
    http::async_read(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_body(ec); });
  }

  // A large body of declared length (an upload) is read straight into the
  // request, each read taking all the socket holds (up to 4 MiB). Through the
  // parser it comes 64 KB a read, and each read waits its turn among the busy
  // connections: beside a load of GETs a 16 MB upload took 2.6 s to come in.
  void read_body_directly(size_t length) {
    auto message = std::make_shared<http::request<http::string_body>>(parser_->release());
    parser_.reset();  // done with: what it held is in `message`
    std::string& body = message->body();
    // Reserved, not filled: memory is taken as the bytes arrive, as the parser
    // would, so a client that declares much and sends little holds little.
    body.reserve(length);
    // The body's first bytes came with the header.
    body.assign(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    buffer_.consume(buffer_.size());
    const size_t filled = body.size();
    read_more_body(std::move(message), length, filled);
  }

  // Reads into the body from `filled` on; its size only grows (to `length`),
  // so no byte is cleared twice however little each read brings.
  void read_more_body(std::shared_ptr<http::request<http::string_body>> message, size_t length,
                      size_t filled) {
    std::string& body = message->body();
    const size_t want = std::min(length - filled, kBodyReadStep);
    if (body.size() < filled + want) body.resize(filled + want);
    socket_.async_read_some(
        net::buffer(body.data() + filled, want),
        [self = shared_from_this(), message, length, filled](beast::error_code ec, size_t read) {
          if (ec) return self->on_read_error(ec);
          if (filled + read == length) return self->on_message(std::move(*message));
          self->read_more_body(message, length, filled + read);
        });
  }

  void on_read_error(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      return reply_and_close(transport_error(413, "request.too_large", "Nội dung yêu cầu quá lớn",
                                             "Request body too large"));
    }
    if (ec == http::error::header_limit) {
      return reply_and_close(transport_error(431, "request.headers_too_large",
                                             "Phần đầu yêu cầu quá lớn",
                                             "Request headers too large"));
    }
    const bool parse_error =
        ec.category() == http::make_error_code(http::error::bad_target).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message;
    if (parse_error) {
      return reply_and_close(transport_error(400, "request.malformed", "Yêu cầu HTTP không hợp lệ",
                                             "Malformed HTTP request"));
    }
    // Closed by the client, cancelled or timed out: nobody waits for an answer.
    close();
  }

  void on_body(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    on_message(parser_->release());
  }

  void on_message(http::request<http::string_body>&& message) {
    clear_deadline();  // the server's turn: no client is waited for
    HttpRequest request;
    request.method = std::string(message.method_string());
    request.remote = remote_;
    request.body = std::move(message.body());
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers[name] = std::string(field.value());
    }
    keep_alive_ = message.keep_alive();
    const std::string_view target(message.target().data(), message.target().size());
    if (!parse_target(target, request.path, request.query)) {
      request.path = "(malformed)";
      return write(std::move(request),
                   transport_error(400, "request.target", "Đường dẫn yêu cầu không hợp lệ",
                                   "Malformed request target"));
    }
    auto owed = std::make_shared<OwedAnswer>(shared_from_this(), std::move(request));
    server_.handle(owed->request, [owed](HttpResponse response) {
      // Back on this connection's strand (at once when already there).
      net::dispatch(owed->session->socket_.get_executor(),
                    [session = owed->session, request = std::move(owed->request),
                     response = std::move(response)]() mutable {
                      session->write(std::move(request), std::move(response));
                    });
    });
  }

  // What an answer still owed holds: the connection, the request the handler
  // reads until it answers, and the I/O context's work (so that it keeps
  // running). Counted in the server until let go.
  struct OwedAnswer {
    OwedAnswer(std::shared_ptr<Session> s, HttpRequest r)
        : session(std::move(s)),
          request(std::move(r)),
          work(net::make_work_guard(session->server_.ioc_)) {
      std::lock_guard lock(session->server_.owed_mutex_);
      ++session->server_.owed_;
    }
    ~OwedAnswer() {
      Impl& server = session->server_;
      session.reset();
      work.reset();
      std::lock_guard lock(server.owed_mutex_);
      if (--server.owed_ == 0) server.owed_done_.notify_all();
    }
    OwedAnswer(const OwedAnswer&) = delete;
    OwedAnswer& operator=(const OwedAnswer&) = delete;

    std::shared_ptr<Session> session;
    HttpRequest request;
    net::executor_work_guard<net::io_context::executor_type> work;
  };

  void reply_and_close(HttpResponse response) {
    keep_alive_ = false;
    busy_ = true;
    started_ = std::chrono::steady_clock::now();
    HttpRequest request;
    request.remote = remote_;
    if (parser_ && parser_->is_header_done()) {
      request.method = std::string(parser_->get().method_string());
      request.path =
          std::string(parser_->get().target().substr(0, parser_->get().target().find('?')));
    }
    write(std::move(request), std::move(response));
  }

  void write(HttpRequest request, HttpResponse response) {
    const bool keep = keep_alive_ && !server_.stopping();
    auto out = std::make_shared<std::string>(response_bytes(response, keep));

    AccessRecord record;
    record.at_ms = now_ms();
    record.remote = remote_;
    record.method = std::move(request.method);
    record.path = std::move(request.path);
    record.status = response.status;
    record.bytes = response.body.size();
    record.user = std::move(response.log_user);
    // A client that does not read its answer is cut as one that does not send.
    set_deadline(server_.options_.read_timeout);
    net::async_write(socket_, net::buffer(*out),
                     [self = shared_from_this(), out, keep, record = std::move(record)](
                         beast::error_code ec, size_t) mutable {
                       record.duration_ms = std::chrono::duration<double, std::milli>(
                                                std::chrono::steady_clock::now() - self->started_)
                                                .count();
                       if (self->server_.log_) self->server_.log_->write(record);
                       self->busy_ = false;
                       if (ec) return self->close();
                       if (!keep) return self->linger_close();
                       self->read_header();
                     });
  }

  // After an answer that ends the connection (often a refusal sent before the
  // client finished sending): stop sending, then read and drop what the client
  // still sends for a moment before closing. Closing at once with unread
  // input makes the kernel reset the connection, and the client may lose the
  // answer it was about to read.
  void linger_close() {
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    set_deadline(kLingerFor);
    drain();
  }

  void drain() {
    socket_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  void close() {
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  Impl& server_;
  tcp::socket socket_;  // on the connection's strand (see do_accept)
  uint64_t id_;
  // When the client must have sent (or read) what it is waited for, in
  // SteadyClock ticks; kNoDeadline while the server works on its request.
  std::atomic<int64_t> deadline_{kNoDeadline};
  std::string remote_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool busy_ = false;
  bool keep_alive_ = true;
  std::array<char, 4096> drain_buffer_;
  std::chrono::steady_clock::time_point started_;
};

void HttpServer::Impl::add_session(uint64_t id, const std::shared_ptr<Session>& session) {
  std::lock_guard lock(sessions_mutex_);
  sessions_[id] = session;
}

std::vector<std::shared_ptr<HttpServer::Impl::Session>> HttpServer::Impl::live_sessions() {
  std::vector<std::shared_ptr<Session>> alive;
  std::lock_guard lock(sessions_mutex_);
  alive.reserve(sessions_.size());
  for (auto& [id, weak] : sessions_) {
    if (auto session = weak.lock()) alive.push_back(std::move(session));
  }
  return alive;
}

void HttpServer::Impl::remove_session(uint64_t id) {
  bool last = false;
  {
    std::lock_guard lock(sessions_mutex_);
    sessions_.erase(id);
    last = sessions_.empty();
  }
  // The last connection gone during shutdown: no need to wait out the grace period.
  if (last && stopping()) {
    net::post(acceptor_.get_executor(), [this] {
      grace_timer_.cancel();
      sweep_timer_.cancel();
    });
  }
}

void HttpServer::Impl::start() {
  try {
    const tcp::endpoint endpoint(net::ip::make_address(options_.address), options_.port);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("cannot listen on " + options_.address + ":" +
                             std::to_string(options_.port) + ": " + e.code().message());
  }
  port_ = acceptor_.local_endpoint().port();
  do_accept();
  sweep_later();
  const unsigned count = std::max(1u, options_.threads);
  for (unsigned i = 0; i < count; ++i) threads_.emplace_back([this] { ioc_.run(); });
}

void HttpServer::Impl::do_accept() {
  acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!acceptor_.is_open() || stopping()) return;  // closed by stop()
      return do_accept();  // e.g. too many open files: keep serving the others
    }
    if (stopping()) return;
    const uint64_t id = next_session_++;
    auto session = std::make_shared<Session>(*this, std::move(socket), id);
    add_session(id, session);
    session->start();
    do_accept();
  });
}

void HttpServer::Impl::sweep_later() {
  sweep_timer_.expires_after(sweep_interval(options_.read_timeout));
  sweep_timer_.async_wait([this](beast::error_code ec) {
    if (!ec) sweep();
  });
}

void HttpServer::Impl::sweep() {
  std::vector<std::shared_ptr<Session>> alive = live_sessions();
  // Stopping with no connection left: nothing more to sweep, and the I/O
  // threads may end.
  if (stopping() && alive.empty()) return;
  const int64_t now = steady_ticks(SteadyClock::now());
  for (const auto& session : alive) session->close_if_overdue(now);
  alive.clear();
  sweep_later();
}

void HttpServer::Impl::stop() {
  if (stopping_.exchange(true)) return;
  net::post(acceptor_.get_executor(), [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
    signals_.cancel(ignored);
    std::vector<std::shared_ptr<Session>> alive = live_sessions();
    if (alive.empty()) {
      sweep_timer_.cancel();
      return;
    }
    for (auto& session : alive) session->close_if_idle();
    // Whatever is still running after the grace period is cut.
    grace_timer_.expires_after(options_.shutdown_grace);
    grace_timer_.async_wait([this](beast::error_code ec) {
      if (!ec) ioc_.stop();
    });
  });
}

void HttpServer::Impl::wait() {
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
  // Cut by the grace period: answers still owed arrive to a stopped context
  // and are dropped, but they must arrive before it is destroyed.
  std::unique_lock lock(owed_mutex_);
  owed_done_.wait(lock, [this] { return owed_ == 0; });
}

HttpServer::HttpServer(HttpServerOptions options, AsyncHandler handler, AccessLog* access_log)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), access_log)) {}

HttpServer::HttpServer(HttpServerOptions options, Handler handler, AccessLog* access_log)
    : HttpServer(
          std::move(options),
          AsyncHandler([handler = std::move(handler)](HttpRequest& request, const Reply& reply) {
            reply(handler(request));
          }),
          access_log) {}

HttpServer::~HttpServer() {
  impl_->stop();
  impl_->wait();
}

void HttpServer::start() { impl_->start(); }
uint16_t HttpServer::port() const { return impl_->port(); }
void HttpServer::stop() { impl_->stop(); }

void HttpServer::wait() { impl_->wait(); }

void HttpServer::run_until_signal(const std::function<void()>& on_listening) {
  impl_->signals_.add(SIGINT);
  impl_->signals_.add(SIGTERM);
  impl_->signals_.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->stop();
  });
  start();
  if (on_listening) on_listening();
  wait();
}

}  // namespace phongdich::api
