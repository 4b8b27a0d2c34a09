// The database stopped under load: a server on a PostgreSQL instance of the
// test's own (scripts/test-postgres.sh start), which is halted in the middle of
// a stream of writes and reads and started again. Every request gets an answer,
// either a success or a clean 503 (code, both languages, no SQL); the server
// reconnects by itself; every write it acknowledged is in the database after.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cli/http_test_client.hpp"
#include "cli/own_postgres.hpp"
#include "common/postgres_test_schema.hpp"

namespace phongdich::testing {
namespace {

using Json = nlohmann::json;

TEST(PostgresFaults, StoppedDatabaseGivesClean503sThenTheServerReconnectsAndLosesNothing) {
  // The PostgreSQL runs only: without a test server this machine may have no PostgreSQL.
  if (!test_postgres_url()) GTEST_SKIP() << kNoPostgresMessage;
  OwnPostgres postgres;
  ASSERT_TRUE(postgres.started()) << "scripts/test-postgres.sh start failed";
  CliTempDir dir;
  const std::string db = postgres.url();
  const std::string password = prepare_small_area(db, dir, 9);
  ASSERT_FALSE(password.empty()) << "the small area was not prepared";

  ServerProcess server({"--db", db, "--today", "2022-09-30"}, dir.path());
  ASSERT_NE(server.port(), 0) << read_file(server.process().err_path());
  const std::string token = server.login("cdc.hcm", password);
  ASSERT_FALSE(token.empty());
  const std::map<std::string, std::string> auth = {{"Authorization", "Bearer " + token}};

  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::set<int64_t> acknowledged_persons;
  int successes = 0, unavailable = 0, successes_after_resume = 0;
  std::atomic<bool> resumed{false};
  std::vector<std::string> bad_answers;
  auto load = [&](int worker) {
    for (int i = 0; !stop; ++i) {
      const std::string tag = std::to_string(worker) + "-" + std::to_string(i);
      HttpAnswer answer;
      if (i % 2 == 0) {
        auto headers = auth;
        headers["Idempotency-Key"] = "f-" + tag;
        answer = http_call(server.port(), "POST", "/api/v1/persons",
                           Json{{"full_name", "Người Sự Cố " + tag},
                                {"sex", "F"},
                                {"birth_date", "1970-01-02"},
                                {"area", "vn2022:27208"}}
                               .dump(),
                           headers);
      } else {
        answer = http_call(server.port(), "GET", "/api/v1/coverage/vn2022:27208?as_of=2022-09-30",
                           "", auth);
      }
      std::lock_guard lock(mutex);
      if (answer.status == 200 || answer.status == 201) {
        ++successes;
        if (resumed) ++successes_after_resume;
        if (answer.status == 201) {
          acknowledged_persons.insert(Json::parse(answer.body).at("id").get<int64_t>());
        }
      } else if (answer.status == 503) {
        ++unavailable;
        const Json error = Json::parse(answer.body).at("error");
        if (error.at("code") != "store.unavailable" || error.at("message_vi").empty() ||
            error.at("message_en").empty() || answer.body.find("SQL") != std::string::npos ||
            answer.body.find("postgres") != std::string::npos ||
            answer.headers["retry-after"].empty()) {
          bad_answers.push_back(answer.body);
        }
      } else {
        bad_answers.push_back(std::to_string(answer.status) + " " + answer.body);
      }
    }
  };
  std::vector<std::thread> workers;
  for (int w = 0; w < 3; ++w) workers.emplace_back(load, w);

  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  ASSERT_TRUE(postgres.halt());
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ASSERT_TRUE(postgres.resume());
  resumed = true;
  // Back by itself: successes again within a few seconds, no restart of the server.
  for (int i = 0; i < 200; ++i) {
    {
      std::lock_guard lock(mutex);
      if (successes_after_resume >= 20) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop = true;
  for (auto& worker : workers) worker.join();

  EXPECT_GT(unavailable, 0) << "the outage was not noticed";
  EXPECT_GE(successes_after_resume, 20) << read_file(server.process().err_path());
  for (const std::string& bad : bad_answers) ADD_FAILURE() << "not a clean answer: " << bad;
  // Every person the server acknowledged is in the database.
  std::vector<int64_t> ids(acknowledged_persons.begin(), acknowledged_persons.end());
  const PgResult found =
      PgConnection(db).query("SELECT count(*) FROM persons WHERE id = ANY($1::bigint[])",
                             PgParams().add_array(ids), "acknowledged");
  EXPECT_EQ(found.int64(0, 0), static_cast<int64_t>(ids.size()));
  EXPECT_GT(ids.size(), 0u);

  server.process().terminate();
  EXPECT_EQ(server.process().wait().exit_code, 0);
}

}  // namespace
}  // namespace phongdich::testing
