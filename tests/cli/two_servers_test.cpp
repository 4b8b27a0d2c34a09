// Two `phongdich serve` processes on one PostgreSQL database: mixed writes
// (persons, doses) through both at once, every retry of an idempotent write
// sent to the OTHER server (some at the same moment as the first try); then
// each server's coverage and due list against a full recount (a third server
// that loads its index from the database afterwards), and the database's
// counts against the writes acknowledged: none lost, none made twice.
#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include "cli/http_test_client.hpp"
#include "common/postgres_test_schema.hpp"

namespace phongdich::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kToday = "2022-09-30";

class TwoServers : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto url = test_postgres_url();
    if (!url) GTEST_SKIP() << kNoPostgresMessage;
    schema_ = std::make_unique<PostgresTestSchema>(*url);
    db_ = schema_->url();
    ASSERT_EQ(run_cli({"generate", "--area", "vn2022:27208", "--persons", "300", "--seed", "5",
                       "--out", (dir_ / "gen").string()},
                      dir_.path())
                  .exit_code,
              0);
    for (const char* kind : {"persons", "doses"}) {
      const CliResult r = run_cli(
          {"--db", db_, "import", kind, (dir_ / "gen" / (std::string(kind) + ".csv")).string()},
          dir_.path());
      ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    }
    const CliResult user =
        run_cli({"--db", db_, "user", "add", "cdc.hcm", "--role", "province_officer", "--area",
                 "vn2022:79", "--generate-password"},
                dir_.path());
    ASSERT_EQ(user.exit_code, 0) << user.err;
    std::smatch match;
    ASSERT_TRUE(std::regex_search(user.err, match, std::regex("password for cdc.hcm: (\\S+)")));
    password_ = match[1].str();
  }

  std::unique_ptr<ServerProcess> start_server() {
    auto server = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", db_, "--today", kToday}, dir_.path());
    EXPECT_NE(server->port(), 0) << read_file(server->process().err_path());
    return server;
  }

  int64_t count(const std::string& table) {
    return PgConnection(db_).exec("SELECT count(*) FROM " + table, "count").int64(0, 0);
  }

  CliTempDir dir_;
  std::unique_ptr<PostgresTestSchema> schema_;
  std::string db_;
  std::string password_;
};

// A POST with its key, as a client sends it.
HttpAnswer post(int port, const std::string& token, const std::string& path, const Json& body,
                const std::string& key) {
  return http_call(port, "POST", path, body.dump(),
                   {{"Authorization", "Bearer " + token}, {"Idempotency-Key", key}});
}

Json get_json(int port, const std::string& token, const std::string& target) {
  const HttpAnswer answer =
      http_call(port, "GET", target, "", {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(answer.status, 200) << target << "\n" << answer.body;
  return answer.status == 200 ? Json::parse(answer.body) : Json();
}

// The due list without what depends on the order rows entered the index.
Json due_summary(const Json& list) {
  std::set<int64_t> ids;
  for (const Json& item : list.at("items")) ids.insert(item.at("person_id").get<int64_t>());
  return Json{{"due_count", list.at("due_count")},
              {"overdue_count", list.at("overdue_count")},
              {"total", list.at("total")},
              {"person_ids", ids}};
}

TEST_F(TwoServers, EveryTotalMatchesARecountAndNoRetriedWriteHappensTwice) {
  const int64_t persons_before = count("persons");
  const int64_t doses_before = count("doses");
  ASSERT_GT(persons_before, 200);
  auto a = start_server();
  auto b = start_server();
  ASSERT_NE(a->port(), 0);
  ASSERT_NE(b->port(), 0);
  const int ports[2] = {a->port(), b->port()};
  // A session made on one server is good on the other: sessions live in the database.
  const std::string token = a->login("cdc.hcm", password_);
  ASSERT_FALSE(token.empty());

  constexpr int kThreads = 4, kRounds = 12;
  std::mutex mutex;
  int persons_created = 0, doses_created = 0, keys_used = 0;
  std::vector<std::string> failures;
  auto fail = [&](const std::string& what) {
    std::lock_guard lock(mutex);
    failures.push_back(what);
  };
  // Sends the first try to `first` and the retry to the other server, both at
  // once when `together`; both must give the same answer.
  auto send_twice = [&](int first, const std::string& path, const Json& body,
                        const std::string& key, bool together) -> HttpAnswer {
    HttpAnswer one, two;
    if (together) {
      auto other = std::async(std::launch::async,
                              [&] { return post(ports[1 - first], token, path, body, key); });
      one = post(ports[first], token, path, body, key);
      two = other.get();
    } else {
      one = post(ports[first], token, path, body, key);
      two = post(ports[1 - first], token, path, body, key);
    }
    {
      std::lock_guard lock(mutex);
      ++keys_used;
    }
    if (one.status != two.status || one.body != two.body) {
      fail(key + ": " + std::to_string(one.status) + " " + one.body + " / " +
           std::to_string(two.status) + " " + two.body);
    }
    if (!together && two.headers["idempotent-replayed"] != "true") {
      fail(key + ": the retry on the other server was not a replay");
    }
    return one;
  };

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 random(static_cast<unsigned>(t));
      for (int i = 0; i < kRounds; ++i) {
        const int first = (t + i) % 2;
        const bool together = i % 3 == 0;
        const std::string tag = std::to_string(t) + "-" + std::to_string(i);
        const HttpAnswer person = send_twice(
            first, "/api/v1/persons",
            Json{{"full_name", "Người Thử " + tag},
                 {"sex", i % 2 == 0 ? "F" : "M"},
                 {"birth_date", "19" + std::to_string(50 + (t * kRounds + i) % 40) + "-03-04"},
                 {"area", "vn2022:27208"}},
            "p-" + tag, together);
        if (person.status != 201) {
          fail("p-" + tag + ": " + std::to_string(person.status) + " " + person.body);
          continue;
        }
        {
          std::lock_guard lock(mutex);
          ++persons_created;
        }
        const int64_t id = Json::parse(person.body).at("id").get<int64_t>();
        // The new person's first dose, through the server that did not register them.
        const HttpAnswer dose = send_twice(
            1 - first, "/api/v1/persons/" + std::to_string(id) + "/doses",
            Json{{"date", "2022-0" + std::to_string(1 + i % 8) + "-1" + std::to_string(t)},
                 {"product", i % 2 == 0 ? "PFIZER" : "AZ"}},
            "d-" + tag, together);
        if (dose.status == 201) {
          std::lock_guard lock(mutex);
          ++doses_created;
        } else {
          fail("d-" + tag + ": " + std::to_string(dose.status) + " " + dose.body);
        }
        // The person's page, at once, from either server: it is read from the
        // database, not the index, so it shows the dose without waiting for the
        // server to take in the other's writes.
        const std::string page_path = "/api/v1/persons/" + std::to_string(id);
        for (int port : ports) {
          const HttpAnswer page =
              http_call(port, "GET", page_path, "", {{"Authorization", "Bearer " + token}});
          if (page.status != 200 ||
              Json::parse(page.body).at("doses").size() != (dose.status == 201 ? 1u : 0u)) {
            fail(page_path + " on " + std::to_string(port) + ": " + std::to_string(page.status) +
                 " " + page.body);
          }
        }
        // A dose for one of the imported persons: accepted or refused by the
        // rules, the same answer from both servers.
        const int64_t imported = 1 + static_cast<int64_t>(random() % 250);
        const HttpAnswer other =
            send_twice(first, "/api/v1/persons/" + std::to_string(imported) + "/doses",
                       Json{{"date", "2022-09-2" + std::to_string(t)}, {"product", "PFIZER"}},
                       "e-" + tag, together);
        if (other.status == 201) {
          std::lock_guard lock(mutex);
          ++doses_created;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const std::string& failure : failures) ADD_FAILURE() << failure;
  if (!failures.empty()) {
    ADD_FAILURE() << "server A:\n"
                  << read_file(a->process().err_path()) << "server B:\n"
                  << read_file(b->process().err_path());
  }
  EXPECT_GT(doses_created, kThreads * kRounds);

  // Nothing acknowledged lost, nothing done twice.
  EXPECT_EQ(count("persons"), persons_before + persons_created);
  EXPECT_EQ(count("doses"), doses_before + doses_created);
  EXPECT_EQ(count("idempotency_keys"), keys_used);
  // Both servers extended one audit chain without breaking it.
  const CliResult verify = run_cli({"--db", db_, "audit", "verify"}, dir_.path());
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;

  // The recount: a server that reads everything from the database now.
  auto recount = start_server();
  ASSERT_NE(recount->port(), 0);
  for (const std::string area : {"vn2022:27208", "vn2022:772", "vn2022:79"}) {
    const std::string target = "/api/v1/coverage/" + area + "?as_of=" + kToday;
    const Json expected = get_json(recount->port(), token, target);
    EXPECT_EQ(get_json(a->port(), token, target), expected) << "server A, " << area;
    EXPECT_EQ(get_json(b->port(), token, target), expected) << "server B, " << area;
  }
  const std::string due = "/api/v1/due-lists/vn2022:27208?limit=1000&as_of=" + std::string(kToday);
  const Json expected_due = due_summary(get_json(recount->port(), token, due));
  EXPECT_EQ(due_summary(get_json(a->port(), token, due)), expected_due) << "server A";
  EXPECT_EQ(due_summary(get_json(b->port(), token, due)), expected_due) << "server B";
  // The persons registered on either server are found by name on both.
  for (int port : ports) {
    const Json found =
        get_json(port, token, "/api/v1/persons?q=nguoi%20thu&area=vn2022:27208&limit=1000");
    EXPECT_EQ(found.at("items").size(), static_cast<size_t>(persons_created)) << port;
  }

  for (auto* server : {a.get(), b.get(), recount.get()}) {
    server->process().terminate();
    EXPECT_EQ(server->process().wait().exit_code, 0);
  }
}

// A read on PostgreSQL waits for the database server; the more wait at once,
// the more the shared connection sends together (pg_shared_reads.hpp).
TEST_F(TwoServers, OnPostgresAServerRunsSixteenThreadsUnlessToldOtherwise) {
  CliProcess server({"--db", db_, "--today", kToday, "serve", "--port", "0", "--access-log", "off"},
                    dir_.path());
  const int port = listening_port(server);
  ASSERT_NE(port, 0) << read_file(server.err_path());
  EXPECT_NE(read_file(server.err_path()).find("/api/v1, 16 threads,"), std::string::npos)
      << read_file(server.err_path());

  const HttpAnswer login = http_call(port, "POST", "/api/v1/auth/login",
                                     Json{{"username", "cdc.hcm"}, {"password", password_}}.dump());
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string token = Json::parse(login.body).at("token").get<std::string>();
  const int64_t id = PgConnection(db_).exec("SELECT min(id) FROM persons", "a person").int64(0, 0);
  const HttpAnswer page = http_call(port, "GET", "/api/v1/persons/" + std::to_string(id), "",
                                    {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(Json::parse(page.body).at("person").at("id"), id);

  server.terminate();
  EXPECT_EQ(server.wait().exit_code, 0);
}

}  // namespace
}  // namespace phongdich::testing
