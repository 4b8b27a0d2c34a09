// A server keeps the audit trail's index by record and by user up to date in
// the background (api/background_audit_indexer, on SQLite). The auditor's
// search by record finds every read of a person, those indexed and those
// appended since.
#include <chrono>
#include <thread>

#include "api/api_fixture.hpp"
#include "store/sqlite/audit_key_index.hpp"
#include "store/store.hpp"

namespace phongdich::testing {
namespace {

using namespace std::chrono_literals;

class AuditIndexBeside : public ApiTest {
 protected:
  // What the index beside the database covers, read as a search reads it.
  int64_t indexed_through() {
    return AuditKeyIndex(AuditKeyIndex::path_beside((dir_ / "registry.db").string()))
        .coverage()
        .through_seq;
  }
  // The seq of the trail's last committed entry, read on a connection of its own.
  int64_t last_seq() {
    const auto entry = last_committed_audit_entry();
    return entry ? entry->seq : 0;
  }
  size_t reads_found(const std::string& auditor, PersonId person) {
    const HttpAnswer answer = call(
        "GET", "/api/v1/audit?action=person.read&target=person:" + std::to_string(person), auditor);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return answer.json()["items"].size();
  }
};

TEST_F(AuditIndexBeside, ReadsOfAPersonAreFoundIndexedAndNotYetIndexed) {
  if (!registry_->store().audit_index_needs_upkeep()) {
    GTEST_SKIP() << "this store indexes the trail in its table";
  }
  service_options_.audit_index_interval = 10ms;
  restart_service();
  const std::string staff = login("commune_staff");
  const std::string auditor = root_auditor();
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(call("GET", "/api/v1/persons/" + std::to_string(inside_person_), staff).status, 200);
  }
  EXPECT_EQ(reads_found(auditor, inside_person_), 5u);  // a search flushes the waiting reads

  // The indexer catches up with the trail by itself.
  const auto give_up = std::chrono::steady_clock::now() + 30s;
  while (indexed_through() < last_seq() && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(10ms);
  }
  ASSERT_GE(indexed_through(), last_seq()) << "the server did not index its audit trail";
  EXPECT_EQ(reads_found(auditor, inside_person_), 5u);
  EXPECT_EQ(reads_found(auditor, outside_person_), 0u);

  // Reads after that are found too, indexed or not yet.
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(call("GET", "/api/v1/persons/" + std::to_string(inside_person_), staff).status, 200);
  }
  EXPECT_EQ(reads_found(auditor, inside_person_), 8u);
}

}  // namespace
}  // namespace phongdich::testing
