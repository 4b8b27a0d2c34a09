// The transport's deadlines (api/http_server.cpp): a connection that waits on
// its client for longer than the read timeout is closed, whether the client
// trickles a request, sits idle between requests or does not read its answer;
// one whose request the server is still working on is not. Each test runs a
// bare HttpServer with a read timeout of 400 ms.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/http_server.hpp"

namespace phongdich {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

constexpr auto kReadTimeout = 400ms;
// Far beyond the read timeout and the sweeper's quarter of it, so that a
// connection still open then was not cut.
constexpr auto kGiveUpAfter = 10s;

const std::string kHealthRequest = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

api::HttpServerOptions options() {
  api::HttpServerOptions o;
  o.port = 0;
  o.threads = 2;
  o.read_timeout = kReadTimeout;
  o.shutdown_grace = 5s;
  return o;
}

api::HttpResponse ok(std::string body) {
  api::HttpResponse response;
  response.status = 200;
  response.body = std::move(body);
  return response;
}

// A client connection read without blocking.
class Client {
 public:
  explicit Client(uint16_t port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    socket_.non_blocking(true);
  }

  void send(const std::string& bytes) {
    socket_.non_blocking(false);
    net::write(socket_, net::buffer(bytes));
    socket_.non_blocking(true);
  }

  // Reads until one whole answer with a Content-Length is in, the server
  // closes, or `limit` passes; the answer's bytes (empty if none came whole).
  std::string read_answer(std::chrono::steady_clock::duration limit = kGiveUpAfter) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (const size_t end = whole_answer_end(); end != 0) {
        std::string answer = pending_.substr(0, end);
        pending_.erase(0, end);
        return answer;
      }
      if (!read_some()) break;
    }
    return {};
  }

  // Whether the server has closed the connection within `limit` (reading and
  // dropping whatever it still sends); the bytes dropped are counted.
  bool closed_within(std::chrono::steady_clock::duration limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      dropped_ += pending_.size();
      pending_.clear();
      if (!read_some()) return true;
    }
    return false;
  }

  size_t dropped() const { return dropped_; }

 private:
  // False once the connection is closed or reset.
  bool read_some() {
    char chunk[65536];
    boost::system::error_code ec;
    const size_t n = socket_.read_some(net::buffer(chunk), ec);
    if (ec == net::error::would_block) {
      std::this_thread::sleep_for(5ms);
      return true;
    }
    if (ec) return false;
    pending_.append(chunk, n);
    return true;
  }

  size_t whole_answer_end() const {
    const size_t header_end = pending_.find("\r\n\r\n");
    if (header_end == std::string::npos) return 0;
    const size_t field = pending_.find("Content-Length: ");
    if (field == std::string::npos || field > header_end) return 0;
    const size_t length = std::stoul(pending_.substr(field + 16));
    const size_t end = header_end + 4 + length;
    return pending_.size() >= end ? end : 0;
  }

  net::io_context ioc_;
  tcp::socket socket_;
  std::string pending_;
  size_t dropped_ = 0;
};

// A started server that answers every request with `{}`.
std::unique_ptr<api::HttpServer> started_server() {
  auto server = std::make_unique<api::HttpServer>(
      options(), [](api::HttpRequest&) { return ok("{}"); }, nullptr);
  server->start();
  return server;
}

// Sends a request on `client`; whether its 200 came back.
bool answered(Client& client) {
  client.send(kHealthRequest);
  return client.read_answer().starts_with("HTTP/1.1 200");
}

// Whether stop() and wait() return in time.
bool stops_in_time(api::HttpServer& server) {
  auto stopped = std::async(std::launch::async, [&server] {
    server.stop();
    server.wait();
  });
  return stopped.wait_for(kGiveUpAfter) == std::future_status::ready;
}

TEST(ConnectionDeadlines, AnIdleKeepAliveConnectionIsClosedAfterTheReadTimeout) {
  const auto server = started_server();
  Client client(server->port());
  ASSERT_TRUE(answered(client));
  // Still open well within the timeout, and it serves a second request.
  std::this_thread::sleep_for(kReadTimeout / 4);
  ASSERT_TRUE(answered(client)) << "a keep-alive connection was cut before its read timeout";
  // Then nothing more is sent: the server closes it.
  EXPECT_TRUE(client.closed_within(kGiveUpAfter));
}

TEST(ConnectionDeadlines, EachRequestGivesTheConnectionANewReadTimeout) {
  const auto server = started_server();
  Client client(server->port());
  // Ten requests, one every half timeout: five timeouts in all on one connection.
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(answered(client)) << "request " << i;
    std::this_thread::sleep_for(kReadTimeout / 2);
  }
}

TEST(ConnectionDeadlines, ARequestTheServerWorksOnLongerThanTheReadTimeoutIsAnswered) {
  // The answer comes from another thread after five read timeouts, as a long
  // report from the writer thread does.
  std::vector<std::thread> workers;
  api::HttpServer server(options(),
                         api::AsyncHandler([&workers](api::HttpRequest&, const api::Reply& reply) {
                           workers.emplace_back([reply] {
                             std::this_thread::sleep_for(kReadTimeout * 5);
                             reply(ok(R"({"slow":true})"));
                           });
                         }),
                         nullptr);
  server.start();
  Client client(server.port());
  client.send(kHealthRequest);
  const std::string answer = client.read_answer();
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << "the connection was cut while served";
  EXPECT_NE(answer.find(R"({"slow":true})"), std::string::npos) << answer;
  server.stop();
  server.wait();
  for (std::thread& worker : workers) worker.join();
}

TEST(ConnectionDeadlines, AClientThatDoesNotReadItsAnswerIsCut) {
  // 64 MiB: far more than the socket buffers of both ends hold, so the
  // server's write waits on the client.
  const std::string big(64u << 20, 'x');
  api::HttpServer server(
      options(), [&big](api::HttpRequest&) { return ok(big); }, nullptr);
  server.start();
  Client client(server.port());
  client.send(kHealthRequest);
  std::this_thread::sleep_for(kReadTimeout * 4);  // reads nothing meanwhile
  ASSERT_TRUE(client.closed_within(kGiveUpAfter));
  EXPECT_LT(client.dropped(), big.size()) << "the whole answer was sent to a client not reading";
}

TEST(ConnectionDeadlines, TheServerStopsAtOnceWithIdleConnectionsOrNone) {
  EXPECT_TRUE(stops_in_time(*started_server())) << "a server without connections did not stop";
  const auto server = started_server();
  Client client(server->port());
  ASSERT_TRUE(answered(client));
  EXPECT_TRUE(stops_in_time(*server)) << "a server with an idle connection did not stop";
  EXPECT_TRUE(client.closed_within(kGiveUpAfter));
}

}  // namespace
}  // namespace phongdich
