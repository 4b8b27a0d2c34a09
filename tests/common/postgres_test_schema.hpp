// The PostgreSQL server the tests use (PHONGDICH_TEST_POSTGRES_URL, set by
// scripts/test.sh through scripts/test-postgres.sh) and a schema of its own for
// one test. Shared by the store and the use-case tests.
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <optional>
#include <random>
#include <string>

#include "store/postgres/pg_connection.hpp"

namespace phongdich::testing {

// The test server's URL; nullopt when the variable is unset (the PostgreSQL runs
// are then skipped with kNoPostgresMessage).
inline std::optional<std::string> test_postgres_url() {
  const char* url = ::getenv("PHONGDICH_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

// Whether the tests of this process run on PostgreSQL: CTest runs the use-case
// and API tests once as they are and once with PHONGDICH_TEST_STORE=postgres.
inline bool test_store_is_postgres() {
  const char* store = ::getenv("PHONGDICH_TEST_STORE");
  return store != nullptr && std::string(store) == "postgres";
}

inline constexpr const char* kNoPostgresMessage =
    "PHONGDICH_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against "
    "(scripts/test.sh starts one; or scripts/test-postgres.sh start)";

// A schema created now and dropped, with everything in it, when the object goes;
// url() opens connections inside it. A schema is much faster to make than a
// database (no file copy, no checkpoint), and as isolated for these tests.
class PostgresTestSchema {
 public:
  explicit PostgresTestSchema(std::string server_url) : server_url_(std::move(server_url)) {
    // Unique across the test processes CTest runs side by side.
    static std::atomic<int> counter{0};
    std::random_device random;
    name_ = "test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
            std::to_string(random() % 1'000'000);
    PgConnection(server_url_).exec("CREATE SCHEMA " + name_, "create test schema");
  }
  ~PostgresTestSchema() {
    try {
      PgConnection(server_url_).exec("DROP SCHEMA " + name_ + " CASCADE", "drop test schema");
    } catch (const StoreError&) {
      // The server is gone already: so is the schema.
    }
  }
  PostgresTestSchema(const PostgresTestSchema&) = delete;
  PostgresTestSchema& operator=(const PostgresTestSchema&) = delete;

  const std::string& name() const { return name_; }
  // The server URL with search_path set to this schema (libpq's options parameter).
  std::string url() const {
    const char separator = server_url_.find('?') == std::string::npos ? '?' : '&';
    return server_url_ + separator + "options=-csearch_path%3D" + name_;
  }

 private:
  std::string server_url_;
  std::string name_;
};

}  // namespace phongdich::testing
