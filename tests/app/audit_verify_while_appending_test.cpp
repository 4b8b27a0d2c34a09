// `audit verify` on a live system: other connections (other servers, on
// PostgreSQL) append while the chain is read. Their entries must never look like
// tampering. Runs once per store, as the other use-case tests do.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "app/audit_log.hpp"
#include "app/registry_fixture.hpp"
#include "store/store.hpp"

namespace phongdich::testing {
namespace {

constexpr int kAppends = 400;

AuditEvent read_of(int i) {
  AuditEvent event;
  event.user_id = 7;
  event.actor = "bs.hoa";
  event.action = "person.read";
  event.target = "person:" + std::to_string(i);
  event.area_id = 27208;
  event.remote = "10.0.0.2";
  return event;
}

using AuditVerifyWhileAppending = RegistryTest;

TEST_F(AuditVerifyWhileAppending, EntriesAppendedMeanwhileByAnotherConnectionAreNotTampering) {
  const std::string url = schema_ ? schema_->url() : (dir_ / "registry.db").string();
  std::atomic<bool> appending{true};
  std::thread other_server([&] {
    // A connection of its own, as another server process would have; every
    // append is its own transaction, so the head moves while verify reads.
    const std::unique_ptr<Store> store = open_store(url);
    AuditLog log(*store);
    for (int i = 1; i <= kAppends; ++i) log.append(read_of(i), 1'700'000'000'000 + i);
    appending = false;
  });

  AuditLog log(registry().store());
  int verifications = 0;
  int broken = 0;
  std::string first_problem;
  while (appending) {
    const AuditVerification result = log.verify();
    ++verifications;
    if (!result.intact) {
      if (broken++ == 0) first_problem = result.problem;
    }
  }
  other_server.join();
  EXPECT_EQ(broken, 0) << "of " << verifications << " verifications; the first: " << first_problem;

  const AuditVerification settled = log.verify();
  EXPECT_TRUE(settled.intact) << settled.problem;
  EXPECT_EQ(settled.entries, kAppends);
}

}  // namespace
}  // namespace phongdich::testing
