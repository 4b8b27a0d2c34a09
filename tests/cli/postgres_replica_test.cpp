// Reads on a hot standby: a primary and a streaming replica of the test's own
// (scripts/test-postgres.sh start, then replica). The server (serve --db-read)
// writes to the primary and serves its reads from the standby; a write is
// readable through the standby within the documented bound (max lag 2,000 ms
// + a lag check every 250 ms); a standby further behind than that, or stopped,
// leaves the reads to the primary without an error, and they return to the
// standby once it is back.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/http_test_client.hpp"
#include "cli/own_postgres.hpp"
#include "common/postgres_test_schema.hpp"

namespace phongdich::testing {
namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

int64_t count(const std::string& url, const std::string& sql) {
  return PgConnection(url).query(sql, PgParams(), "count").int64(0, 0);
}

TEST(PostgresReplica, ReadsGoToTheStandbyWritesToThePrimaryAndTheStandbyMayStop) {
  // The PostgreSQL runs only: without a test server this machine may have no PostgreSQL.
  if (!test_postgres_url()) GTEST_SKIP() << kNoPostgresMessage;
  OwnPostgres postgres;
  ASSERT_TRUE(postgres.started()) << "scripts/test-postgres.sh start failed";
  ASSERT_TRUE(postgres.start_standby()) << "scripts/test-postgres.sh replica failed";
  CliTempDir dir;
  const std::string db = postgres.url();
  const std::string password = prepare_small_area(db, dir, 5);
  ASSERT_FALSE(password.empty()) << "the small area was not prepared";

  // The standby's sessions carry a name of their own, to be told apart in pg_stat_activity.
  const std::string standby = postgres.standby_url() + "?application_name=phongdich-standby-reads";
  const std::string our_sessions =
      "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'phongdich-standby-reads'";
  ServerProcess server({"--db", db, "--today", "2022-09-30"}, dir.path(),
                       {"--db-read", standby, "--max-replica-lag", "2000"});
  ASSERT_NE(server.port(), 0) << read_file(server.process().err_path());
  const std::string token = server.login("cdc.hcm", password);
  ASSERT_FALSE(token.empty());
  const std::map<std::string, std::string> auth = {{"Authorization", "Bearer " + token}};
  const auto health = [&] {
    return Json::parse(http_call(server.port(), "GET", "/health").body).at("reads");
  };
  const auto read_person = [&](int64_t id) {
    return http_call(server.port(), "GET", "/api/v1/persons/" + std::to_string(id), "", auth);
  };
  const int64_t first_person = count(db, "SELECT min(id) FROM persons");

  // Reads go to the standby, and only there.
  for (int i = 0; i < 20; ++i) ASSERT_EQ(read_person(first_person + i).status, 200);
  EXPECT_TRUE(health().at("standby_configured").get<bool>());
  EXPECT_GE(health().at("on_standby").get<int64_t>(), 20);
  EXPECT_EQ(health().at("on_primary").get<int64_t>(), 0);
  EXPECT_GT(count(postgres.standby_url(), our_sessions), 0);
  EXPECT_EQ(count(db, our_sessions), 0);
  EXPECT_EQ(count(postgres.standby_url(), "SELECT pg_is_in_recovery()::int"), 1);

  // Writes go to the primary (the standby refuses them); what is written is
  // readable through the standby within the bound.
  const auto started = Clock::now();
  const HttpAnswer created =
      http_call(server.port(), "POST", "/api/v1/persons",
                Json{{"full_name", "Người Đọc Bản Sao"},
                     {"sex", "F"},
                     {"birth_date", "1971-03-04"},
                     {"area", "vn2022:27208"}}
                    .dump(),
                {{"Authorization", "Bearer " + token}, {"Idempotency-Key", "replica-1"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = Json::parse(created.body).at("id").get<int64_t>();
  EXPECT_EQ(count(db, "SELECT count(*) FROM persons WHERE id = " + std::to_string(id)), 1);
  int status = 0;
  while (Clock::now() - started < std::chrono::seconds(5)) {
    status = read_person(id).status;
    if (status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const auto visible_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  EXPECT_EQ(status, 200);
  EXPECT_LE(visible_ms, 2250) << "the write was not readable within the documented bound";
  std::printf("      (a write was readable through the standby after %lld ms)\n",
              static_cast<long long>(visible_ms));

  // The standby falls behind (its replay paused): once it is more than the
  // allowed lag behind, reads go to the primary, so a new write is readable
  // although the standby has not replayed it.
  PgConnection(postgres.standby_url()).query("SELECT pg_wal_replay_pause()", PgParams(), "pause");
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  const HttpAnswer behind =
      http_call(server.port(), "POST", "/api/v1/persons",
                Json{{"full_name", "Người Ghi Khi Bản Sao Chậm"},
                     {"sex", "M"},
                     {"birth_date", "1969-07-08"},
                     {"area", "vn2022:27208"}}
                    .dump(),
                {{"Authorization", "Bearer " + token}, {"Idempotency-Key", "replica-2"}});
  ASSERT_EQ(behind.status, 201) << behind.body;
  const int64_t late_id = Json::parse(behind.body).at("id").get<int64_t>();
  const auto written = Clock::now();
  status = 0;
  while (Clock::now() - written < std::chrono::seconds(2) && status != 200) {
    status = read_person(late_id).status;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(status, 200) << "a lagging standby kept serving the reads";
  EXPECT_EQ(count(postgres.standby_url(),
                  "SELECT count(*) FROM persons WHERE id = " + std::to_string(late_id)),
            0)
      << "the standby was not behind";
  PgConnection(postgres.standby_url()).query("SELECT pg_wal_replay_resume()", PgParams(), "resume");

  // The standby stops: every read still answers, from the primary.
  ASSERT_TRUE(postgres.halt_standby());
  const int64_t on_primary_before = health().at("on_primary").get<int64_t>();
  for (int i = 0; i < 30; ++i) {
    const HttpAnswer answer = read_person(first_person + i);
    EXPECT_EQ(answer.status, 200) << answer.body;
  }
  EXPECT_GE(health().at("on_primary").get<int64_t>() - on_primary_before, 30);

  // Back: after the pause the reads return to the standby by themselves.
  ASSERT_TRUE(postgres.resume_standby());
  const int64_t on_standby_before = health().at("on_standby").get<int64_t>();
  bool returned = false;
  for (int i = 0; i < 300 && !returned; ++i) {
    EXPECT_EQ(read_person(first_person).status, 200);
    returned = health().at("on_standby").get<int64_t>() > on_standby_before;
    if (!returned) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(returned) << "the reads did not return to the standby";

  server.process().terminate();
  EXPECT_EQ(server.process().wait().exit_code, 0);
}

}  // namespace
}  // namespace phongdich::testing
