// What the API tests share: a real registry on a SQLite file, one account of
// every role, the API served over real HTTP on a free loopback port, and a
// small blocking client. The clock is the test's, so expiry and lockout can be
// reached without waiting.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/api_service.hpp"
#include "api/http_server.hpp"
#include "app/registry.hpp"
#include "common/postgres_test_schema.hpp"
#include "common/temp_dir.hpp"
#include "store/store.hpp"

namespace phongdich::testing {

struct HttpAnswer {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  nlohmann::json json() const;  // the body parsed; null when it is not JSON
};

// One request on a new connection to 127.0.0.1:port.
HttpAnswer http_call(uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});

inline constexpr const char* kPassword = "mat-khau-thu-nghiem";

// Areas of the tests: Phường 15 of Quận 11 is "inside" the district and
// commune accounts; Phường Bến Nghé of Quận 1 is "outside" them.
inline constexpr const char* kInsideCommune = "vn2022:27208";
inline constexpr const char* kOutsideCommune = "vn2022:26740";
inline constexpr const char* kDistrict = "vn2022:772";

class ApiTest : public ::testing::Test {
 protected:
  ApiTest();
  ~ApiTest() override;

  uint16_t port() const { return server_->port(); }
  // A fresh session token of the named account ("commune_staff", "citizen" ...).
  std::string login(const std::string& username);
  HttpAnswer call(const std::string& method, const std::string& target,
                  const std::string& token = "", const std::string& body = "",
                  std::map<std::string, std::string> headers = {});
  // An auditor bound to the nation root (sees every entry, area-less ones too),
  // created on first call; returns a session token.
  std::string root_auditor();
  // The audit trail's last committed entry, read on a connection of its own
  // (as another process sees it: entries still waiting in memory are not there).
  std::optional<AuditEntry> last_committed_audit_entry();
  // POST with a new idempotency key.
  HttpAnswer post(const std::string& target, const std::string& token, const std::string& body);

  // The state of import `id` once it has ended (finished or failed), asked for
  // as `token`'s user every few milliseconds; a test failure after a minute.
  nlohmann::json import_at_end(const std::string& id, const std::string& token);

  // Stops the service as the server's shutdown does, and starts a new one on
  // the same registry with service_options_ (the HTTP server stays).
  void restart_service();

  PersonId add_person(const std::string& name, const std::string& commune,
                      const std::string& birth = "1980-05-01", const std::string& household = "");

  TempDir dir_;
  std::unique_ptr<PostgresTestSchema> schema_;  // PostgreSQL runs only; outlives the registry
  std::unique_ptr<Registry> registry_;
  api::ApiServiceOptions service_options_;
  std::unique_ptr<api::ApiService> service_;
  std::unique_ptr<api::HttpServer> server_;
  std::atomic<int64_t> clock_ms_{1'664'000'000'000};  // 2022-09-24
  PersonId inside_person_ = 0;
  PersonId outside_person_ = 0;
  HouseholdId inside_household_ = 0;  // the inside person's
  HouseholdId outside_household_ = 0;
  int64_t inside_user_ = 0;   // an account in Quận 11 for the administration routes
  int64_t outside_user_ = 0;  // and one in Quận 1
  int next_key_ = 0;
};

}  // namespace phongdich::testing
