// The change feed of a PostgreSQL database (store/change_feed.hpp), read from
// the change_log table that statement triggers fill (change_log_schema.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/change_feed.hpp"
#include "store/postgres/pg_connection.hpp"

namespace phongdich {

// This process's name in change_log.origin: every read-write connection it
// opens sets it (PostgresStore's constructor), and its feeds skip those rows.
const std::string& pg_change_origin();

class PostgresChangeFeed final : public ChangeFeed {
 public:
  // Connects at once (throws StoreError when it cannot); reconnects by itself
  // at the next poll after the connection was lost.
  explicit PostgresChangeFeed(std::string url);
  StoreChanges poll() override;
  void prune() override;

 private:
  PgConnection& connection();
  StoreChanges read_changes();

  std::string url_;
  std::unique_ptr<PgConnection> db_;
  // Every change of a transaction below this id (xid8) has been handed over or
  // was rolled back; rows at or above it already handed over are in seen_.
  uint64_t watermark_ = 0;
  std::map<int64_t, uint64_t> seen_;  // seq -> xid
  std::chrono::steady_clock::time_point last_poll_;
};

}  // namespace phongdich
