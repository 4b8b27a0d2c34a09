// GET /api/v1/audit/verify checks the whole trail, which takes seconds once it
// holds millions of entries (21 s for 9.6 M): it must find tampering as the
// command line does, and must not hold back everyone's writes meanwhile.
#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "api/api_fixture.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace phongdich::testing {
namespace {

using namespace std::chrono_literals;
using AuditVerifyRoute = ApiTest;

TEST_F(AuditVerifyRoute, AnswersWhileTheWriterIsBusy) {
  const std::string token = login("auditor");
  // The first call looks the session up through the writer and keeps it.
  ASSERT_EQ(call("GET", "/api/v1/audit/verify", token).status, 200);
  service_->flush_audit();  // the login's entry and that call's, committed

  std::promise<void> writer_busy;
  std::atomic<bool> answered{false};
  std::atomic<bool> writer_released{false};
  std::thread writer([&] {
    service_->run_exclusive([&] {
      writer_busy.set_value();
      // A write in progress: held until the check has answered, or for 10 s
      // if the check waits for it.
      const auto give_up = std::chrono::steady_clock::now() + 10s;
      while (!answered && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(5ms);
      }
      writer_released = true;
    });
  });
  writer_busy.get_future().wait();
  const HttpAnswer answer = call("GET", "/api/v1/audit/verify", token);
  const bool answered_while_writer_busy = !writer_released;
  answered = true;
  writer.join();

  EXPECT_TRUE(answered_while_writer_busy);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_TRUE(answer.json()["intact"].get<bool>()) << answer.body;
  EXPECT_GE(answer.json()["entries"].get<int64_t>(), 2) << answer.body;
}

TEST_F(AuditVerifyRoute, NamesTheEditedEntry) {
  const std::string token = login("auditor");
  service_->flush_audit();
  const std::string edit = "UPDATE audit_log SET detail = 'nothing' WHERE seq = 1";
  service_->run_exclusive([&] {
    Store& store = registry_->store();
    if (auto* sqlite = dynamic_cast<SqliteStore*>(&store)) sqlite->db().exec(edit);
    if (auto* postgres = dynamic_cast<PostgresStore*>(&store)) postgres->db().exec(edit, "edit");
  });

  const HttpAnswer answer = call("GET", "/api/v1/audit/verify", token);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_FALSE(answer.json()["intact"].get<bool>()) << answer.body;
  EXPECT_EQ(answer.json()["first_bad_seq"], 1) << answer.body;
}

}  // namespace
}  // namespace phongdich::testing
