// The auditor's routes read the whole audit trail: its verification takes
// seconds once the trail holds millions of entries (21 s for 9.6 M), and so does
// a search whose filter few entries match. They must answer as before, and
// must not hold back everyone's writes meanwhile.
#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <thread>

#include "api/api_fixture.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace phongdich::testing {
namespace {

using namespace std::chrono_literals;

class AuditRoutes : public ApiTest {
 protected:
  // Runs `request` while the writer thread is in the middle of a write: it has
  // appended an audit entry of `uncommitted_action` and not committed it yet.
  // The write is held until the request has answered, or for 10 s if the
  // request waits for it; then it commits. Returns the answer, and whether it
  // came while the write was still under way.
  std::pair<HttpAnswer, bool> during_a_write(const std::string& uncommitted_action,
                                             const std::function<HttpAnswer()>& request) {
    std::promise<void> write_under_way;
    std::atomic<bool> answered{false};
    std::atomic<bool> write_done{false};
    std::thread writer([&] {
      service_->run_exclusive([&] {
        registry_->store().transaction([&] {
          AuditEvent event;
          event.actor = "commune_staff";
          event.action = uncommitted_action;
          event.area_id = registry_->find_area(kInsideCommune)->id;  // the auditor's to see
          service_->audit_log().append(event, clock_ms_);
          write_under_way.set_value();
          const auto give_up = std::chrono::steady_clock::now() + 10s;
          while (!answered && std::chrono::steady_clock::now() < give_up) {
            std::this_thread::sleep_for(5ms);
          }
        });
        write_done = true;
      });
    });
    write_under_way.get_future().wait();
    HttpAnswer answer = request();
    const bool answered_during_the_write = !write_done;
    answered = true;
    writer.join();
    return {std::move(answer), answered_during_the_write};
  }

  // An auditor's token whose session the service already keeps (the first
  // call with a token looks it up through the writer), with every entry so
  // far committed.
  std::string auditor_ready() {
    const std::string token = login("auditor");
    EXPECT_EQ(call("GET", "/api/v1/audit?limit=1", token).status, 200);
    service_->flush_audit();
    return token;
  }
};

TEST_F(AuditRoutes, VerifyChecksWhatIsCommittedWithoutWaitingForAWriteUnderWay) {
  const std::string token = auditor_ready();
  const int64_t before = call("GET", "/api/v1/audit/verify", token).json()["entries"];
  service_->flush_audit();  // that call's own entry
  const auto [answer, during_the_write] = during_a_write(
      "test.uncommitted", [&] { return call("GET", "/api/v1/audit/verify", token); });
  EXPECT_TRUE(during_the_write);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_TRUE(answer.json()["intact"].get<bool>()) << answer.body;
  // The earlier call's entry, not the write's: that is not committed yet.
  EXPECT_EQ(answer.json()["entries"], before + 1) << answer.body;
}

TEST_F(AuditRoutes, VerifyNamesTheEditedEntry) {
  const std::string token = auditor_ready();
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

TEST_F(AuditRoutes, SearchFindsWhatIsCommittedWithoutWaitingForAWriteUnderWay) {
  const std::string token = auditor_ready();
  const std::string target = "/api/v1/audit?action=test.uncommitted";
  const auto [answer, during_the_write] =
      during_a_write("test.uncommitted", [&] { return call("GET", target, token); });
  EXPECT_TRUE(during_the_write);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.json()["items"].size(), 0u) << answer.body;
  // Once committed, it is found.
  EXPECT_EQ(call("GET", target, token).json()["items"].size(), 1u);
}

TEST_F(AuditRoutes, SearchFindsTheReadOfAMomentAgo) {
  const std::string token = auditor_ready();
  const std::string person = std::to_string(inside_person_);
  ASSERT_EQ(call("GET", "/api/v1/persons/" + person, login("commune_staff")).status, 200);
  // No flush here: the read's entry is still waiting in memory.
  const HttpAnswer answer =
      call("GET", "/api/v1/audit?action=person.read&target=person:" + person, token);
  ASSERT_EQ(answer.status, 200) << answer.body;
  ASSERT_EQ(answer.json()["items"].size(), 1u) << answer.body;
  EXPECT_EQ(answer.json()["items"][0]["actor"], "commune_staff") << answer.body;
}

}  // namespace
}  // namespace phongdich::testing
