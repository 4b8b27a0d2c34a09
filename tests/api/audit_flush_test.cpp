// The audit entry of a read waits in memory and commits with the others: by
// itself once the flush interval has passed, sooner once enough entries wait,
// and not before either while nothing else asks for it (a write, an audit
// search or the shutdown would).
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "api/api_fixture.hpp"
#include "store/store.hpp"

namespace phongdich::testing {
namespace {

using namespace std::chrono_literals;

class AuditFlush : public ApiTest {
 protected:
  int64_t last_seq() {
    const auto entry = last_committed_audit_entry();
    return entry ? entry->seq : 0;
  }
  // Waits up to 30 s for the trail to reach `seq`; false if it does not.
  bool committed_through(int64_t seq) {
    const auto give_up = std::chrono::steady_clock::now() + 30s;
    while (last_seq() < seq) {
      if (std::chrono::steady_clock::now() > give_up) return false;
      std::this_thread::sleep_for(10ms);
    }
    return true;
  }
  void read_person(const std::string& token) {
    ASSERT_EQ(call("GET", "/api/v1/persons/" + std::to_string(inside_person_), token).status, 200);
  }
};

TEST_F(AuditFlush, AReadsEntryCommitsByItselfOnceTheIntervalHasPassed) {
  service_options_.audit_flush_interval = 50ms;
  service_options_.audit_flush_entries = 0;  // by time only
  restart_service();
  const std::string staff = login("commune_staff");
  service_->flush_audit();  // the login's entry
  const int64_t before = last_seq();
  read_person(staff);
  ASSERT_TRUE(committed_through(before + 1)) << "the read's entry was never committed";
  const auto entry = last_committed_audit_entry();
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->action, "person.read");
  EXPECT_EQ(entry->target, "person:" + std::to_string(inside_person_));
  EXPECT_EQ(entry->actor, "commune_staff");
}

TEST_F(AuditFlush, ReadsWaitForTheIntervalUntilEnoughOfThemWait) {
  service_options_.audit_flush_interval = 1h;
  service_options_.audit_flush_entries = 4;
  restart_service();
  const std::string staff = login("commune_staff");
  service_->flush_audit();  // the login's entry
  const int64_t before = last_seq();
  for (int i = 0; i < 3; ++i) read_person(staff);
  // Three wait: nothing commits them within the hour.
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(last_seq(), before) << "read entries committed before the interval or the count";
  read_person(staff);  // the fourth
  ASSERT_TRUE(committed_through(before + 4)) << "four waiting entries were not committed";
  EXPECT_EQ(last_seq(), before + 4);
}

TEST_F(AuditFlush, AnIntervalOfNothingIsRefusedRatherThanSpunOn) {
  for (const auto interval : {0ms, -5ms}) {
    service_options_.audit_flush_interval = interval;
    EXPECT_THROW(restart_service(), std::invalid_argument) << interval.count() << " ms";
  }
}

}  // namespace
}  // namespace phongdich::testing
