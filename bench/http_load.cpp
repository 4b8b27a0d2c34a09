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
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
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

http::request<http::string_body> make_request(Shared& shared, Kind kind, std::mt19937_64& rng,
                                              const std::string& authorization) {
  const Options& o = shared.options;
  http::request<http::string_body> request;
  request.version(11);
  request.keep_alive(true);
  request.set(http::field::host, o.host);
  request.set(http::field::authorization, authorization);
  if (kind == kGetPerson) {
    request.method(http::verb::get);
    request.target("/api/v1/persons/" + std::to_string(shared.persons.random(rng)));
  } else if (kind == kCoverage) {
    request.method(http::verb::get);
    request.target("/api/v1/coverage/" + o.area);
  } else if (kind == kGetPath) {
    request.method(http::verb::get);
    request.target(o.path);
  } else if (kind == kPostObservation) {
    // The ids are case ids here: a home-care check of a random case, on the
    // check date, with ordinary vital signs (about one in ten shows a danger
    // sign, as a real caseload does).
    request.method(http::verb::post);
    request.target("/api/v1/cases/" + std::to_string(shared.persons.random(rng)) + "/observations");
    request.set(http::field::content_type, "application/json");
    request.set("Idempotency-Key", o.key_prefix + "-" + std::to_string(shared.key_counter++));
    const Json body = {{"date", o.dose_date},
                       {"half", rng() % 2 == 0 ? "morning" : "afternoon"},
                       {"spo2", rng() % 10 == 0 ? 95 : 97 + static_cast<int>(rng() % 3)},
                       {"respiratory_rate", 14 + static_cast<int>(rng() % 6)},
                       {"pulse", 70 + static_cast<int>(rng() % 30)},
                       {"temperature", 36.5 + static_cast<double>(rng() % 20) / 10.0}};
    request.body() = body.dump();
    request.prepare_payload();
  } else {
    const int64_t person = shared.persons.nth_for_write(shared.post_cursor++);
    request.method(http::verb::post);
    request.target("/api/v1/persons/" + std::to_string(person) + "/doses");
    request.set(http::field::content_type, "application/json");
    request.set("Idempotency-Key", o.key_prefix + "-" + std::to_string(shared.key_counter++));
    Json body = {{"date", o.dose_date}, {"product", o.product}, {"lot", o.lot}};
    if (!o.override_reason.empty()) body["override"] = {{"reason", o.override_reason}};
    request.body() = body.dump();
    request.prepare_payload();
  }
  return request;
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
asio::awaitable<void> connection(Shared& shared, Stats& stats, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::string authorization = "Bearer " + shared.options.token;
  beast::flat_buffer buffer;
  std::unique_ptr<beast::tcp_stream> stream;
  while (Clock::now() < shared.stop_at) {
    bool failed = false;
    try {
      if (!stream) {
        stream = std::make_unique<beast::tcp_stream>(co_await asio::this_coro::executor);
        stream->expires_after(std::chrono::seconds(30));
        co_await stream->async_connect(shared.endpoint, asio::use_awaitable);
        stream->socket().set_option(tcp::no_delay(true));
        buffer.clear();
      }
      const Kind kind = pick_kind(shared.options.scenario, rng);
      auto request = make_request(shared, kind, rng, authorization);
      const Clock::time_point sent = Clock::now();
      stream->expires_after(std::chrono::seconds(30));
      co_await http::async_write(*stream, request, asio::use_awaitable);
      http::response<http::string_body> response;
      co_await http::async_read(*stream, buffer, response, asio::use_awaitable);
      const Clock::time_point done = Clock::now();
      const int status = response.result_int();
      if (kind == kPostDose && status == 201) {
        // Every acknowledged write counts, warm-up or not: the checker needs them all.
        Acked acked{};
        if (read_acked(response.body(), acked)) {
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
      if (!response.keep_alive()) stream.reset();
    } catch (const boost::system::system_error& error) {
      if (Clock::now() < shared.stop_at) {
        ++stats.transport_errors;
        ++stats.transport_messages[error.code().message()];
      }
      stream.reset();
      failed = true;
    }
    if (failed && Clock::now() < shared.stop_at) {
      // After a failure, wait a little rather than spin on a server that is down.
      asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(10));
      co_await pause.async_wait(asio::use_awaitable);
    }
  }
  if (stream) {
    beast::error_code ignored;
    stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
  }
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
  for (int c = 0; c < o.connections; ++c) {
    asio::co_spawn(*contexts[static_cast<size_t>(c % o.threads)],
                   connection(shared, stats[static_cast<size_t>(c)], o.seed * 1000 + c),
                   [](std::exception_ptr e) {
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
