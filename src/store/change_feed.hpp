// What other processes have committed to a shared database since the last
// look: how several `phongdich serve` processes on one PostgreSQL database keep
// their in-memory indexes (coverage, due lists, names) in step with each
// other's writes (docs/scaling.md, "Several servers on one database").
//
// PostgreSQL only: a SQLite file has one server, and open_change_feed returns
// null for it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace phongdich {

// The rows as they are now (not as each write left them): applying them twice,
// or after the index already holds them, changes nothing.
struct StoreChanges {
  std::vector<StoredPerson> persons;  // inserted or updated, by id
  std::vector<DoseRecord> doses;      // inserted or updated, by person then date
  // Other tables written (the surveillance tables), by name, once each.
  std::vector<std::string> other_tables;
  // More time passed since the last poll than changes are kept for
  // (kChangeRetention): what changed is unknown, the caller reloads everything.
  bool lost = false;
  bool empty() const { return persons.empty() && doses.empty() && other_tables.empty() && !lost; }
};

class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;
  // Everything committed by other processes since the previous poll (since the
  // feed was opened, for the first), in one round trip when nothing changed.
  // A write committed before poll() is called is in its answer or an earlier one.
  virtual StoreChanges poll() = 0;
  // Forgets changes older than the retention (any server may; all do, now and then).
  virtual void prune() = 0;
};

// How long the database keeps changes for a server that has not looked.
inline constexpr int64_t kChangeRetentionMs = 3'600'000;

// A feed on its own connection to the database at `url`; null for a store
// that has no other writers (SQLite).
std::unique_ptr<ChangeFeed> open_change_feed(const std::string& url);

}  // namespace phongdich
