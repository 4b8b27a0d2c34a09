// http_load: a closed-loop HTTP/1.1 load generator for the phongdich API (bench/api_run.sh).
//
// N keep-alive connections each send requests back to back on one io_context (one thread by
// default, so it leaves the other core to the server). Every latency is kept, so percentiles
// are exact. Answers are counted by status: 2xx are answers, 422 a rule rejection (a valid
// answer), other 4xx unexpected, 5xx and transport failures errors.
//
// usage: http_load --port P --token T --scenario get-person|post-dose|coverage|mixed
//                  (or get-path --path /health: one fixed GET, for profiling)
//                  (or post-observation: home-care checks of the cases --first-id..--last-id
//                   dated --dose-date)
//                  [--connections 64] [--duration 20] [--warmup 0] [--threads 1]
//                  [--first-id 1 --last-id N | --person-ids FILE] [--area vn2022:79]
//                  [--dose-date YYYY-MM-DD] [--product PFIZER] [--lot BENCH] [--override REASON]
//                  [--post-start K] [--acked FILE] [--key-prefix TEXT] [--seed S] [--json]
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

enum Kind {
  kGetPerson = 0,
  kPostDose = 1,
  kCoverage = 2,
  kGetPath = 3,
  kPostObservation = 4,
  kKinds = 5
};
const char* const kKindNames[kKinds] = {"get-person", "post-dose", "coverage", "get-path",
                                        "post-observation"};

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int connections = 64;
  double duration_s = 20;
  double warmup_s = 0;
  int threads = 1;
  std::string token;
  std::string scenario = "get-person";
  std::string person_ids_file;
  int64_t first_id = 1;
  int64_t last_id = 0;
  std::string area = "vn2022:79";
  std::string path = "/health";  // get-path: a fixed GET, to separate costs when profiling
  std::string dose_date = "2022-10-15";
  std::string product = "PFIZER";
  std::string lot = "BENCH";
  std::string override_reason;  // empty: no override, rules decide
  uint64_t post_start = 0;      // first position in the dose cursor (so runs do not collide)
  std::string acked_file;
  std::string key_prefix;
  uint64_t seed = 1;
  bool json = false;
};

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "http_load: " << message << " (see the header of bench/http_load.cpp)\n";
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(flag + " needs a value");
      return argv[++i];
    };
    if (flag == "--host")
      o.host = value();
    else if (flag == "--port")
      o.port = static_cast<uint16_t>(std::stoi(value()));
    else if (flag == "--connections")
      o.connections = std::stoi(value());
    else if (flag == "--duration")
      o.duration_s = std::stod(value());
    else if (flag == "--warmup")
      o.warmup_s = std::stod(value());
    else if (flag == "--threads")
      o.threads = std::stoi(value());
    else if (flag == "--token")
      o.token = value();
    else if (flag == "--scenario")
      o.scenario = value();
    else if (flag == "--person-ids")
      o.person_ids_file = value();
    else if (flag == "--first-id")
      o.first_id = std::stoll(value());
    else if (flag == "--last-id")
      o.last_id = std::stoll(value());
    else if (flag == "--area")
      o.area = value();
    else if (flag == "--path")
      o.path = value();
    else if (flag == "--dose-date")
      o.dose_date = value();
    else if (flag == "--product")
      o.product = value();
    else if (flag == "--lot")
      o.lot = value();
    else if (flag == "--override")
      o.override_reason = value();
    else if (flag == "--post-start")
      o.post_start = std::stoull(value());
    else if (flag == "--acked")
      o.acked_file = value();
    else if (flag == "--key-prefix")
      o.key_prefix = value();
    else if (flag == "--seed")
      o.seed = std::stoull(value());
    else if (flag == "--json")
      o.json = true;
    else
      usage_error("unknown option " + flag);
  }
  if (o.scenario != "get-person" && o.scenario != "post-dose" && o.scenario != "coverage" &&
      o.scenario != "mixed" && o.scenario != "get-path" && o.scenario != "post-observation") {
    usage_error(
        "--scenario is get-person, post-dose, coverage, mixed, get-path or post-observation");
  }
  if (o.connections < 1 || o.threads < 1 || o.duration_s <= 0) usage_error("bad numbers");
  if (o.key_prefix.empty()) {
    o.key_prefix = "load-" + std::to_string(::getpid()) + "-" +
                   std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  }
  return o;
}

// The persons a run may touch: an explicit list or a contiguous id range.
class PersonIds {
 public:
  explicit PersonIds(const Options& o) {
    if (!o.person_ids_file.empty()) {
      std::ifstream in(o.person_ids_file);
      if (!in) usage_error("cannot read " + o.person_ids_file);
      for (int64_t id; in >> id;) ids_.push_back(id);
      size_ = ids_.size();
    } else if (o.last_id >= o.first_id) {
      first_ = o.first_id;
      size_ = static_cast<uint64_t>(o.last_id - o.first_id + 1);
    }
    // A prime stride spreads consecutive dose writes over the whole province.
    stride_ = size_ % 1'000'003 == 0 ? 1 : 1'000'003;
  }
  bool empty() const { return size_ == 0; }
  int64_t at(uint64_t i) const {
    i %= size_;
    return ids_.empty() ? first_ + static_cast<int64_t>(i) : ids_[i];
  }
  int64_t random(std::mt19937_64& rng) const { return at(rng() % size_); }
  // The n-th person of the write order: each appears once per size() writes.
  int64_t nth_for_write(uint64_t n) const { return at((n % size_) * stride_ % size_); }

 private:
  std::vector<int64_t> ids_;
  int64_t first_ = 0;
  uint64_t size_ = 0;
  uint64_t stride_ = 1;
};

struct KindStats {
  std::vector<uint32_t> latencies_us;
  std::map<int, uint64_t> statuses;
};

struct Acked {
  int64_t dose_id;
  int64_t person_id;
};

struct Stats {
  KindStats kinds[kKinds];
  uint64_t transport_errors = 0;
  std::map<std::string, uint64_t> transport_messages;
  std::vector<Acked> acked;
  uint64_t unparsed_201 = 0;
};

struct Shared {
  const Options& options;
  const PersonIds& persons;
  tcp::endpoint endpoint;
  Clock::time_point measure_from;
  Clock::time_point stop_at;
  std::atomic<uint64_t> post_cursor;
  std::atomic<uint64_t> key_counter{0};
};

Kind pick_kind(const std::string& scenario, std::mt19937_64& rng) {
  if (scenario == "get-person") return kGetPerson;
  if (scenario == "post-dose") return kPostDose;
  if (scenario == "coverage") return kCoverage;
  if (scenario == "get-path") return kGetPath;
  if (scenario == "post-observation") return kPostObservation;
  const uint64_t r = rng() % 100;  // mixed: 80% read a person, 15% record a dose, 5% coverage
  return r < 80 ? kGetPerson : r < 95 ? kPostDose : kCoverage;
}

// A request as the bytes sent. Built by hand rather than with Beast's
// serializer: the load generator shares the machine with the server it
// measures, so every microsecond it spends is one the server does not get.
std::string request_bytes(std::string_view method, const std::string& target,
                          const std::string& authorization, const std::string& host,
                          const std::string& idempotency_key = {}, const std::string& body = {}) {
  std::string out;
  out.reserve(256 + body.size());
  out.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: ").append(host);
  out.append("\r\nAuthorization: ").append(authorization).append("\r\n");
  if (!idempotency_key.empty()) {
    out.append("Idempotency-Key: ").append(idempotency_key).append("\r\n");
  }
  if (method == "POST") {
    out.append("Content-Type: application/json\r\nContent-Length: ")
        .append(std::to_string(body.size()))
        .append("\r\n");
  }
  out.append("\r\n").append(body);
  return out;
}

std::string make_request(Shared& shared, Kind kind, std::mt19937_64& rng,
                         const std::string& authorization) {
  const Options& o = shared.options;
  if (kind == kGetPerson) {
    return request_bytes("GET", "/api/v1/persons/" + std::to_string(shared.persons.random(rng)),
                         authorization, o.host);
  }
  if (kind == kCoverage) {
    return request_bytes("GET", "/api/v1/coverage/" + o.area, authorization, o.host);
  }
  if (kind == kGetPath) return request_bytes("GET", o.path, authorization, o.host);
  const std::string key = o.key_prefix + "-" + std::to_string(shared.key_counter++);
  if (kind == kPostObservation) {
    // The ids are case ids here: a home-care check of a random case, on the
    // check date, with ordinary vital signs (about one in ten shows a danger
    // sign, as a real caseload does).
    const std::string target =
        "/api/v1/cases/" + std::to_string(shared.persons.random(rng)) + "/observations";
    const Json body = {{"date", o.dose_date},
                       {"half", rng() % 2 == 0 ? "morning" : "afternoon"},
                       {"spo2", rng() % 10 == 0 ? 95 : 97 + static_cast<int>(rng() % 3)},
                       {"respiratory_rate", 14 + static_cast<int>(rng() % 6)},
                       {"pulse", 70 + static_cast<int>(rng() % 30)},
                       {"temperature", 36.5 + static_cast<double>(rng() % 20) / 10.0}};
    return request_bytes("POST", target, authorization, o.host, key, body.dump());
  }
  const int64_t person = shared.persons.nth_for_write(shared.post_cursor++);
  Json body = {{"date", o.dose_date}, {"product", o.product}, {"lot", o.lot}};
  if (!o.override_reason.empty()) body["override"] = {{"reason", o.override_reason}};
  return request_bytes("POST", "/api/v1/persons/" + std::to_string(person) + "/doses",
                       authorization, o.host, key, body.dump());
}

// One answer as the load generator needs it.
struct Answer {
  int status = 0;
  bool keep_alive = true;
  std::string body;
};

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// Reads one answer from `socket`; `pending` keeps bytes read beyond it. The
// server always sends a Content-Length (or an answer without a body), so
// that is all this reads; anything else is a transport error.
asio::awaitable<Answer> read_answer(tcp::socket& socket, std::string& pending) {
  const auto read_more = [&]() -> asio::awaitable<void> {
    char chunk[16384];
    const size_t got = co_await socket.async_read_some(asio::buffer(chunk), asio::use_awaitable);
    pending.append(chunk, got);
  };
  size_t header_end;
  while ((header_end = pending.find("\r\n\r\n")) == std::string::npos) {
    if (pending.size() > 65536) throw std::runtime_error("answer header too long");
    co_await read_more();
  }
  const std::string_view header(pending.data(), header_end + 2);
  if (!header.starts_with("HTTP/1.1 ") || header.size() < 12) {
    throw std::runtime_error("not an HTTP/1.1 answer");
  }
  Answer answer;
  answer.status = std::atoi(std::string(header.substr(9, 3)).c_str());
  std::optional<size_t> length;
  for (size_t line = header.find("\r\n") + 2; line < header.size();) {
    const size_t end = header.find("\r\n", line);
    const std::string_view field = header.substr(line, end - line);
    if (starts_with_ignoring_case(field, "content-length:")) {
      length =
          static_cast<size_t>(std::strtoull(std::string(field.substr(15)).c_str(), nullptr, 10));
    } else if (starts_with_ignoring_case(field, "connection:") &&
               field.find("close") != std::string_view::npos) {
      answer.keep_alive = false;
    }
    line = end + 2;
  }
  const bool bodiless = answer.status < 200 || answer.status == 204 || answer.status == 304;
  if (!length && !bodiless) throw std::runtime_error("answer without Content-Length");
  const size_t body_from = header_end + 4;
  const size_t body_size = bodiless ? 0 : *length;
  while (pending.size() < body_from + body_size) co_await read_more();
  answer.body.assign(pending, body_from, body_size);
  pending.erase(0, body_from + body_size);
  co_return answer;
}

// The dose id of a 201 answer: {"dose": {"id": …}, "status": …}.
bool read_acked(const std::string& body, Acked& out) {
  const Json answer = Json::parse(body, nullptr, false);
  if (answer.is_discarded() || !answer.contains("dose")) return false;
  const Json& dose = answer["dose"];
  if (!dose.is_object() || !dose.contains("id") || !dose["id"].is_number_integer() ||
      !dose.contains("person_id") || !dose["person_id"].is_number_integer()) {
    return false;
  }
  out = {dose["id"].get<int64_t>(), dose["person_id"].get<int64_t>()};
  return true;
}

// One keep-alive connection sending requests back to back until the deadline.
// A server that stops answering is cut by the watchdog (main), not by a timer
// per request.
asio::awaitable<void> connection(Shared& shared, Stats& stats, uint64_t seed,
                                 std::shared_ptr<tcp::socket>& socket_slot) {
  std::mt19937_64 rng(seed);
  const std::string authorization = "Bearer " + shared.options.token;
  std::string pending;
  std::shared_ptr<tcp::socket> socket;
  while (Clock::now() < shared.stop_at) {
    bool failed = false;
    try {
      if (!socket) {
        socket = std::make_shared<tcp::socket>(co_await asio::this_coro::executor);
        socket_slot = socket;
        co_await socket->async_connect(shared.endpoint, asio::use_awaitable);
        socket->set_option(tcp::no_delay(true));
        pending.clear();
      }
      const Kind kind = pick_kind(shared.options.scenario, rng);
      const std::string request = make_request(shared, kind, rng, authorization);
      const Clock::time_point sent = Clock::now();
      co_await asio::async_write(*socket, asio::buffer(request), asio::use_awaitable);
      const Answer answer = co_await read_answer(*socket, pending);
      const Clock::time_point done = Clock::now();
      const int status = answer.status;
      if (kind == kPostDose && status == 201) {
        // Every acknowledged write counts, warm-up or not: the checker needs them all.
        Acked acked{};
        if (read_acked(answer.body, acked)) {
          stats.acked.push_back(acked);
        } else {
          ++stats.unparsed_201;
        }
      }
      if (sent >= shared.measure_from) {
        KindStats& k = stats.kinds[kind];
        k.latencies_us.push_back(static_cast<uint32_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(done - sent).count()));
        ++k.statuses[status];
      }
      if (!answer.keep_alive) socket.reset();
    } catch (const std::exception& error) {
      if (Clock::now() < shared.stop_at) {
        ++stats.transport_errors;
        const auto* system = dynamic_cast<const boost::system::system_error*>(&error);
        ++stats.transport_messages[system ? system->code().message() : error.what()];
      }
      socket.reset();
      failed = true;
    }
    if (failed && Clock::now() < shared.stop_at) {
      // After a failure, wait a little rather than spin on a server that is down.
      asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(10));
      co_await pause.async_wait(asio::use_awaitable);
    }
  }
  if (socket) {
    boost::system::error_code ignored;
    socket->shutdown(tcp::socket::shutdown_both, ignored);
  }
  socket_slot.reset();
}

double percentile_ms(const std::vector<uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t rank =
      static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)] / 1000.0;
}

Json summarise(const KindStats& k, double duration_s) {
  std::vector<uint32_t> sorted = k.latencies_us;
  std::sort(sorted.begin(), sorted.end());
  uint64_t ok = 0, rejected = 0, client = 0, server = 0;
  Json statuses = Json::object();
  for (const auto& [status, count] : k.statuses) {
    statuses[std::to_string(status)] = count;
    if (status < 400)
      ok += count;
    else if (status == 422)
      rejected += count;
    else if (status < 500)
      client += count;
    else
      server += count;
  }
  return {{"requests", sorted.size()},
          {"rps", static_cast<double>(sorted.size()) / duration_s},
          {"ok", ok},
          {"rejected_422", rejected},
          {"unexpected_4xx", client},
          {"errors_5xx", server},
          {"statuses", statuses},
          {"p50_ms", percentile_ms(sorted, 50)},
          {"p90_ms", percentile_ms(sorted, 90)},
          {"p99_ms", percentile_ms(sorted, 99)},
          {"max_ms", sorted.empty() ? 0.0 : sorted.back() / 1000.0}};
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  const PersonIds persons(o);
  if (o.scenario != "coverage" && o.scenario != "get-path" && persons.empty()) {
    usage_error("give --first-id/--last-id or --person-ids for this scenario");
  }
  asio::io_context resolver_context;
  tcp::resolver resolver(resolver_context);
  const tcp::endpoint endpoint = *resolver.resolve(o.host, std::to_string(o.port)).begin();

  const Clock::time_point start = Clock::now();
  const auto seconds = [](double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  };
  Shared shared{o,
                persons,
                endpoint,
                start + seconds(o.warmup_s),
                start + seconds(o.warmup_s + o.duration_s),
                o.post_start};

  // One io_context per thread; the connections are dealt round robin.
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  for (int t = 0; t < o.threads; ++t) contexts.push_back(std::make_unique<asio::io_context>(1));
  std::vector<Stats> stats(static_cast<size_t>(o.connections));
  std::vector<std::shared_ptr<tcp::socket>> sockets(static_cast<size_t>(o.connections));
  const size_t thread_count = contexts.size();
  // The watchdog of each thread: 30 s after the deadline, its connections that
  // still wait for an answer are closed, so a server that hangs cannot hang
  // the run. Cancelled when the thread's last connection ends.
  std::vector<std::unique_ptr<asio::steady_timer>> watchdogs;
  std::vector<int> running(thread_count, 0);
  for (size_t t = 0; t < thread_count; ++t) {
    auto& timer = watchdogs.emplace_back(std::make_unique<asio::steady_timer>(
        *contexts[t], shared.stop_at + std::chrono::seconds(30)));
    timer->async_wait([&sockets, thread_count, t](boost::system::error_code ec) {
      if (ec) return;
      for (size_t c = t; c < sockets.size(); c += thread_count) {
        boost::system::error_code ignored;
        if (sockets[c]) sockets[c]->close(ignored);
      }
    });
  }
  for (size_t c = 0; c < sockets.size(); ++c) {
    const size_t t = c % thread_count;
    ++running[t];
    asio::co_spawn(*contexts[t], connection(shared, stats[c], o.seed * 1000 + c, sockets[c]),
                   [&running, &watchdogs, t](std::exception_ptr e) {
                     if (--running[t] == 0) watchdogs[t]->cancel();
                     if (e) std::rethrow_exception(e);
                   });
  }
  std::vector<std::thread> threads;
  for (int t = 1; t < o.threads; ++t) threads.emplace_back([&, t] { contexts[t]->run(); });
  contexts[0]->run();
  for (std::thread& t : threads) t.join();
  const double measured_s =
      std::chrono::duration<double>(Clock::now() - shared.measure_from).count();

  // Merge the connections' figures.
  Stats all;
  for (Stats& s : stats) {
    for (int k = 0; k < kKinds; ++k) {
      auto& into = all.kinds[k];
      into.latencies_us.insert(into.latencies_us.end(), s.kinds[k].latencies_us.begin(),
                               s.kinds[k].latencies_us.end());
      for (const auto& [status, count] : s.kinds[k].statuses) into.statuses[status] += count;
    }
    all.transport_errors += s.transport_errors;
    for (const auto& [message, count] : s.transport_messages) {
      all.transport_messages[message] += count;
    }
    all.acked.insert(all.acked.end(), s.acked.begin(), s.acked.end());
    all.unparsed_201 += s.unparsed_201;
  }
  if (!o.acked_file.empty()) {
    std::ofstream out(o.acked_file);
    for (const Acked& a : all.acked) out << a.dose_id << ',' << a.person_id << '\n';
    if (!out) usage_error("cannot write " + o.acked_file);
  }

  KindStats total;
  Json by_kind = Json::object();
  for (int k = 0; k < kKinds; ++k) {
    const KindStats& ks = all.kinds[k];
    if (ks.latencies_us.empty()) continue;
    by_kind[kKindNames[k]] = summarise(ks, measured_s);
    total.latencies_us.insert(total.latencies_us.end(), ks.latencies_us.begin(),
                              ks.latencies_us.end());
    for (const auto& [status, count] : ks.statuses) total.statuses[status] += count;
  }
  Json report = summarise(total, measured_s);
  report["scenario"] = o.scenario;
  report["connections"] = o.connections;
  report["duration_s"] = measured_s;
  report["transport_errors"] = all.transport_errors;
  report["transport_messages"] = all.transport_messages;
  report["errors"] = report["errors_5xx"].get<uint64_t>() + all.transport_errors;
  report["acked_writes"] = all.acked.size();
  report["unparsed_201"] = all.unparsed_201;
  report["post_cursor_next"] = shared.post_cursor.load();
  report["by_kind"] = by_kind;

  if (o.json) {
    std::cout << report.dump() << '\n';
  } else {
    std::printf("%s: %d connections, %.1f s\n", o.scenario.c_str(), o.connections, measured_s);
    std::printf("  requests %llu  req/s %.0f  errors %llu (5xx %llu, transport %llu)\n",
                static_cast<unsigned long long>(report["requests"].get<uint64_t>()),
                report["rps"].get<double>(),
                static_cast<unsigned long long>(report["errors"].get<uint64_t>()),
                static_cast<unsigned long long>(report["errors_5xx"].get<uint64_t>()),
                static_cast<unsigned long long>(all.transport_errors));
    for (const auto& [name, k] : by_kind.items()) {
      std::printf("  %-10s n=%llu  %.0f/s  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms  status %s\n",
                  name.c_str(), static_cast<unsigned long long>(k["requests"].get<uint64_t>()),
                  k["rps"].get<double>(), k["p50_ms"].get<double>(), k["p90_ms"].get<double>(),
                  k["p99_ms"].get<double>(), k["max_ms"].get<double>(),
                  k["statuses"].dump().c_str());
    }
    for (const auto& [message, count] : all.transport_messages) {
      std::printf("  transport error: %s x%llu\n", message.c_str(),
                  static_cast<unsigned long long>(count));
    }
  }
  return 0;
}
