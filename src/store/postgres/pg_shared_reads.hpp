// Connections that many threads read through at once, their statements sent
// together in libpq's pipeline mode.
//
// Why: a person's page is one short query, and sent alone it costs the
// database about as much again in the round trip around it: the database
// process wakes, reads one request, answers and sleeps again, and so does
// the caller. Sent with the others waiting at the same moment, the wake-ups
// and the system calls are shared (pgbench, the person's query at 1 M persons:
// 25,000 queries/s one by one, 34,000 two at a time, 44,000 four at a time;
// at 10 M persons 17,700 one by one and 29,000 four at a time).
//
// No thread of its own: the first caller to find a connection idle sends
// what waits for it (its own statement among them) and, when the answers are
// in, hands the connection to the first caller that arrived meanwhile, which
// sends what waits by then. Callers wait for at most one batch before their
// own goes out. Two connections (lanes), each used so: while one batch is
// out, the other lane's callers are not held up by it, and the database
// process of one lane works while the other's answers are being read.
//
// Each statement runs on its own snapshot (READ COMMITTED), as it would on a
// connection of its own; a batch is one implicit transaction only in that a
// statement that fails skips the statements after it, and every caller of
// that batch then gets the failure (a read-only session: nothing to undo).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.hpp"

namespace phongdich {

class PgSharedReads {
 public:
  // Sessions of `conninfo` with `session_setup` run on each (and again after a
  // reconnection), `lanes` of them, each connected on first use.
  PgSharedReads(std::string conninfo, std::vector<std::string> session_setup, size_t lanes = 2);
  ~PgSharedReads();

  // One instance per conninfo and session setup, for as long as someone holds
  // it: the read-only stores of a process share it.
  static std::shared_ptr<PgSharedReads> for_session(const std::string& conninfo,
                                                    const std::vector<std::string>& session_setup);

  // Runs `statement` with `params` together with the other callers' and
  // returns its result; throws what the connection throws (StoreUnavailable
  // when the server is gone, after trying to reconnect as PgConnection does).
  PgResult run(const PgStatement& statement, const PgParams& params);

  // Batches sent, and statements in them so far; callers waiting for a batch
  // that is out (tests and measurements).
  size_t batches() const { return batches_; }
  size_t statements() const { return statements_; }
  size_t waiting() const;

 private:
  struct Caller;
  struct Lane;
  // The lane with the fewest callers, an idle one first.
  Lane& least_busy_lane();
  // Sends `batch` on `lane` in one pipeline and gives each caller its answer.
  void send(Lane& lane, const std::vector<Caller*>& batch);

  std::string conninfo_;
  std::vector<std::string> session_setup_;
  std::vector<std::unique_ptr<Lane>> lanes_;
  std::atomic<size_t> batches_{0};
  std::atomic<size_t> statements_{0};
};

}  // namespace phongdich
